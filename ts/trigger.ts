// Request parameters → a validated RunRequest. Pure: every 400 of /puppet/twitch is decided here.
import { twitchError } from './errors';
import { printable } from './text';

export interface RunRequest {
  /** true: answer 202 once the run has started; false: wait and answer with the run's result. */
  async: boolean;
}

const ACCEPTED = ['async'];
const TRUE = ['', 'true', '1', 'yes'];
const FALSE = ['false', '0', 'no'];

export function parseRunRequest(params: Iterable<[string, string]>): RunRequest {
  const seen = new Map<string, string>();
  for (const [key, value] of params) {
    if (!ACCEPTED.includes(key)) {
      throw twitchError('UNKNOWN_PARAMETER', `Unknown parameter '${printable(key)}': /puppet/twitch accepts only 'async'.`);
    }
    if (seen.has(key)) throw twitchError('BAD_PARAMETER', `Parameter '${key}' is given more than once.`);
    seen.set(key, value);
  }
  const raw = seen.get('async');
  if (raw === undefined) return { async: true };
  const value = raw.toLowerCase();
  if (TRUE.includes(value)) return { async: true };
  if (FALSE.includes(value)) return { async: false };
  throw twitchError('BAD_PARAMETER', `Invalid value for parameter 'async': "${printable(raw)}". Use true or false (also 1/0, yes/no).`);
}

