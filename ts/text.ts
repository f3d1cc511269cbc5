// Echoing what someone else wrote (a caller's parameter, a config value) without letting it forge a log line
// or a response.

/** `text` clipped to `max` characters, with control characters shown as \xNN. */
export function printable(text: string, max = 64): string {
  const clipped = text.length > max ? `${text.slice(0, max)}...` : text;
  return clipped.replace(/[\0-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
