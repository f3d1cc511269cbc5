// Puppet's last_run_summary.yaml → the few facts a run record and the status endpoint report. Pure.
// The file is two levels of `key: scalar` (Puppet writes it with Psych); anything else is not a summary.

export interface Summary {
  /** time.last_run: when the run ended, epoch seconds */
  last_run: number | null;
  /** time.total: seconds */
  total_time: number | null;
  /** time.config_retrieval: seconds spent getting the catalog */
  config_retrieval: number | null;
  config_version: string | null;
  environment: string | null;
  resources: Record<string, number>;
  events: Record<string, number>;
  changes: number | null;
}

type Sections = Record<string, Record<string, string>>;

function scalar(text: string): string {
  const t = text.trim();
  if ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"'))) return t.slice(1, -1);
  return t;
}

function sections(text: string): Sections | undefined {
  const out: Sections = {};
  let current: Record<string, string> | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim() === '---' || line.trimStart().startsWith('#')) continue;
    const top = /^([A-Za-z_]+):\s*$/.exec(line);
    const entry = /^ {2}([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (top) out[top[1]] = current = {};
    else if (entry && current) current[entry[1]] = scalar(entry[2]);
    else return undefined;
  }
  return out;
}

function numbers(section: Record<string, string> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(section ?? {})) if (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(value)) out[key] = Number(value);
  return out;
}

/** undefined when the text is not a last_run_summary.yaml. */
export function parseSummary(text: string): Summary | undefined {
  const s = sections(text);
  if (s === undefined || s.time === undefined) return undefined;
  const time = numbers(s.time);
  return {
    last_run: time.last_run ?? null,
    total_time: time.total ?? null,
    config_retrieval: time.config_retrieval ?? null,
    config_version: s.version?.config ?? null,
    environment: s.application?.converged_environment ?? s.application?.initial_environment ?? null,
    resources: numbers(s.resources),
    events: numbers(s.events),
    changes: numbers(s.changes).total ?? null,
  };
}

/**
 * A noop run that found drift: resources out of sync, none changed, in a run that was noop (its options) or whose
 * events were noop ones (resources marked `noop => true` in a run that was not).
 */
export function pendingNoop(summary: Summary | null, noopRun: boolean): boolean {
  if (summary === null) return false;
  const outOfSync = summary.resources.out_of_sync ?? 0;
  const changed = summary.resources.changed ?? 0;
  return outOfSync > changed && (noopRun || (summary.events.noop ?? 0) > 0);
}
