// Puppet's puppet.conf → the server the agent asks for its catalog. Pure.
// An INI file: `[section]` headers, `key = value` lines, `#` or `;` comments; lines before any header are [main].

type Sections = Map<string, Map<string, string>>;

function sections(text: string): Sections {
  const out: Sections = new Map([['main', new Map()]]);
  let current = out.get('main') as Map<string, string>;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = header[1].trim();
      current = out.get(name) ?? new Map();
      out.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) current.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return out;
}

/** A host from `host`, `host:port` or `[v6]:port`. */
function host(entry: string): string {
  const e = entry.trim();
  if (e.startsWith('[')) return e.slice(1, e.indexOf(']') === -1 ? undefined : e.indexOf(']'));
  const colon = e.indexOf(':');
  return colon !== -1 && e.indexOf(':', colon + 1) === -1 ? e.slice(0, colon) : e;
}

/**
 * The agent's server: the first entry of `server_list` when set, else `server`; each from [agent] over [main].
 * null when puppet.conf sets neither (Puppet then asks the host named "puppet").
 */
export function puppetServer(text: string): string | null {
  const s = sections(text);
  const setting = (key: string) => s.get('agent')?.get(key) ?? s.get('main')?.get(key);
  const first = setting('server_list')?.split(',').map(host).find((h) => h !== '');
  if (first !== undefined) return first;
  const server = setting('server');
  return server === undefined || server === '' ? null : server;
}

/** The server puppet.args name (`--server_list=…` over `--server=…`, as Puppet reads them); they override puppet.conf for the runs this service starts. */
export function serverFromArgs(args: readonly string[]): string | undefined {
  const value = (name: string) => args.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3)).pop();
  const first = value('server_list')?.split(',').map(host).find((h) => h !== '');
  const server = value('server')?.trim();
  return first ?? (server === '' ? undefined : server);
}
