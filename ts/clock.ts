// The time as ISO 8601 text, for log and audit lines. Formatting a Date costs about a microsecond, more than
// the rest of a busy answer's line; under load many lines share a millisecond, so the last text is kept.
let lastMs = Number.NaN;
let lastText = '';

export function isoTime(ms: number = Date.now()): string {
  if (ms !== lastMs) {
    lastText = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastText;
}
