// PuppetDB's query API (/pdb/query/v4): the fleet's inventory. Only GET queries; nothing is written.
import { twitchError } from '../errors';
import { printable } from '../text';
import { isNoAnswer, type Request } from '../client/http';

export const QUERY_PATH = '/pdb/query/v4';
/** certnames per inventory query: keeps each URL well under PuppetDB's (Jetty's) request line limit */
export const LOOKUP_BATCH = 200;

const failed = (message: string) => twitchError('PUPPETDB_FAILED', message);

export interface PuppetDb {
  url: string;
  request: Request;
  connectMs: number;
  timeoutMs: number;
}

/** A query's rows; a PQL string or an AST (a JSON array) alike, as PuppetDB takes both in `query=`. */
export async function query(db: PuppetDb, text: string): Promise<Array<Record<string, unknown>>> {
  const url = `${db.url}${QUERY_PATH}?query=${encodeURIComponent(text)}`;
  let answer;
  try {
    answer = await db.request(url, { headers: { Accept: 'application/json' }, connectMs: db.connectMs, timeoutMs: db.timeoutMs });
  } catch (err) {
    const why = (err as Error).message;
    const hint = isNoAnswer(err) && err.stage === 'tls' ? ' Check --cacert, --cert and --key.' : ' Check --puppetdb.';
    throw failed(`Cannot query PuppetDB at ${db.url}: ${why}.${hint}`);
  }
  if (answer.status !== 200) {
    // PuppetDB's words go to a terminal: no control character of theirs reaches it
    const body = printable(answer.body.trim().split('\n').slice(0, 3).join(' '), 500);
    const hint = answer.status === 400 ? ' Check the query.' : answer.status === 403 || answer.status === 401 ? ' PuppetDB refused this client: check --cert and --key, and its certificate-allowlist.' : '';
    throw failed(`PuppetDB answered ${answer.status} to the query: ${body || '(no text)'}.${hint}`);
  }
  let rows: unknown;
  try {
    rows = JSON.parse(answer.body);
  } catch {
    throw failed(`PuppetDB's answer to the query is not JSON: ${printable(answer.body, 200)}`);
  }
  if (!Array.isArray(rows)) throw failed('PuppetDB\'s answer to the query is not a list of rows.');
  return rows as Array<Record<string, unknown>>;
}

/** The certnames a query selects, sorted and each once; rows without a certname are an error the user can fix. */
export function certnamesOf(rows: ReadonlyArray<Record<string, unknown>>): string[] {
  const names = new Set<string>();
  for (const row of rows) {
    if (row === null || typeof row !== 'object' || typeof row.certname !== 'string') {
      throw failed(`The query's rows must have a certname (for example nodes[certname] { ... }); this one has not: ${printable(JSON.stringify(row) ?? String(row), 200)}`);
    }
    names.add(row.certname);
  }
  return [...names].sort();
}

/** The AST that reads one fact of the given nodes from the inventory (PQL cannot list certnames this safely). */
export function factLookupQuery(fact: string, certnames: readonly string[]): string {
  return JSON.stringify(['from', 'inventory', ['extract', ['certname', `facts.${fact}`], ['in', 'certname', ['array', certnames]]]]);
}

/** certname → the fact's value, for each node that has it as a string. */
export async function lookupFact(db: PuppetDb, fact: string, certnames: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < certnames.length; i += LOOKUP_BATCH) {
    const rows = await query(db, factLookupQuery(fact, certnames.slice(i, i + LOOKUP_BATCH)));
    for (const row of rows) {
      const value = row[`facts.${fact}`];
      if (typeof row.certname === 'string' && typeof value === 'string' && value !== '') found.set(row.certname, value);
    }
  }
  return found;
}
