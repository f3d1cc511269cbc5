// Echoing what someone else wrote (a caller's parameter, a config value, a node's answer) without letting it
// forge a log line or a response, or move a terminal's cursor.

/**
 * What is shown escaped: the C0 and C1 controls and DEL (a terminal acts on them: ESC sequences, CR, BS, CSI),
 * the line and paragraph separators, and the bidirectional embeddings, overrides and isolates (which reorder
 * what a line shows).
 */
const CONTROL = /[\0-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escaped = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** `text` clipped to `max` characters, with control characters shown as \xNN (\uNNNN above \xff). */
export function printable(text: string, max = 64): string {
  const clipped = text.length > max ? `${text.slice(0, max)}...` : text;
  return clipped.replace(CONTROL, escaped);
}
