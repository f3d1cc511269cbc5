// Echoing what someone else wrote (a caller's parameter, a config value) without letting it forge a log line
// or a response.

/** `text` clipped to 64 characters, with control characters shown as \xNN. */
export function printable(text: string): string {
  const clipped = text.length > 64 ? `${text.slice(0, 64)}...` : text;
  return clipped.replace(/[\0-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
