// Reading the project's Markdown the way a reader's renderer does: code blocks, links, heading anchors, and the
// puppet-twitch commands its shell examples give. Pure: the docs test feeds it files and help texts.

export interface CodeBlock {
  lang: string;
  lines: string[];
}

export interface Markdown {
  /** the lines outside code blocks */
  prose: string[];
  blocks: CodeBlock[];
}

const FENCE = /^\s*(`{3,}|~{3,})\s*([\w-]*)/;

export function parseMarkdown(text: string): Markdown {
  const prose: string[] = [];
  const blocks: CodeBlock[] = [];
  let open: { fence: string; block: CodeBlock } | undefined;
  for (const line of text.split('\n')) {
    const fence = FENCE.exec(line);
    if (open === undefined && fence !== null) {
      open = { fence: fence[1], block: { lang: fence[2].toLowerCase(), lines: [] } };
    } else if (open !== undefined && fence !== null && fence[1].startsWith(open.fence) && fence[2] === '') {
      blocks.push(open.block);
      open = undefined;
    } else if (open !== undefined) {
      open.block.lines.push(line);
    } else {
      prose.push(line);
    }
  }
  return { prose, blocks };
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
export function slug(heading: string): string {
  return heading
    .replace(/<[^>]*>/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a file offers: its headings' (a repeated one gets -1, -2, …) and HTML `name`/`id` anchors. */
export function anchors(md: Markdown): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of md.prose) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading !== null) {
      const base = slug(heading[1]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      found.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const m of line.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) found.add(m[1]);
  }
  return found;
}

/** The targets of the Markdown links in prose (inline code spans are not links). */
export function links(md: Markdown): string[] {
  const out: string[] = [];
  for (const line of md.prose) {
    const text = line.replace(/`[^`]*`/g, '');
    for (const m of text.matchAll(/\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push(m[1]);
    const reference = /^\s*\[[^\]]+\]:\s*(\S+)/.exec(text);
    if (reference !== null) out.push(reference[1]);
  }
  return out;
}

export const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

export interface Invocation {
  /** the sub-commands the line names (`start|restart` names two); `[]`: none, so `serve` */
  commands: string[];
  /** the option names it gives: `--dir X` and `dir=X` are both `dir` */
  options: string[];
  line: string;
}

const SHELL = new Set(['sh', 'bash', 'shell', 'console', 'shell-session']);

/** The command lines of the shell blocks: prompts of console blocks, every line of script blocks, continuations joined. */
export function shellLines(md: Markdown): string[] {
  const out: string[] = [];
  for (const block of md.blocks.filter((b) => SHELL.has(b.lang))) {
    const prompted = block.lang === 'console' || block.lang === 'shell-session';
    let current: string | undefined;
    for (const line of block.lines) {
      if (current !== undefined) current = `${current.slice(0, -1)} ${line.trim()}`;
      else if (!prompted) current = line;
      else if (/^\s*\$ /.test(line)) current = line.replace(/^\s*\$ /, '');
      else continue;
      if (!current.trimEnd().endsWith('\\')) {
        out.push(current);
        current = undefined;
      } else current = current.trimEnd();
    }
    if (current !== undefined) out.push(current);
  }
  return out;
}

/** A line without quoted strings and comments: what is left are words the shell would see unquoted. */
function unquoted(line: string): string {
  return line
    .replace(/'[^']*'/g, "''")
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/(^|\s)#.*$/, '$1');
}

/** Splits at `&&`, `||`, `;` and a pipe ` | `, but not inside [ ] or ( ) nor before an option (`--help | --version`). */
function simpleCommands(line: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const two = line.slice(i, i + 2);
      const pipe = c === '|' && two !== '||' && /\s/.test(line[i - 1] ?? ' ') && !/^\|\s+-/.test(line.slice(i));
      if (two === '&&' || two === '||' || c === ';' || pipe) {
        parts.push(line.slice(start, i));
        i += two === '&&' || two === '||' ? 1 : 0;
        start = i + 1;
      }
    }
  }
  parts.push(line.slice(start));
  return parts;
}

const isOption = (word: string) => word.startsWith('-');
const isKeyValue = (word: string) => /^[a-z_]+=/.test(word);

/** The puppet-twitch commands of a line: `puppet-twitch …`, `/path/puppet-twitch …` or `node [path/]puppet-twitch.js …`. */
export function invocations(line: string): Invocation[] {
  const out: Invocation[] = [];
  for (const part of simpleCommands(unquoted(line))) {
    const words = part.trim().split(/\s+/).filter((w) => w !== '');
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words.shift();
    let rest: string[];
    if (/^(?:\S*\/)?puppet-twitch$/.test(words[0] ?? '')) rest = words.slice(1);
    else if (/^(?:\S*\/)?node$/.test(words[0] ?? '')) {
      const script = words.findIndex((w, i) => i > 0 && !isOption(w));
      if (script === -1 || !/(?:^|\/)puppet-twitch\.js$/.test(words[script])) continue;
      rest = words.slice(script + 1);
    } else continue;
    rest = rest.map((w) => w.replace(/[[\]()]/g, '')).filter((w) => w !== '' && w !== '|');
    const first = rest[0];
    const commands = first !== undefined && !isOption(first) && !isKeyValue(first) ? first.split('|') : [];
    const options = rest.flatMap((w) => {
      if (w === '--') return [];
      if (w.startsWith('--')) return [w.slice(2).split('=')[0]];
      if (isOption(w)) return [w];
      if (isKeyValue(w)) return [w.split('=')[0]];
      return [];
    });
    out.push({ commands, options, line });
  }
  return out;
}

/** The option names a help text gives a command, and the commands it knows, from `puppet-twitch <command> …` lines. */
export function helpOptions(help: string): { commands: Set<string>; options: Map<string, Set<string>>; global: Set<string> } {
  const commands = new Set<string>();
  const options = new Map<string, Set<string>>();
  const global = new Set<string>();
  const names = (text: string) => [...text.matchAll(/(?:--([a-z][a-z0-9-]*)|(?:^|[\s[])([a-z_]+)=)/g)].map((m) => m[1] ?? m[2]);
  for (const line of help.split('\n')) {
    const usage = /^\s*(?:Usage:\s*)?(?:The original's form is accepted too:\s*)?puppet-twitch\s+(.*)$/.exec(line);
    if (usage !== null) {
      const words = usage[1].replace(/\([^)]*\)\s*$/, '').split(/\s+/);
      const first = words[0].replace(/[[\]]/g, '');
      const own = first.startsWith('-') || isKeyValue(first) ? [] : first.split('|');
      const given = names(words.join(' '));
      if (own.length === 0) given.forEach((n) => global.add(n));
      for (const c of own) {
        commands.add(c);
        const set = options.get(c) ?? new Set<string>();
        given.forEach((n) => set.add(n));
        options.set(c, set);
      }
      continue;
    }
    // An entry of an options list that names the commands it is for (`--dir DIR  run directory of start/stop/…`).
    const entry = /^\s+--([a-z][a-z0-9-]*)\s.*$/.exec(line);
    if (entry !== null) for (const c of commands) if (new RegExp(`\\b${c}\\b`).test(line.slice(line.indexOf(entry[1]) + entry[1].length))) options.get(c)?.add(entry[1]);
  }
  return { commands, options, global };
}
