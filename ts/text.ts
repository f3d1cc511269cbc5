// Echoing what someone else wrote (a caller's parameter, a config value, a node's answer) without letting it
// forge a log line or a response, or move a terminal's cursor.

/**
 * What is shown escaped: the C0 controls, and beyond them DEL, the C1 controls (a terminal acts on them all:
 * ESC sequences, CR, BS, CSI), the line and paragraph separators, and the bidirectional embeddings, overrides
 * and isolates (which reorder what a line shows).
 */
const BEYOND_C0 = '\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const CONTROL = new RegExp(`[\\0-\\x1f${BEYOND_C0}]`, 'g');
const CONTROL_BEYOND_C0 = new RegExp(`[${BEYOND_C0}]`, 'g');

const hex = (c: string, digits: number) => c.charCodeAt(0).toString(16).padStart(digits, '0');
const escaped = (c: string): string => (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`);

/** `text` clipped to `max` characters, with control characters shown as \xNN (\uNNNN above \xff). */
export function printable(text: string, max = 64): string {
  const clipped = text.length > max ? `${text.slice(0, max)}...` : text;
  return clipped.replace(CONTROL, escaped);
}

/**
 * `value` as JSON text (indented by `indent`) with no control character raw: JSON.stringify escapes the C0 ones,
 * and the others, which can stand only inside strings, are written as \uNNNN escapes: the same document.
 */
export function printableJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(CONTROL_BEYOND_C0, (c) => `\\u${hex(c, 4)}`);
}

const LINE_BREAK = /\r\n|[\r\n]/;
const LINE_BREAKS = /\r\n|[\r\n]/g;
const BREAK_ESCAPES: Record<string, string> = { '\r\n': '\\r\\n', '\r': '\\r', '\n': '\\n' };

/**
 * `text` as one line: its line breaks written `\n` (`\r`), so a message that carries one (an error from spawning
 * a program does) cannot start a log line of its own, without the time and level a reader looks for.
 */
export function oneLine(text: string): string {
  return LINE_BREAK.test(text) ? text.replace(LINE_BREAKS, (c) => BREAK_ESCAPES[c]) : text;
}
