// An HTTP trigger (query string, and on POST a form or JSON body) → a RunRequest. Pure: every 400 and 403 of
// /puppet/twitch is decided here or in options.ts.
import type { PuppetConfig } from '../config';
import { twitchError } from '../errors';
import { TRIGGER_PARAMS } from '../api';
import { checkOptions } from '../core/options';
import type { RunRequest } from '../core/runner';
import { printable } from '../text';

const TRUE = ['', 'true', '1', 'yes'];
const FALSE = ['false', '0', 'no'];

export interface TriggerInput {
  query: URLSearchParams;
  /** the raw body of a POST ('' when none) */
  body: string;
  /** the media type of the body, lower case, without parameters */
  contentType: string;
  client: string | null;
  /** who asks, as the edge decided (RunRequest.identity) */
  identity: string | null;
}

/** What the parameters are read from. */
export type ParamsInput = Pick<TriggerInput, 'query' | 'body' | 'contentType'>;

/**
 * The first key a JSON object text has twice at its top level (JSON.parse keeps the last silently). `text` is
 * valid JSON: it has been parsed.
 */
function repeatedKey(text: string): string | undefined {
  const keys = new Set<string>();
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      let next = i + 1;
      while (/\s/.test(text[next] ?? '')) next++;
      if (depth !== 1 || text[next] !== ':') continue;
      const key = JSON.parse(text.slice(start, i + 1)) as string;
      if (keys.has(key)) return key;
      keys.add(key);
    }
  }
  return undefined;
}

/** A JSON body's values as the text a query string would carry, so one parser serves both. */
function jsonParams(body: string): Array<[string, string]> {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    throw twitchError('BAD_REQUEST', 'The JSON body is not valid JSON.');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw twitchError('BAD_REQUEST', 'The JSON body must be an object.');
  const repeated = repeatedKey(body);
  if (repeated !== undefined) throw twitchError('BAD_PARAMETER', `Parameter '${printable(repeated)}' is given more than once.`);
  return Object.entries(doc).map(([key, value]): [string, string] => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [key, String(value)];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [key, value.join(',')];
    throw twitchError('BAD_PARAMETER', `Invalid value for parameter '${printable(key)}': use a string, number, boolean or list of strings.`);
  });
}

function bodyParams(input: ParamsInput): Array<[string, string]> {
  if (input.body.length === 0) return [];
  if (input.contentType === 'application/x-www-form-urlencoded') return [...new URLSearchParams(input.body)];
  if (input.contentType === 'application/json') return jsonParams(input.body);
  throw twitchError(
    'UNSUPPORTED_MEDIA_TYPE',
    'Send parameters in the query string, or as an application/x-www-form-urlencoded or application/json POST body.',
  );
}

/** Every parameter once: the same name twice, or in both the query and the body, is a 400 naming it. */
export function collectParams(input: ParamsInput, accepted: readonly string[], path: string): Map<string, string> {
  const seen = new Map<string, string>();
  for (const [key, value] of [...input.query, ...bodyParams(input)]) {
    if (!accepted.includes(key)) {
      const takes = accepted.length === 0 ? 'takes no parameters' : `accepts ${accepted.map((a) => `'${a}'`).join(', ')}`;
      throw twitchError('UNKNOWN_PARAMETER', `Unknown parameter '${printable(key)}': ${path} ${takes}.`);
    }
    if (seen.has(key)) throw twitchError('BAD_PARAMETER', `Parameter '${key}' is given more than once.`);
    seen.set(key, value);
  }
  return seen;
}

export function parseBoolean(name: string, raw: string): boolean {
  const value = raw.toLowerCase();
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw twitchError('BAD_PARAMETER', `Invalid value for parameter '${name}': "${printable(raw)}". Use true or false (also 1/0, yes/no).`);
}

/** A whole number from 0 to `max`; `unit` names what it counts in the error ("seconds", "runs"). */
export function parseWholeNumber(name: string, raw: string, max: number, unit: string): number {
  if (!/^\d{1,7}$/.test(raw) || Number(raw) > max) {
    throw twitchError('BAD_PARAMETER', `Invalid value for parameter '${name}': "${printable(raw)}". Use whole ${unit} from 0 to ${max}.`);
  }
  return Number(raw);
}

/** A trigger as asked: the run request, and whether its output is streamed in the answer. */
export interface ParsedTrigger {
  request: RunRequest;
  stream: boolean;
}

export function parseRunRequest(input: TriggerInput, puppet: Pick<PuppetConfig, 'environments' | 'max_splay'>): ParsedTrigger {
  const params = collectParams(input, TRIGGER_PARAMS, '/puppet/twitch');
  const get = (name: string) => params.get(name);
  const list = (raw: string | undefined) => (raw === undefined ? undefined : raw.split(',').map((t) => t.trim()));

  const whenBusy = get('when_busy') ?? 'reject';
  if (whenBusy !== 'reject' && whenBusy !== 'queue') {
    throw twitchError('BAD_PARAMETER', `Invalid value for parameter 'when_busy': "${printable(whenBusy)}". Use reject or queue.`);
  }
  const splayRaw = get('splay');
  const splay = splayRaw === undefined ? 0 : parseWholeNumber('splay', splayRaw, 86_400, 'seconds');
  if (splay > puppet.max_splay) {
    throw twitchError(
      'FORBIDDEN',
      puppet.max_splay === 0
        ? 'Splay is not allowed on this node (puppet.max_splay is 0).'
        : `Splay ${splay} is over this node's limit of ${puppet.max_splay} seconds (puppet.max_splay).`,
    );
  }
  const noop = get('noop');
  const options = checkOptions(
    {
      noop: noop === undefined ? undefined : parseBoolean('noop', noop),
      tags: list(get('tags')),
      skip_tags: list(get('skip_tags')),
      environment: get('environment'),
    },
    puppet,
  );
  const asyncRaw = get('async');
  const streamRaw = get('stream');
  const stream = streamRaw === undefined ? false : parseBoolean('stream', streamRaw);
  const async = asyncRaw === undefined ? !stream : parseBoolean('async', asyncRaw);
  if (stream && async) {
    throw twitchError('BAD_PARAMETER', "Parameter 'stream' needs async=false: a streamed answer lasts as long as the run. Leave out async, or set it to false.");
  }
  // Built whole, never copied and extended: this runs for every trigger, the busy ones too.
  const request: RunRequest = { options, splay, async, when_busy: whenBusy, source: 'http', client: input.client, identity: input.identity };
  return { request, stream };
}
