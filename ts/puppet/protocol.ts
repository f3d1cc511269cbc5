// What the root helper tells the service, one JSON object per line on its stdout.
// Puppet's own output goes to the helper's stderr, so nothing puppet prints can pose as a report.
export type Report =
  | { event: 'started'; pid: number }
  | { event: 'busy'; pid: number }
  | { event: 'disabled'; message: string | null }
  | { event: 'error'; message: string }
  | { event: 'exit'; code: number | null; signal: string | null };

export function encodeReport(report: Report): string {
  return `${JSON.stringify(report)}\n`;
}

export function parseReport(line: string): Report | undefined {
  try {
    const value = JSON.parse(line) as Report;
    return typeof value === 'object' && value !== null && typeof value.event === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Exit statuses of the helper when it does not run puppet (otherwise it mirrors puppet's). */
export const HELPER_EXIT = { busy: 75, disabled: 76, error: 78 } as const;
