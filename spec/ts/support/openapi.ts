// Checks an answer of the service against its OpenAPI document (ts/http/openapi.ts): the path and method are
// described, the status is one the operation lists (or, for a request the server could not route, one any
// request can get), the response's required headers are there, its media type is described and a JSON body
// matches the schema. The shared request helpers call it on every answer, so a test fails on an answer the
// document does not describe.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import type { IncomingHttpHeaders } from 'node:http';
import { buildOpenApi } from '../../../ts/http/openapi';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Answer {
  method: string;
  /** the request target: path and query */
  target: string;
  status: number;
  /** lower-case names */
  headers: IncomingHttpHeaders;
  /** undefined: the body was not read (a stream) or there is none (HEAD) */
  body?: Buffer | string;
}

let doc: Json | undefined;
export const openApiDocument = (): Json => (doc ??= buildOpenApi());

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/** A validator of the schema at `pointer` in the document (component refs rewritten to $defs). */
function validator(pointer: string, schema: Json): ValidateFunction {
  let fn = compiled.get(pointer);
  if (fn === undefined) {
    ajv ??= new Ajv2020({ allErrors: true, allowUnionTypes: true }).addFormat(
      'date-time',
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/,
    );
    const rewrite = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(rewrite)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(
              Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', '#/$defs/') : rewrite(v)]),
            )
          : value;
    fn = ajv.compile({ ...(rewrite(schema) as Json), $defs: rewrite(openApiDocument().components.schemas) });
    compiled.set(pointer, fn);
  }
  return fn;
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Follows a local $ref; returns the object and where it is. */
function resolve(value: Json, pointer: string): { value: Json; pointer: string } {
  if (typeof value.$ref !== 'string') return { value, pointer };
  const at = (value.$ref as string).slice(1);
  const found = at
    .split('/')
    .slice(1)
    .reduce<Json | undefined>((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], openApiDocument());
  if (found === undefined) throw new Error(`OpenAPI: ${value.$ref} points at nothing`);
  return { value: found, pointer: at };
}

/** The described path a request path falls under, with its path item. */
function describedPath(path: string): { template: string; item: Json } | undefined {
  const paths = openApiDocument().paths as Json;
  if (Object.prototype.hasOwnProperty.call(paths, path)) return { template: path, item: paths[path] };
  for (const [template, item] of Object.entries(paths)) {
    if (!template.includes('{')) continue;
    const pattern = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(path)) return { template, item };
  }
  return undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const one = (value: string | string[] | number | undefined) => (Array.isArray(value) ? value.join(', ') : value === undefined ? undefined : String(value));

/** `type/subtype` and parameters, lower case (parameter values as sent). */
function mediaType(text: string): { type: string; params: Map<string, string> } {
  const [type, ...rest] = text.split(';');
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  return { type: type.trim().toLowerCase(), params };
}

/** The described media type key a Content-Type falls under: the same type and every parameter the key names. */
function matchMedia(contentType: string, keys: string[]): string | undefined {
  const got = mediaType(contentType);
  return keys.find((key) => {
    const want = mediaType(key);
    return want.type === got.type && [...want.params].every(([k, v]) => got.params.get(k) === v);
  });
}

/** Checks an answer against a response object of the document; `what` names the exchange in errors. */
function checkAgainst(response: Json, pointer: string, answer: Answer, what: string): void {
  const problems: string[] = [];
  for (const [name, raw] of Object.entries((response.headers ?? {}) as Json)) {
    const { value: described, pointer: at } = resolve(raw as Json, `${pointer}/headers/${escape(name)}`);
    const got = one(answer.headers[name.toLowerCase()]);
    if (got === undefined) {
      if (described.required === true) problems.push(`header ${name} is missing`);
      continue;
    }
    const check = validator(`${at}/schema`, described.schema ?? {});
    if (!check(got)) problems.push(`header ${name}: ${JSON.stringify(got)} ${ajv?.errorsText(check.errors)}`);
  }
  const content = response.content as Json | undefined;
  if (content !== undefined) {
    const contentType = one(answer.headers['content-type']);
    const key = contentType === undefined ? undefined : matchMedia(contentType, Object.keys(content));
    if (key === undefined) {
      problems.push(`Content-Type ${JSON.stringify(contentType)} is not one described (${Object.keys(content).join(', ')})`);
    } else if (answer.body !== undefined && mediaType(key).type === 'application/json') {
      let body: unknown;
      try {
        body = JSON.parse(answer.body.toString());
      } catch {
        problems.push(`the body is not JSON: ${JSON.stringify(answer.body.toString().slice(0, 200))}`);
      }
      const check = validator(`${pointer}/content/${escape(key)}/schema`, content[key].schema ?? {});
      if (body !== undefined && !check(body)) problems.push(`the JSON body does not match its schema: ${ajv?.errorsText(check.errors)}`);
    }
  }
  if (problems.length > 0) throw new Error(`OpenAPI: ${what}: ${problems.join('; ')}`);
}

/** The answers any request can get, whatever its path (x-any-request). */
function anyRequest(status: number, answer: Answer | undefined, what: string, why: string): void {
  const generic = openApiDocument()['x-any-request'] as Json;
  const raw = generic[String(status)] as Json | undefined;
  if (raw === undefined) {
    throw new Error(`OpenAPI: ${what} answered ${status}, which the document does not describe: ${why}, and ${status} is not among the answers to any request (${Object.keys(generic).join(', ')})`);
  }
  if (answer === undefined) return;
  const { value, pointer } = resolve(raw, `/x-any-request/${status}`);
  checkAgainst(value, pointer, answer, `${what} answered ${status}`);
}

/** Throws when the document does not describe this answer. */
export function checkAnswer(answer: Answer): void {
  const method = answer.method.toLowerCase();
  const what = `${answer.method} ${answer.target.split('?')[0].slice(0, 200)}`;
  if (!answer.target.startsWith('/')) return anyRequest(answer.status, answer, what, 'the target is not a path');
  const found = describedPath(answer.target.split('?')[0]);
  if (found === undefined) return anyRequest(answer.status, answer, what, 'the path is not described');
  const operation = found.item[method] as Json | undefined;
  if (operation === undefined) {
    anyRequest(answer.status, answer, what, `${found.template} does not describe ${answer.method}`);
    if (answer.status === 405) {
      const described = Object.keys(found.item).filter((m) => METHODS.includes(m)).map((m) => m.toUpperCase()).sort();
      const allow = (one(answer.headers.allow) ?? '').split(',').map((m) => m.trim()).filter((m) => m !== '').sort();
      if (allow.join() !== described.join()) throw new Error(`OpenAPI: ${what} answered 405 with Allow: ${allow.join(', ')}, but ${found.template} describes ${described.join(', ')}`);
    }
    return;
  }
  const pointer = `/paths/${escape(found.template)}/${method}/responses/${answer.status}`;
  const raw = (operation.responses as Json)[String(answer.status)] as Json | undefined;
  if (raw === undefined) {
    throw new Error(
      `OpenAPI: ${what} answered ${answer.status}, which the document does not list for ${answer.method} ${found.template} (it lists ${Object.keys(operation.responses).join(', ')})`,
    );
  }
  const { value, pointer: at } = resolve(raw, pointer);
  checkAgainst(value, at, method === 'head' ? { ...answer, body: undefined } : answer, `${what} answered ${answer.status}`);
}

/** For an answer to bytes that were not a request the client could frame: the status must be one any request can get. */
export function checkUnframedAnswer(status: number, headers?: IncomingHttpHeaders): void {
  anyRequest(status, headers === undefined ? undefined : { method: '-', target: '-', status, headers }, 'a request that is not well-formed', 'the request could not be read');
}

/** A request as the client wrote it, read leniently; undefined: bytes that do not frame a request. */
export interface Sent {
  method: string;
  target: string;
}

/**
 * The requests in the bytes a client wrote, in order, as far as they can be framed (request line, headers, a
 * Content-Length body). Where framing stops (malformed bytes, a chunked body, an incomplete request) the list
 * ends with undefined, or with that request when its head was whole.
 */
export function sentRequests(bytes: Buffer): Array<Sent | undefined> {
  const out: Array<Sent | undefined> = [];
  let at = 0;
  while (at < bytes.length) {
    while (bytes[at] === 0x0d || bytes[at] === 0x0a) at += 1; // the parser skips line ends before a request
    if (at >= bytes.length) break;
    const end = bytes.indexOf('\r\n\r\n', at);
    if (end < 0) return [...out, undefined];
    const head = bytes.subarray(at, end).toString('latin1');
    const [line, ...fields] = head.split('\r\n');
    const m = /^([A-Z]+) +(\S+) +HTTP\/1\.[01]$/.exec(line);
    if (m === null || /[^\r]\n/.test(head)) return [...out, undefined];
    const request = { method: m[1], target: m[2] };
    const named = (name: string) => fields.filter((f) => f.toLowerCase().startsWith(`${name}:`)).map((f) => f.slice(name.length + 1).trim());
    const lengths = named('content-length');
    const encodings = named('transfer-encoding');
    if (encodings.length > 0) {
      const next = lengths.length === 0 && encodings.join() === 'chunked' ? chunkedEnd(bytes, end + 4) : undefined;
      if (next === undefined) return [...out, request];
      out.push(request);
      at = next;
      continue;
    }
    if (lengths.length > 1 || (lengths.length === 1 && !/^\d+$/.test(lengths[0]))) return [...out, request];
    out.push(request);
    at = end + 4 + (lengths.length === 1 ? Number(lengths[0]) : 0);
  }
  return out;
}

/** Where a chunked body starting at `at` ends (after its trailer); undefined: not complete or not chunked. */
function chunkedEnd(bytes: Buffer, at: number): number | undefined {
  for (;;) {
    const eol = bytes.indexOf('\r\n', at);
    if (eol < 0) return undefined;
    const size = /^([0-9A-Fa-f]{1,8})(?:;.*)?$/.exec(bytes.subarray(at, eol).toString('latin1'));
    if (size === null) return undefined;
    const length = parseInt(size[1], 16);
    if (length === 0) {
      const trailerEnd = bytes.subarray(eol, eol + 4).toString('latin1') === '\r\n\r\n' ? eol + 4 : bytes.indexOf('\r\n\r\n', eol) + 4;
      return trailerEnd < 4 ? undefined : trailerEnd;
    }
    at = eol + 2 + length;
    if (bytes.subarray(at, at + 2).toString('latin1') !== '\r\n') return undefined;
    at += 2;
  }
}

/** Checks the `index`th answer on a connection on which the client wrote `sent`. */
export function checkRawAnswer(sent: Buffer, index: number, answer: { status: number; headers: Array<[string, string]>; body: Buffer }): void {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of answer.headers) headers[name.toLowerCase()] = value;
  const request = sentRequests(sent)[index];
  if (request === undefined) return checkUnframedAnswer(answer.status, headers);
  checkAnswer({ ...request, status: answer.status, headers, body: request.method === 'HEAD' ? undefined : answer.body });
}
