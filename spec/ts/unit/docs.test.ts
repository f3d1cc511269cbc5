// The docs cannot drift: every relative link and anchor in README.md and docs/ resolves, every option a shell
// example gives puppet-twitch is one its --help lists, and the one-sentence summary is the same everywhere.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs, USAGE } from '../../../ts/cli';
import { parseFleetArgs } from '../../../ts/fleet/args';
import { FLEET_USAGE } from '../../../ts/fleet/usage';
import { anchors, helpOptions, invocations, isExternal, links, parseMarkdown, shellLines, type Invocation, type Markdown } from '../support/markdown';
import { repoRoot } from '../support/service';

const docsDir = join(repoRoot, 'docs');
const documents = ['README.md', ...readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];
const parsed = new Map<string, Markdown>();
const markdown = (file: string): Markdown => {
  const known = parsed.get(file);
  if (known !== undefined) return known;
  const md = parseMarkdown(readFileSync(file, 'utf8'));
  parsed.set(file, md);
  return md;
};

/** What a link from `from` (a file under the repository) to `target` fails on, or undefined when it resolves. */
function brokenLink(from: string, target: string): string | undefined {
  const [path, anchor] = target.split('#', 2) as [string, string | undefined];
  const file = path === '' ? from : resolve(dirname(from), decodeURIComponent(path));
  if (relative(repoRoot, file).startsWith('..')) return 'points outside the repository';
  if (!existsSync(file)) return `${relative(repoRoot, file)} does not exist`;
  if (anchor === undefined) return undefined;
  if (!statSync(file).isFile() || !file.endsWith('.md')) return `an anchor into ${relative(repoRoot, file)}, which is not a Markdown file`;
  return anchors(markdown(file)).has(anchor) ? undefined : `${relative(repoRoot, file)} has no anchor #${anchor}`;
}

/** The help text a command prints (`puppet-twitch <command> --help`), as the CLI's own dispatch decides it. */
function helpText(command: string | undefined): string {
  if (command === 'fleet') {
    assert.equal(parseFleetArgs(['--help']), 'help');
    return FLEET_USAGE;
  }
  assert.equal(parseArgs([...(command === undefined ? [] : [command]), '--help']).command, 'help');
  return USAGE;
}

/** What is wrong with one invocation a doc shows, measured against the --help of its sub-command. */
function wrongOptions(inv: Invocation): string[] {
  const main = helpOptions(helpText(undefined));
  const problems: string[] = [];
  for (const command of inv.commands.length === 0 ? ['serve'] : inv.commands) {
    if (command === 'fleet') {
      const known = new Set([...helpText('fleet').matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1]));
      for (const o of inv.options) if (!known.has(o)) problems.push(`'fleet' has no option '${o}' (puppet-twitch fleet --help)`);
      continue;
    }
    if (!main.commands.has(command)) {
      problems.push(`'${command}' is not a sub-command (puppet-twitch --help)`);
      continue;
    }
    const known = new Set([...(helpOptions(helpText(command)).options.get(command) ?? []), ...main.global]);
    for (const o of inv.options) if (!known.has(o)) problems.push(`'${command}' has no option '${o}' (puppet-twitch ${command} --help)`);
  }
  return problems;
}

const firstParagraph = (text: string) => text.trim().split(/\n\s*\n/)[0].replace(/\s+/g, ' ').replace(/\.$/, '');

describe('docs', () => {
  it('README.md and docs/ hold the documents the README links to', () => {
    for (const topic of ['api', 'security', 'operations', 'fleet', 'development']) assert.ok(documents.includes(join('docs', `${topic}.md`)), topic);
  });

  it('every relative link and anchor in README.md and docs/ resolves', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const doc of documents) {
      const file = join(repoRoot, doc);
      for (const target of links(markdown(file)).filter((t) => !isExternal(t))) {
        checked++;
        const why = brokenLink(file, target);
        if (why !== undefined) broken.push(`${doc}: (${target}): ${why}`);
      }
    }
    assert.ok(checked > 20, `only ${checked} links found: the parser missed them`);
    assert.deepEqual(broken, []);
  });

  it('the link check finds a missing file, a missing anchor and a wrong anchor case', () => {
    const readme = join(repoRoot, 'README.md');
    assert.equal(brokenLink(readme, 'docs/api.md#endpoints'), undefined);
    assert.equal(brokenLink(readme, '#usage'), undefined);
    assert.equal(brokenLink(readme, 'REFERENCE.md#twitch'), undefined);
    assert.match(brokenLink(readme, 'docs/nope.md') ?? '', /does not exist/);
    assert.match(brokenLink(readme, 'docs/api.md#no-such-section') ?? '', /no anchor/);
    assert.match(brokenLink(readme, 'docs/api.md#Endpoints') ?? '', /no anchor/);
  });

  it('the shell examples give puppet-twitch only options its --help lists', () => {
    const found: Invocation[] = [];
    const problems: string[] = [];
    for (const doc of documents) {
      for (const line of shellLines(markdown(join(repoRoot, doc)))) {
        for (const inv of invocations(line)) {
          found.push(inv);
          for (const p of wrongOptions(inv)) problems.push(`${doc}: ${inv.line.trim()}: ${p}`);
        }
      }
    }
    const commands = new Set(found.flatMap((i) => i.commands));
    for (const c of ['serve', 'start', 'status', 'token', 'fleet']) assert.ok(commands.has(c), `no shell example of '${c}' found: the parser missed them`);
    assert.deepEqual(problems, []);
  });

  it('the option check refuses a misspelt option, an option of another command and an unknown command', () => {
    const check = (line: string) => invocations(line).flatMap(wrongOptions);
    assert.deepEqual(check('puppet-twitch start dir=/var/run/puppet-twitch -- port=8090'), []);
    assert.deepEqual(check('echo "$TOKEN" | puppet-twitch token hash   # a comment --nope'), []);
    assert.deepEqual(check("node /opt/puppet-twitch/puppet-twitch.js fleet --query 'nodes[certname] { a = \"--x\" }' --busy-timeout 300"), []);
    assert.match(check('puppet-twitch serve --prot 8090').join(), /'serve' has no option 'prot'/);
    assert.match(check('puppet-twitch serve --id deploy').join(), /'serve' has no option 'id'/);
    assert.match(check('puppet-twitch status dri=/run/x').join(), /'status' has no option 'dri'/);
    assert.match(check('puppet-twitch fleet --nodes a --busy-timeot 3').join(), /'fleet' has no option 'busy-timeot'/);
    assert.match(check('puppet-twitch frobnicate').join(), /'frobnicate' is not a sub-command/);
  });

  it("metadata.json's summary, the README's first paragraph and --help say the same sentence", () => {
    const summary = (JSON.parse(readFileSync(join(repoRoot, 'metadata.json'), 'utf8')) as { summary: string }).summary;
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const intro = firstParagraph(readme.slice(readme.indexOf('\n') + 1));
    assert.equal(intro, firstParagraph(summary));
    assert.equal(firstParagraph(USAGE), firstParagraph(summary));
    assert.ok(summary.length <= 144, 'the Forge takes a summary of at most 144 characters');
  });

  it('README.md fits a Forge page: at most 400 lines, with include twitch in its first 60', () => {
    const lines = readFileSync(join(repoRoot, 'README.md'), 'utf8').split('\n');
    assert.ok(lines.length <= 400, `${lines.length} lines`);
    assert.ok(lines.slice(0, 60).some((l) => /^\s*include twitch\b/.test(l)), 'include twitch in the first 60 lines');
  });
});
