// The rollout's plan: N and N% resolved against the nodes selected, the order they start in (by certname, or
// shuffled from a seed), and the split into the canary (batch 0) and the batches after it. Pure.
import { createHash } from 'node:crypto';
import type { Amount } from './args';
import type { Target } from './targets';

export interface Batch {
  /** 0: the canary; 1, 2, ...: the batches after it */
  index: number;
  targets: Target[];
}

export interface PlanOptions {
  order: 'name' | 'random';
  /** required with order random */
  seed: string | null;
  canary: number | null;
  batchSize: Amount | null;
}

/**
 * N as given, or N% of `total` rounded up and at least 1. The percentage is read from its text in whole numbers,
 * so that 5.1% of 1000 is 51 exactly and not what binary fractions make of it.
 */
export function resolveAmount(amount: Amount, total: number): number {
  if ('count' in amount) return amount.count;
  const m = /^(\d+)(?:\.(\d+))?%$/.exec(amount.given);
  if (m === null) throw new Error(`not a percentage: '${amount.given}'`);
  const decimals = m[2] ?? '';
  const numerator = BigInt(m[1] + decimals) * BigInt(total);
  const denominator = 100n * 10n ** BigInt(decimals.length);
  return Math.max(1, Number((numerator + denominator - 1n) / denominator));
}

const byName = (a: Target, b: Target) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);

/** xoshiro128**, seeded with the first 16 bytes of the seed text's SHA-256: the same numbers on every platform. */
export function seededRandom(seed: string): () => number {
  const digest = createHash('sha256').update(seed, 'utf8').digest();
  const s = [0, 4, 8, 12].map((i) => digest.readUInt32LE(i));
  if (!s.some((w) => w !== 0)) s[0] = 1; // the one state xoshiro cannot leave
  const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  return () => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] = (s[2] ^ t) >>> 0;
    s[3] = rotl(s[3], 11);
    s[0] >>>= 0;
    s[1] >>>= 0;
    s[2] >>>= 0;
    return result / 2 ** 32;
  };
}

/** Fisher–Yates over the nodes sorted by certname first: the order depends on the seed and the nodes only. */
export function shuffled(targets: readonly Target[], seed: string): Target[] {
  const out = [...targets].sort(byName);
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The targets in --order, cut into the canary (when given) and the batches after it; no batch is empty. */
export function planBatches(targets: readonly Target[], options: PlanOptions): Batch[] {
  if (options.order === 'random' && options.seed === null) throw new Error('a random order needs its seed');
  const ordered = options.order === 'random' ? shuffled(targets, options.seed as string) : [...targets].sort(byName);
  const batches: Batch[] = [];
  let rest = ordered;
  if (options.canary !== null) {
    batches.push({ index: 0, targets: rest.slice(0, options.canary) });
    rest = rest.slice(options.canary);
  }
  const size = options.batchSize === null ? rest.length : resolveAmount(options.batchSize, targets.length);
  for (let i = 0; i < rest.length; i += size) batches.push({ index: batches.length + (options.canary === null ? 1 : 0), targets: rest.slice(i, i + size) });
  return batches;
}
