// The selection (--query, --nodes, --nodes-file, --retry-from) → the nodes to run and where to reach each.
import { readFileSync } from 'node:fs';
import { twitchError } from '../errors';
import type { Selection } from './args';
import { certnamesOf, lookupFact, query, type PuppetDb } from './puppetdb';
import { retryTargets } from './retry';

export interface Target {
  node: string;
  /** host to connect to; null: --address-fact is set and PuppetDB has no such fact for the node */
  address: string | null;
}

/** Pure: a nodes file's certnames (one a line, # comments and blank lines ignored), each once. */
export function parseNodesFile(text: string): string[] {
  const names = text.split('\n').map((line) => line.replace(/#.*/, '').trim()).filter((line) => line !== '');
  return [...new Set(names)];
}

export interface Targets {
  targets: Target[];
  /** seconds spent waiting on PuppetDB (query and address lookups); null when PuppetDB was not asked */
  puppetdbSeconds: number | null;
  /** what stderr says before the rollout (the nodes of an interrupted --retry-from stream); null: nothing */
  notice: string | null;
}

function readSelectionFile(option: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw twitchError('USAGE', `fleet: cannot read ${option} ${file}: ${(err as Error).message}`);
  }
}

export async function resolveTargets(selection: Selection, addressFact: string | null, db: PuppetDb): Promise<Targets> {
  let certnames: string[];
  let puppetdbMs: number | null = null;
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      puppetdbMs = (puppetdbMs ?? 0) + performance.now() - t0;
    }
  };
  // a retry reaches each node where the earlier rollout did, unless --address-fact asks PuppetDB again
  let recorded: Target[] | null = null;
  let notice: string | null = null;
  if ('query' in selection) {
    certnames = certnamesOf(await timed(() => query(db, selection.query)));
  } else if ('nodes' in selection) {
    certnames = [...new Set(selection.nodes)].sort();
  } else if ('retry_from' in selection) {
    ({ targets: recorded, notice } = retryTargets(readSelectionFile('--retry-from', selection.retry_from), selection.retry_from, selection.outcomes));
    certnames = recorded.map((t) => t.node);
  } else {
    certnames = parseNodesFile(readSelectionFile('--nodes-file', selection.nodes_file)).sort();
  }
  if (certnames.length === 0) {
    throw twitchError('USAGE', 'fleet: no nodes selected' + ('query' in selection ? ': the query matched none.' : '.'));
  }
  let targets: Target[] = recorded ?? certnames.map((node) => ({ node, address: node }));
  if (addressFact !== null) {
    const addresses = await timed(() => lookupFact(db, addressFact, certnames));
    targets = certnames.map((node) => ({ node, address: addresses.get(node) ?? null }));
  }
  const seconds = puppetdbMs === null ? null : Math.round(puppetdbMs) / 1000;
  return { targets, puppetdbSeconds: seconds, notice };
}
