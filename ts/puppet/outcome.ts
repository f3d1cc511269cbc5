// Puppet's exit code (with --detailed-exitcodes) → what it means for the caller.
export interface Outcome {
  ok: boolean;
  code: number | null;
  signal: string | null;
  meaning: string;
}

const MEANINGS: Record<number, { ok: boolean; meaning: string }> = {
  0: { ok: true, meaning: 'no changes' },
  2: { ok: true, meaning: 'changes applied' },
  1: { ok: false, meaning: 'the run failed, or was not attempted because another run holds the lock or the agent is disabled' },
  4: { ok: false, meaning: 'the run had resource failures' },
  6: { ok: false, meaning: 'changes applied, with resource failures' },
};

export function outcomeOf(code: number | null, signal: string | null): Outcome {
  if (code === null) {
    const meaning = signal === null ? 'the helper ended without reporting how puppet ended' : `killed by signal ${signal}`;
    return { ok: false, code, signal, meaning };
  }
  const known = MEANINGS[code] ?? { ok: false, meaning: 'unexpected exit code' };
  return { code, signal, ...known };
}

export function describeFailure(outcome: Outcome): string {
  return outcome.code === null
    ? `Puppet run failed: ${outcome.meaning}`
    : `Puppet run failed: exit code ${outcome.code} (${outcome.meaning})`;
}
