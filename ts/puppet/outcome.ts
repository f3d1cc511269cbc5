// How a run ended (puppet's exit code with --detailed-exitcodes, a signal, a timeout) → what it means.
export const OUTCOME_NAMES = [
  'no_changes',
  'noop_changes',
  'changes',
  'failures',
  'changes_and_failures',
  'failed',
  'disabled',
  'timeout',
  'killed',
  'unknown',
] as const;
export type OutcomeName = (typeof OUTCOME_NAMES)[number];

export interface Outcome {
  name: OutcomeName;
  ok: boolean;
  code: number | null;
  signal: string | null;
  meaning: string;
}

const BY_CODE: Record<number, { name: OutcomeName; ok: boolean; meaning: string }> = {
  0: { name: 'no_changes', ok: true, meaning: 'no changes' },
  2: { name: 'changes', ok: true, meaning: 'changes applied' },
  1: {
    name: 'failed',
    ok: false,
    meaning: 'the run failed, or was not attempted because another run holds the lock or the agent is disabled',
  },
  4: { name: 'failures', ok: false, meaning: 'the run had resource failures' },
  6: { name: 'changes_and_failures', ok: false, meaning: 'changes applied, with resource failures' },
};

const NOOP_CHANGES = { name: 'noop_changes', ok: true, meaning: 'noop run: changes are pending (drift), none applied' } as const;

/**
 * `drift`: the run found resources out of sync and applied none of them (noop; summary.ts, pendingNoop). Puppet
 * exits 0 for a noop run whatever it found, so only the summary tells drift from nothing to do.
 */
export function outcomeOf(code: number | null, signal: string | null, timedOut = false, drift = false): Outcome {
  if (timedOut) return { name: 'timeout', ok: false, code, signal, meaning: 'stopped after the run timeout (puppet.run_timeout)' };
  if (code === null) {
    return signal === null
      ? { name: 'unknown', ok: false, code, signal, meaning: 'the helper ended without reporting how puppet ended' }
      : { name: 'killed', ok: false, code, signal, meaning: `killed by signal ${signal}` };
  }
  if (code === 0 && drift) return { code, signal, ...NOOP_CHANGES };
  const known = BY_CODE[code] ?? { name: 'unknown' as const, ok: false, meaning: 'unexpected exit code' };
  return { code, signal, ...known };
}

export function describeFailure(outcome: Outcome): string {
  return outcome.code === null
    ? `Puppet run failed: ${outcome.meaning}`
    : `Puppet run failed: exit code ${outcome.code} (${outcome.meaning})`;
}
