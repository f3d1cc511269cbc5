// --retry-from FILE: an earlier rollout's --format json document, or its --format jsonl stream → the nodes to run
// again (those whose outcome is one of `outcomes`) and the address each was reached at. Pure.
// A stream cut short (the client killed) has a start line naming every node but no end line: its nodes without a
// node line are `unrecorded`, and retried as well unless --retry-outcomes leaves them out.
import { twitchError } from '../errors';
import { isJsonObject, type JsonObject } from '../json';
import { printable } from '../text';
import { NODE_OUTCOMES, type NodeOutcome, type RetryOutcome } from './outcomes';
import type { Target } from './targets';

/** What a file holds: its nodes as they ended there, or that their end is not known. */
interface Recorded {
  node: string;
  address: string | null;
  outcome: RetryOutcome;
}

export interface Retry {
  targets: Target[];
  /** what to say before the rollout: how many nodes of an interrupted stream have no result; null: none */
  notice: string | null;
}

const NOT_OURS = 'Give a file that --format json or --format jsonl wrote.';

const addressOf = (value: JsonObject): string | null => (typeof value.address === 'string' && value.address !== '' ? value.address : null);

function recorded(value: unknown, where: string, bad: (why: string) => never): Recorded {
  if (!isJsonObject(value) || typeof value.node !== 'string' || value.node === '') return bad(`${where} has no node name. ${NOT_OURS}`);
  const outcome = value.outcome;
  if (typeof outcome !== 'string' || !(NODE_OUTCOMES as readonly string[]).includes(outcome)) {
    return bad(`${where} (${printable(value.node, 255)}) has no outcome this version knows (${printable(String(outcome), 40)}). ${NOT_OURS}`);
  }
  return { node: value.node, address: addressOf(value), outcome: outcome as NodeOutcome };
}

/** A --format json document's nodes, or null when `text` is not one (a stream of one line is a stream). */
function fromDocument(text: string, bad: (why: string) => never): Recorded[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isJsonObject(value) || !Array.isArray(value.nodes) || 'event' in value) return null;
  return value.nodes.map((n, i) => recorded(n, `node ${i + 1} of the document`, bad));
}

/** A start line's nodes, by name, each unrecorded until a node line says how it ended. */
function startNodes(value: JsonObject, line: number, bad: (why: string) => never): Map<string, Recorded> {
  if (!Array.isArray(value.nodes)) return bad(`line ${line} (the start) has no list of nodes. ${NOT_OURS}`);
  return new Map(
    value.nodes.map((n, i): [string, Recorded] => {
      if (!isJsonObject(n) || typeof n.node !== 'string' || n.node === '') return bad(`node ${i + 1} of line ${line} (the start) has no node name. ${NOT_OURS}`);
      return [n.node, { node: n.node, address: addressOf(n), outcome: 'unrecorded' }];
    }),
  );
}

/**
 * A --format jsonl stream's node lines (`{"event":"node",...}`), in the order written; after them, the nodes of a
 * start line that no end line followed and no node line after it names (a stream cut short). The end line is
 * passed over otherwise; a stream without a start line (an older version's) is its node lines.
 */
function fromLines(text: string, bad: (why: string) => never): Recorded[] {
  const found: Recorded[] = [];
  let open: Map<string, Recorded> | null = null;
  const cut = () => {
    if (open !== null) found.push(...open.values());
    open = null;
  };
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      bad(`line ${i + 1} is not JSON, so it is neither a JSON document nor a JSON lines stream. ${NOT_OURS}`);
    }
    if (!isJsonObject(value)) return bad(`line ${i + 1} is not a JSON object. ${NOT_OURS}`);
    if (value.event === 'node') {
      const r = recorded(value, `line ${i + 1}`, bad);
      found.push(r);
      open?.delete(r.node);
    } else if (value.event === 'start') {
      cut();
      open = startNodes(value, i + 1, bad);
    } else if (value.event === 'end') {
      open = null;
    }
  });
  cut();
  return found;
}

const nodes = (n: number): string => `${n} ${n === 1 ? 'node' : 'nodes'}`;

/**
 * The nodes of `text` (read from `file`) whose outcome is one of `outcomes`, sorted by certname, each once (a
 * stream's later line wins). A file that is no such document or stream, or has no such node, is a usage error.
 */
export function retryTargets(text: string, file: string, outcomes: readonly RetryOutcome[]): Retry {
  const bad = (why: string): never => {
    throw twitchError('USAGE', `fleet: --retry-from ${printable(file, 255)}: ${why}`);
  };
  const all = fromDocument(text, bad) ?? fromLines(text, bad);
  if (all.length === 0) bad(`it lists no nodes. ${NOT_OURS}`);
  const last = new Map(all.map((n) => [n.node, n]));
  const unrecorded = [...last.values()].filter((n) => n.outcome === 'unrecorded').length;
  const retried = outcomes.includes('unrecorded');
  const notice =
    unrecorded === 0
      ? null
      : `fleet: --retry-from ${printable(file, 255)}: ${nodes(unrecorded)} of the interrupted stream ${unrecorded === 1 ? 'has' : 'have'} no result: ` +
        (retried ? 'retried' : 'not retried (--retry-outcomes does not name unrecorded)');
  const chosen = [...last.values()].filter((n) => outcomes.includes(n.outcome));
  if (chosen.length === 0) bad(`none of its ${last.size} nodes ended ${outcomes.join(', ')}: there is nothing to retry.`);
  const targets = chosen.map(({ node, address }) => ({ node, address })).sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  return { targets, notice };
}
