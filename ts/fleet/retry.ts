// --retry-from FILE: an earlier rollout's --format json document, or its --format jsonl stream → the nodes to run
// again (those whose outcome is one of `outcomes`) and the address each was reached at. Pure.
import { twitchError } from '../errors';
import { isJsonObject } from '../json';
import { printable } from '../text';
import { NODE_OUTCOMES, type NodeOutcome } from './outcomes';
import type { Target } from './targets';

/** What a file holds: its nodes as they ended there. */
interface Recorded {
  node: string;
  address: string | null;
  outcome: NodeOutcome;
}

const NOT_OURS = 'Give a file that --format json or --format jsonl wrote.';


function recorded(value: unknown, where: string, bad: (why: string) => never): Recorded {
  if (!isJsonObject(value) || typeof value.node !== 'string' || value.node === '') return bad(`${where} has no node name. ${NOT_OURS}`);
  const outcome = value.outcome;
  if (typeof outcome !== 'string' || !(NODE_OUTCOMES as readonly string[]).includes(outcome)) {
    return bad(`${where} (${printable(value.node, 255)}) has no outcome this version knows (${printable(String(outcome), 40)}). ${NOT_OURS}`);
  }
  const address = typeof value.address === 'string' && value.address !== '' ? value.address : null;
  return { node: value.node, address, outcome: outcome as NodeOutcome };
}

/** A --format json document's nodes, or null when `text` is not one. */
function fromDocument(text: string, bad: (why: string) => never): Recorded[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isJsonObject(value) || !Array.isArray(value.nodes)) return null;
  return value.nodes.map((n, i) => recorded(n, `node ${i + 1} of the document`, bad));
}

/** A --format jsonl stream's node lines (`{"event":"node",...}`); its other lines (the end) are passed over. */
function fromLines(text: string, bad: (why: string) => never): Recorded[] {
  const found: Recorded[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      bad(`line ${i + 1} is not JSON, so it is neither a JSON document nor a JSON lines stream. ${NOT_OURS}`);
    }
    if (!isJsonObject(value)) bad(`line ${i + 1} is not a JSON object. ${NOT_OURS}`);
    else if (value.event === 'node') found.push(recorded(value, `line ${i + 1}`, bad));
  });
  return found;
}

/**
 * The nodes of `text` (read from `file`) whose outcome is one of `outcomes`, sorted by certname, each once (a
 * stream's later line wins). A file that is no such document or stream, or has no such node, is a usage error.
 */
export function retryTargets(text: string, file: string, outcomes: readonly NodeOutcome[]): Target[] {
  const bad = (why: string): never => {
    throw twitchError('USAGE', `fleet: --retry-from ${printable(file, 255)}: ${why}`);
  };
  const nodes = fromDocument(text, bad) ?? fromLines(text, bad);
  if (nodes.length === 0) bad(`it lists no nodes. ${NOT_OURS}`);
  const last = new Map(nodes.map((n) => [n.node, n]));
  const chosen = [...last.values()].filter((n) => outcomes.includes(n.outcome));
  if (chosen.length === 0) bad(`none of its ${last.size} nodes ended ${outcomes.join(', ')}: there is nothing to retry.`);
  return chosen.map(({ node, address }) => ({ node, address })).sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}
