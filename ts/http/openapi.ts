// GET /openapi.json: the HTTP API as an OpenAPI 3.1 document, built from the facts the server uses (api.ts,
// errors.ts, records.ts, status.ts, options.ts). Built when the bundle is built (ts/build.mjs), so the service
// holds only its text.
import { SCOPES, type Scope } from '../auth/vocabulary';
import type { PuppetMode } from '../config';
import { ERROR_STATUS } from '../errors';
import { OPTION_NAMES } from '../core/options';
import type { OutcomeName } from '../puppet/outcome';
import { RUN_ID } from '../puppet/protocol';
import type { Summary } from '../puppet/summary';
import { REPORT_LIMITS, SENSITIVE, type ReportEvent, type ReportResource, type ResourceState, type RunReport } from '../puppet/report';
import { OUTPUT_TAIL_LINES, type RunRecord, type RecordSource, type RecordKind, type ControlFields, type RunState } from '../core/records';
import type { StatusDocument } from '../core/status';
import { CHALLENGE, FAILED_AUTH_LIMIT } from '../auth/gate';
import { WEBHOOK_HEADERS } from '../auth/webhooks';
import { version } from '../version';
import type { ControlAnswer } from '../core/control';
import { MAX_MESSAGE } from '../puppet/control';
import { DISABLE_PARAMS, JSON_TYPE, MAX_WAIT_SECONDS, PATHS, RETRY_AFTER_SECONDS, RUN_PARAMS, RUNS_PARAMS, TEXT, TRIGGER_PARAMS } from '../api';
import { ROUTE_SCOPES } from './scopes';
import { LIMITS } from './limits';

type Json = Record<string, unknown>;


// Exhaustive by type: a new state, source, outcome or mode fails the typecheck until it is described here.
const states = () => Object.keys({ queued: true, splaying: true, running: true, finished: true } satisfies Record<RunState, true>);
const sources = () => Object.keys({ http: true, schedule: true, ttl: true } satisfies Record<RecordSource, true>);
const outcomes = () =>
  Object.keys({
    no_changes: true,
    changes: true,
    failures: true,
    changes_and_failures: true,
    failed: true,
    disabled: true,
    timeout: true,
    killed: true,
    unknown: true,
    noop_changes: true,
  } satisfies Record<OutcomeName, true>);
const modes = () => Object.keys({ agent: true, apply: true } satisfies Record<PuppetMode, true>);

/** `/puppet/runs/:id` → `/puppet/runs/{id}` */
export const templated = (path: string): string => path.replace(/:([A-Za-z_]+)/g, '{$1}');

const nullable = (schema: Json): Json => ({ ...schema, type: [schema.type as string, 'null'] });
const ref = (kind: 'schemas' | 'responses' | 'headers' | 'parameters', name: string): Json => ({ $ref: `#/components/${kind}/${name}` });
const TEXT_PLAIN = 'text/plain';
const SSE = 'text/event-stream';
const plain = (description: string, example?: string): Json => ({
  [TEXT_PLAIN]: { schema: { type: 'string', description, ...(example === undefined ? {} : { examples: [example] }) } },
});

const time = (): Json => ({ type: 'string', format: 'date-time' });
const counts = (): Json => ({ type: 'object', additionalProperties: { type: 'number' } });

function summarySchema(): Json {
  const properties: Record<keyof Summary, Json> = {
    last_run: nullable({ type: 'number', description: "time.last_run of last_run_summary.yaml: when the run ended, epoch seconds" }),
    total_time: nullable({ type: 'number', description: 'time.total: seconds' }),
    config_retrieval: nullable({ type: 'number', description: 'time.config_retrieval: seconds' }),
    config_version: nullable({ type: 'string' }),
    environment: nullable({ type: 'string' }),
    resources: { ...counts(), description: 'resource counts (total, changed, failed, ...)' },
    events: { ...counts(), description: 'event counts (total, success, failure, ...)' },
    changes: nullable({ type: 'number', description: 'changes.total' }),
  };
  return {
    type: 'object',
    description: "Puppet's last_run_summary.yaml after the run, read as root by the helper.",
    required: Object.keys(properties),
    properties,
    additionalProperties: false,
  };
}

function optionsSchema(): Json {
  const tags = { type: 'array', items: { type: 'string' }, minItems: 1 };
  const properties: Record<(typeof OPTION_NAMES)[number] | 'splay', Json> = {
    noop: { type: 'boolean' },
    tags,
    skip_tags: tags,
    environment: { type: 'string' },
    splay: { type: 'integer', minimum: 0, description: 'seconds' },
  };
  return { type: 'object', description: 'the run options asked for', properties, additionalProperties: false };
}

function recordSchema(): Json {
  const properties: Record<keyof RunRecord, Json> = {
    id: { type: 'string', pattern: RUN_ID.source, description: 'UTC time to the millisecond, then 24 random bits' },
    state: { enum: states() },
    source: { enum: sources() },
    client: nullable({ type: 'string', description: "the caller's address; null for a scheduled run" }),
    identity: nullable({ type: 'string', description: 'who the caller proved to be (token:<id>, webhook:<id>, cert:<certname>); null: anonymous' }),
    options: ref('schemas', 'RunOptions'),
    requested_at: time(),
    started_at: nullable(time()),
    finished_at: nullable(time()),
    pid: nullable({ type: 'integer', description: "puppet's PID" }),
    exit_code: nullable({ type: 'integer', description: "puppet's exit code (--detailed-exitcodes)" }),
    signal: nullable({ type: 'string' }),
    outcome: { enum: [...outcomes(), null] },
    summary: { oneOf: [ref('schemas', 'Summary'), { type: 'null' }] },
    output_tail: { type: 'array', items: { type: 'string' }, maxItems: OUTPUT_TAIL_LINES, description: "the last lines of puppet's output" },
    error: nullable({ type: 'string', description: "why a run did not run or ended without puppet's own result" }),
    kind: { enum: ['run', 'disable', 'enable'] satisfies RecordKind[], description: 'absent: a run' },
    control: {
      type: 'object',
      description: 'a disable or enable: what was asked and what came of it (README, "Disabling the agent")',
      required: ['message', 'ttl', 'until', 'result'],
      properties: {
        message: nullable({ type: 'string' }),
        ttl: nullable({ type: 'integer', minimum: 1, description: 'seconds' }),
        until: nullable(time()),
        result: { enum: ['done', 'unchanged', 'refused', 'failed'] satisfies ControlFields['result'][] },
      },
      additionalProperties: false,
    },
  };
  const required = Object.keys(properties).filter((key) => key !== 'kind' && key !== 'control');
  return { type: 'object', description: 'A run record (README, "Run records").', required, properties, additionalProperties: false };
}

/** The fields of StatusDocument (core/status.ts). */
function statusSchema(): Json {
  const runId = nullable({ type: 'string', pattern: RUN_ID.source });
  const properties: Record<keyof StatusDocument, Json> = {
    applying: { type: 'boolean', description: "a catalog run holds Puppet's lock with a live PID, or this service's run is going" },
    enabled: { type: 'boolean' },
    disabled_message: nullable({ type: 'string' }),
    lastrun: nullable({ type: 'number', description: 'time.last_run of last_run_summary.yaml, epoch seconds' }),
    since_lastrun: nullable({ type: 'integer', minimum: 0, description: 'seconds since lastrun' }),
    last_run: {
      oneOf: [
        {
          type: 'object',
          required: ['id', 'outcome', 'summary'],
          properties: {
            id: runId,
            outcome: { enum: [...outcomes(), null] },
            summary: { oneOf: [ref('schemas', 'Summary'), { type: 'null' }] },
          },
          additionalProperties: false,
        },
        { type: 'null' },
      ],
    },
    current_run: runId,
    queued_run: runId,
    schedule: nullable({ type: 'string', description: 'schedule.cron' }),
    next_scheduled_run: nullable(time()),
    idling: { type: 'boolean' },
    mode: { enum: modes() },
    version: { type: 'string' },
    uptime_seconds: { type: 'integer', minimum: 0 },
    state_dir_writable: { type: 'boolean', description: 'the last write to state_dir succeeded; false: triggers get CANNOT_RECORD, records wait in memory' },
    state_write_error: {
      oneOf: [
        {
          type: 'object',
          description: 'the last write to state_dir that failed (kept after writes work again)',
          required: ['time', 'message'],
          properties: { time: time(), message: { type: 'string' } },
          additionalProperties: false,
        },
        { type: 'null' },
      ],
    },
    disabled_until: nullable({ ...time(), description: "when this service's disable of the agent ends by itself; null when none is in force" }),
    current_run_started_at: nullable({ ...time(), description: "when the run in progress started (this service's, else the catalog run holding Puppet's lock)" }),
    current_run_age_seconds: nullable({ type: 'integer', minimum: 0, description: 'seconds since current_run_started_at: alert when it grows past a bound' }),
  };
  return { type: 'object', required: Object.keys(properties), properties, additionalProperties: false };
}

/** The fields of RunReport (puppet/report.ts). */
function reportSchema(): Json {
  const str = () => nullable({ type: 'string', maxLength: REPORT_LIMITS.value });
  const event: Record<keyof ReportEvent, Json> = {
    property: str(),
    previous_value: str(),
    desired_value: str(),
    status: nullable({ type: 'string', description: "Puppet's event status: success, failure, noop, audit (skipped: the resource was skipped)" }),
    message: str(),
  };
  const states = Object.keys({ failed: true, changed: true, noop: true, skipped: true } satisfies Record<ResourceState, true>);
  const resource: Record<keyof ReportResource, Json> = {
    type: { type: 'string' },
    title: { type: 'string' },
    file: nullable({ type: 'string' }),
    line: nullable({ type: 'integer' }),
    state: { enum: states },
    events: {
      type: 'array',
      items: { type: 'object', required: Object.keys(event), properties: event, additionalProperties: false },
    },
  };
  const properties: Record<keyof RunReport, Json> = {
    time: nullable({ type: 'string', description: "the report's time: when Puppet began the run" }),
    status: nullable({ type: 'string', description: "Puppet's status of the run: changed, unchanged, failed" }),
    noop: nullable({ type: 'boolean' }),
    resources: {
      type: 'array',
      maxItems: REPORT_LIMITS.resources,
      items: { type: 'object', required: Object.keys(resource), properties: resource, additionalProperties: false },
    },
    resources_left_out: { type: 'integer', minimum: 0, description: 'resources of those states left out to keep within the bounds' },
    error: nullable({ type: 'string', description: "why Puppet's report could not be read (then resources is empty)" }),
  };
  return { type: 'object', description: "A run's resource report.", required: Object.keys(properties), properties, additionalProperties: false };
}

const headers = (): Json => ({
  Location: { description: 'the run record: /puppet/runs/<id>', schema: { type: 'string', pattern: '^/puppet/runs/[^/]+$' }, required: true },
  RetryAfter: { description: 'seconds to wait before trying again', schema: { type: 'string', pattern: '^[0-9]+$' }, required: true },
  WWWAuthenticate: { description: 'the challenge', schema: { type: 'string', const: CHALLENGE['WWW-Authenticate'] }, required: true },
  Allow: { description: "the path's methods", schema: { type: 'string' }, required: true },
});
const header = (name: string, required = true): Json => (required ? ref('headers', name) : { ...(headers()[name] as Json), required: false });

const errorText = (description: string, headers?: Json): Json => ({
  description,
  ...(headers === undefined ? {} : { headers }),
  content: plain('what went wrong and what to do'),
});

/** Answers the server gives whatever the route, by status. */
const generic = () => ({
  BadRequest: [ERROR_STATUS.BAD_REQUEST, errorText('Malformed request (not valid HTTP/1.1, a target that is not a path, two Authorization headers), or an HTTP/1.1 request without exactly one valid Host header (BAD_REQUEST, BAD_HOST).')],
  Forbidden: [ERROR_STATUS.ADDRESS_NOT_ALLOWED, errorText("The client's address is not in auth.allow_from (ADDRESS_NOT_ALLOWED); the connection closes.")],
  NotFound: [ERROR_STATUS.NOT_FOUND, errorText('No such path (NOT_FOUND).')],
  MethodNotAllowed: [ERROR_STATUS.METHOD_NOT_ALLOWED, errorText('The path does not take this method (METHOD_NOT_ALLOWED).', { Allow: header('Allow') })],
  RequestTimeout: [ERROR_STATUS.REQUEST_TIMEOUT, errorText(`The headers did not arrive within ${LIMITS.headersTimeoutMs / 1000} s or the whole request within ${LIMITS.requestTimeoutMs / 1000} s (REQUEST_TIMEOUT).`)],
  BodyTooLarge: [ERROR_STATUS.BODY_TOO_LARGE, errorText(`Body over ${LIMITS.maxBodyBytes} bytes; a signed webhook request: over limits.max_body_bytes (BODY_TOO_LARGE).`)],
  UrlTooLong: [ERROR_STATUS.URL_TOO_LONG, errorText(`URL over ${LIMITS.maxUrlBytes} bytes (URL_TOO_LONG).`)],
  UnsupportedMediaType: [ERROR_STATUS.UNSUPPORTED_MEDIA_TYPE, errorText('A body on a method other than POST, or a POST body of another media type than application/x-www-form-urlencoded or application/json (UNSUPPORTED_MEDIA_TYPE).')],
  ExpectationFailed: [ERROR_STATUS.EXPECTATION_FAILED, errorText('An Expect header other than 100-continue (EXPECTATION_FAILED).')],
  Misdirected: [ERROR_STATUS.MISDIRECTED_REQUEST, errorText('The Host header names another node: not an IP address, the node\'s host name, localhost on a loopback bind, or an entry of allowed_hosts (MISDIRECTED_REQUEST); the connection closes.')],
  HeadersTooLarge: [ERROR_STATUS.HEADERS_TOO_LARGE, errorText(`Request line and headers over ${LIMITS.maxHeaderBytes} bytes (HEADERS_TOO_LARGE).`)],
  InternalError: [500, errorText('Something broke in the service: "Internal error: ..."')],
  HttpVersionNotSupported: [ERROR_STATUS.HTTP_VERSION_NOT_SUPPORTED, errorText('A version other than HTTP/1.1 or HTTP/1.0, or none (HTTP_VERSION_NOT_SUPPORTED).')],
  Unauthorized: [ERROR_STATUS.UNAUTHORIZED, errorText('No credentials, or wrong ones, on a node that needs them (UNAUTHORIZED).', { 'WWW-Authenticate': header('WWWAuthenticate') })],
  NotPermitted: [ERROR_STATUS.FORBIDDEN, errorText('The identity lacks the scope, a client certificate whose certname is not in tls.allowed_certnames, or an address outside auth.allow_from (FORBIDDEN, ADDRESS_NOT_ALLOWED).')],
  TooManyFailures: [ERROR_STATUS.TOO_MANY_REQUESTS, errorText(`More than ${FAILED_AUTH_LIMIT} failed authentications from the address in a minute, or too many signed webhook bodies arriving at once (TOO_MANY_REQUESTS).`, { 'Retry-After': header('RetryAfter') })],
  ShuttingDown: [
    ERROR_STATUS.SHUTTING_DOWN,
    errorText(
      'The service stopped while the caller waited for the run; the run goes on (SHUTTING_DOWN). A trigger, or a webhook delivery, that cannot be recorded in state_dir starts nothing: "Cannot record the run: ..." names state_dir and what to do (CANNOT_RECORD), with Retry-After.',
      { 'Retry-After': header('RetryAfter', false) },
    ),
  ],
} as const);
type GenericName = keyof ReturnType<typeof generic>;

/** Answers any request can get, whatever its path and method (before the route is known). */
const anyRequestNames = (): GenericName[] => ['BadRequest', 'Forbidden', 'NotFound', 'MethodNotAllowed', 'RequestTimeout', 'UrlTooLong', 'ExpectationFailed', 'Misdirected', 'HeadersTooLarge', 'HttpVersionNotSupported'];
/** Answers every operation can give. */
const everyOperation = (): GenericName[] => ['BadRequest', 'Forbidden', 'RequestTimeout', 'BodyTooLarge', 'UrlTooLong', 'UnsupportedMediaType', 'ExpectationFailed', 'Misdirected', 'HeadersTooLarge', 'InternalError', 'HttpVersionNotSupported'];
/** ... and every operation that needs a scope. */
const protectedOnly = (): GenericName[] => ['Unauthorized', 'NotPermitted', 'TooManyFailures'];

const capitalized = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
const webhookSchemes = (): Record<keyof typeof WEBHOOK_HEADERS, { scheme: string; description: string }> => ({
  github: { scheme: 'githubSignature', description: 'GitHub: "sha256=" and the hex HMAC-SHA256 of the body with the webhook secret.' },
  gitlab: { scheme: 'gitlabToken', description: "GitLab: the webhook's secret token." },
  hmac: { scheme: 'twitchSignature', description: '"t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">", each signature accepted once, within 300 s of the clock.' },
});

function securitySchemes(): Json {
  const schemes: Json = {
    bearerAuth: { type: 'http', scheme: 'bearer', description: 'A token of auth.tokens (README, "Security"); the scopes are the ones of its entry.' },
    mutualTLS: { type: 'mutualTLS', description: 'A client certificate that chains to tls.ca, with a certname in tls.allowed_certnames: scopes trigger and read.' },
  };
  for (const [type, { scheme, description }] of Object.entries(webhookSchemes())) {
    schemes[scheme] = { type: 'apiKey', in: 'header', name: capitalized(WEBHOOK_HEADERS[type as keyof typeof WEBHOOK_HEADERS]), description: `${description} Scope trigger.` };
  }
  return schemes;
}

/** An empty requirement last: a node without credentials configured (or auth.public_read for read) needs none. */
function security(scope: Scope): Json[] {
  const scopes = scope === 'trigger' ? ['trigger', 'trigger_noop'] : [scope];
  const webhooks = scope === 'trigger' ? Object.values(webhookSchemes()).map(({ scheme }) => ({ [scheme]: [] })) : [];
  return [{ bearerAuth: scopes }, { mutualTLS: scopes.filter((s) => s !== 'trigger_noop') }, ...webhooks, {}];
}

interface Param {
  schema: Json;
  description: string;
}

const booleanText = (): Json => ({ type: 'string', pattern: '^(|true|false|1|0|yes|no)$', description: 'any case; a bare name means true' });
const tagList = (): Json => ({ type: 'string', description: 'comma-separated Puppet tags' });

/** The parameters of /puppet/twitch (TRIGGER_PARAMS, and stream). */
const triggerDoc = (): Record<(typeof TRIGGER_PARAMS)[number] | 'stream', Param> => ({
  async: { schema: booleanText(), description: 'true (default): answer once the run is accepted; false: wait for its result' },
  noop: { schema: booleanText(), description: '--noop / --no-noop; absent: puppet\'s own setting' },
  tags: { schema: tagList(), description: '--tags' },
  skip_tags: { schema: tagList(), description: '--skip_tags' },
  environment: { schema: { type: 'string', pattern: '^[a-z0-9_]+$' }, description: 'one of puppet.environments (else 403)' },
  splay: { schema: { type: 'string', pattern: '^[0-9]+$' }, description: 'seconds, at most puppet.max_splay (else 403): wait a random time up to that long before puppet starts' },
  when_busy: { schema: { enum: ['reject', 'queue'] }, description: 'queue: while a run is in progress, queue one follow-up run (202)' },
  stream: {
    schema: booleanText(),
    description: 'true: answer 200 at once and stream the run\'s output (text/plain, or text/event-stream when Accept asks); implies async=false, and with async=true is a 400',
  },
});

const query = (name: string, p: Param): Json => ({ name, in: 'query', required: false, description: p.description, schema: p.schema });

function triggerBody(): Json {
  const json: Json = {};
  for (const [name, p] of Object.entries(triggerDoc())) {
    json[name] =
      name === 'tags' || name === 'skip_tags'
        ? { oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }], description: p.description }
        : { type: ['string', 'boolean', 'number'], description: p.description };
  }
  const form: Json = Object.fromEntries(Object.entries(triggerDoc()).map(([name, p]) => [name, { ...p.schema, description: p.description }]));
  return {
    required: false,
    description:
      'The parameters, instead of (not also in) the query string. A request signed as a webhook carries the sender\'s payload (up to limits.max_body_bytes), which is not read as parameters.',
    content: {
      'application/x-www-form-urlencoded': { schema: { type: 'object', properties: form } },
      'application/json': { schema: { type: 'object', properties: json } },
    },
  };
}

const recordOrText = (text: string, example?: string): Json => ({
  ...plain(text, example),
  'application/json': { schema: ref('schemas', 'RunRecord') },
});

const runOutputLines = (id: string) =>
  `Each output line, then "puppet-twitch: run ${id} finished: exit code N (meaning)" (or "finished: <outcome> (<error>)"); a reader that falls too far behind gets "puppet-twitch: output cut off: ..." and the connection ends.`;

const streams = (subject: string): Json => ({
  [TEXT_PLAIN]: { schema: { type: 'string', description: `chunked: ${runOutputLines('<id>')}` } },
  [SSE]: {
    schema: {
      type: 'string',
      description: `${subject} as server-sent events when Accept asks for text/event-stream: "event: output" with one line of data per output line, then "event: finished" whose data is the run record JSON; then the response ends.`,
    },
  },
});

function triggerResponses(): Json {
  return {
    '200': {
      description:
        `async=false: the run finished well ("${TEXT.complete}", or with Accept: application/json the record). stream=true: the run started or was queued, and its output follows. ` +
        'A GitHub ping signed with a configured secret: "pong: webhook:<id> is verified".',
      headers: { Location: header('Location', false) },
      content: {
        ...recordOrText(`"${TEXT.complete}", or "pong: ..."`, TEXT.complete),
        ...streams('the run\'s output'),
      },
    },
    '202': {
      description: `The run has started (or splays, or is queued behind the current one): "${TEXT.triggered}" or "${TEXT.queued}"; with Accept: application/json the record.`,
      headers: { Location: header('Location') },
      content: recordOrText(`"${TEXT.triggered}" or "${TEXT.queued}"`, TEXT.triggered),
    },
    '400': errorText('A bad or repeated parameter, an unknown one (the body names it), stream=true with async=true, invalid JSON, or a malformed request (BAD_PARAMETER, UNKNOWN_PARAMETER, BAD_REQUEST, BAD_HOST).'),
    '403': errorText('An environment the config does not list, a splay over puppet.max_splay, a trigger_noop identity asking for a run that is not noop, an identity without the scope, a certname not allowed, an address outside auth.allow_from (FORBIDDEN, ADDRESS_NOT_ALLOWED).'),
    '409': {
      description: `"${TEXT.busy}" (a run is in progress, here or elsewhere), or "${TEXT.queueConflict}" (when_busy=queue with other options; Location names the queued run) (QUEUE_CONFLICT); Retry-After: ${RETRY_AFTER_SECONDS}. From a webhook: the delivery was received before and started no run, or is still being handled (DELIVERY_REPEATED).`,
      headers: { 'Retry-After': header('RetryAfter', false), Location: header('Location', false) },
      content: plain('why no run started', TEXT.busy),
    },
    '423': {
      description: `"${TEXT.disabled}: <message>": the agent is disabled, no run starts (async=false with Accept: application/json: the record, outcome disabled).`,
      headers: { Location: header('Location', false) },
      content: recordOrText('the disabled message', TEXT.disabled),
    },
    '429': errorText(
      'Over limits.triggers_per_minute, within limits.min_run_interval of the last run\'s start, after too many failed authentications, or too many signed bodies at once (TOO_MANY_REQUESTS).',
      { 'Retry-After': header('RetryAfter') },
    ),
    '500': {
      description: 'async=false: the run failed ("Puppet run failed: exit code N (meaning)", or the record with Accept: application/json) (RUN_FAILED); the root helper could not start puppet (HELPER_FAILED); or something broke.',
      headers: { Location: header('Location', false) },
      content: recordOrText('what failed', 'Puppet run failed: exit code 4 (the run had resource failures)'),
    },
    '503': ref('responses', 'ShuttingDown'),
  };
}

interface Route {
  summary: string;
  description?: string;
  methods: string[];
  parameters?: Json[];
  requestBody?: Json;
  /** the route's own answers; the generic ones are added */
  responses: Json;
}

const runIdParam = (): Json => ({
  name: 'id',
  in: 'path',
  required: true,
  description: 'the run id (a malformed or unknown one is a 404)',
  schema: { type: 'string', pattern: RUN_ID.source },
});
const runNotFound = () =>
  errorText(`No such run on this node (RUN_NOT_FOUND): GET ${PATHS.runs} lists the runs it remembers.`);
const rejectsParameters = () => errorText('Any query parameter: the path takes none (UNKNOWN_PARAMETER), or a malformed request.');
const textRoute = (summary: string, body: string): Route => ({
  summary,
  methods: ['GET', 'HEAD'],
  responses: { '200': { description: body, content: plain(body, body) } },
});

function describedRoutes(): Record<string, Route> {
  const P = PATHS;
  return {
    [P.trigger]: {
      summary: 'Trigger a puppet run',
      description:
        'Parameters come from the query string or a POST body, each once. Signed webhook requests (X-Hub-Signature-256, X-Gitlab-Token, X-Twitch-Signature) take none: their runs take the options of their auth.webhooks entry, and a delivery sent again starts nothing.',
      methods: ['GET', 'POST'],
      parameters: Object.entries(triggerDoc()).map(([name, p]) => query(name, p)),
      requestBody: triggerBody(),
      responses: triggerResponses(),
    },
    [P.runs]: {
      summary: 'The run records, newest first',
      methods: ['GET'],
      parameters: [query(RUNS_PARAMS[0], { schema: { type: 'integer', minimum: 0 }, description: 'at most this many (default and most: history)' })],
      responses: {
        '200': { description: 'run records, newest first', content: { 'application/json': { schema: { type: 'array', items: ref('schemas', 'RunRecord') } } } },
        '400': errorText('A bad limit or an unknown parameter (BAD_PARAMETER, UNKNOWN_PARAMETER), or a malformed request.'),
      },
    },
    [P.run]: {
      summary: 'One run record',
      methods: ['GET'],
      parameters: [
        runIdParam(),
        query(RUN_PARAMS[0], {
          schema: { type: 'integer', minimum: 0, maximum: MAX_WAIT_SECONDS },
          description: `hold the answer until the run finishes or this many seconds pass (at most ${MAX_WAIT_SECONDS}), then the record as it is`,
        }),
      ],
      responses: {
        '200': { description: 'the record', content: { 'application/json': { schema: ref('schemas', 'RunRecord') } } },
        '400': errorText('A bad wait or an unknown parameter (BAD_PARAMETER, UNKNOWN_PARAMETER), or a malformed request.'),
        '404': runNotFound(),
      },
    },
    [P.runOutput]: {
      summary: "A run's output",
      description:
        'A finished run: its stored output (up to output_max_bytes), then the finished line. A running one: what it printed so far, then live. A queued or splaying one: waits for it to start.',
      methods: ['GET'],
      parameters: [runIdParam()],
      responses: {
        '200': { description: "the run's output", content: streams('the output') },
        '400': rejectsParameters(),
        '404': runNotFound(),
      },
    },
    [P.status]: {
      summary: "Puppet's state, and the service's",
      methods: ['GET'],
      responses: {
        '200': { description: 'the status document (README, "Status")', content: { 'application/json': { schema: ref('schemas', 'Status') } } },
        '400': rejectsParameters(),
        '500': errorText("Puppet's state cannot be read through the root helper (HELPER_FAILED), or something broke."),
      },
    },
    [P.metrics]: {
      summary: 'Prometheus metrics',
      description: 'Needs the read scope unless auth.public_read or metrics.public is true or the node is open.',
      methods: ['GET', 'HEAD'],
      responses: {
        '200': { description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain; version=0.0.4': { schema: { type: 'string' } } } },
        '404': errorText('metrics.enabled is false (NOT_FOUND).'),
      },
    },
    [P.openapi]: {
      summary: 'This document',
      methods: ['GET', 'HEAD'],
      responses: { '200': { description: 'the OpenAPI document', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
    ...controlDescribed(),
    [P.runReport]: {
      summary: "The resources a run changed, failed, found out of sync (noop) or skipped",
      description:
        "From Puppet's last_run_report.yaml, read as root at the run's end when it is that run's: at most " +
        `${REPORT_LIMITS.resources} resources and ${REPORT_LIMITS.bytes / 1024} KiB (failures first; resources_left_out counts the rest), ` +
        `values cut at ${REPORT_LIMITS.value} bytes, and "${SENSITIVE}" for every value of a resource with a Sensitive parameter.`,
      methods: ['GET'],
      parameters: [runIdParam()],
      responses: {
        '200': { description: "the run's report", content: { 'application/json': { schema: ref('schemas', 'RunReport') } } },
        '400': rejectsParameters(),
        '404': errorText('No such run (RUN_NOT_FOUND), or the run has no report (REPORT_NOT_FOUND: not finished, or Puppet wrote none of it).'),
      },
    },
    [P.version]: textRoute("The service's version", version),
    [P.info]: textRoute('What this is', TEXT.info),
    [P.healthz]: textRoute('Liveness', TEXT.healthy),
  };
}

/** POST /puppet/disable and /puppet/enable (README, "Disabling the agent"). */
function controlDescribed(): Record<string, Route> {
  const params: Record<(typeof DISABLE_PARAMS)[number], Param> = {
    message: { schema: { type: 'string', minLength: 1, maxLength: MAX_MESSAGE }, description: `required: why (printable, at most ${MAX_MESSAGE} characters)` },
    ttl: { schema: { type: 'integer', minimum: 1 }, description: 'seconds until the disable ends by itself (default and most: control.max_disable_ttl)' },
    wait: {
      schema: { type: 'integer', minimum: 0, maximum: MAX_WAIT_SECONDS },
      description: `hold the answer until a run in progress ends or this many seconds pass (at most ${MAX_WAIT_SECONDS}); the answer says idle`,
    },
  };
  const state = { '200': { description: "the agent's state afterwards", content: { 'application/json': { schema: ref('schemas', 'ControlState') } } } };
  const failed = errorText("The root helper could not run puppet agent --disable or --enable (HELPER_FAILED), or something broke.");
  return {
    [PATHS.disable]: {
      summary: 'Disable the agent for a time',
      description:
        "puppet agent --disable with the caller's message, followed by \" (puppet-twitch: <identity>, until <time>)\"; the service enables the agent when the TTL passes (also after a restart). A disable of its own is replaced.",
      methods: ['POST'],
      parameters: Object.entries(params).map(([name, p]) => query(name, p)),
      requestBody: {
        required: false,
        description: 'The parameters, instead of (not also in) the query string.',
        content: {
          'application/x-www-form-urlencoded': { schema: { type: 'object', properties: Object.fromEntries(Object.entries(params).map(([n, p]) => [n, { type: 'string', description: p.description }])) } },
          'application/json': { schema: { type: 'object', properties: Object.fromEntries(Object.entries(params).map(([n, p]) => [n, { ...p.schema, description: p.description }])) } },
        },
      },
      responses: {
        ...state,
        '400': errorText('No message, a message over the limit or with control characters, a ttl over control.max_disable_ttl, a bad wait, an unknown or repeated parameter (BAD_PARAMETER, UNKNOWN_PARAMETER).'),
        '409': errorText('The agent is already disabled by someone else: the answer quotes their message; it is left as it is (CONTROL_CONFLICT).'),
        '429': errorText('wait: too many answers are held open (TOO_MANY_REQUESTS).', { 'Retry-After': header('RetryAfter') }),
        '500': failed,
        '503': errorText('The disable cannot be recorded in state_dir: nothing was changed (CANNOT_RECORD), with Retry-After; or the service is stopping.', { 'Retry-After': header('RetryAfter', false) }),
      },
    },
    [PATHS.enable]: {
      summary: "End this service's disable of the agent",
      methods: ['POST'],
      responses: {
        ...state,
        '400': rejectsParameters(),
        '409': errorText("The agent was disabled by someone else, not by this service: it is left as it is; enable it by hand on the node (puppet agent --enable) (CONTROL_CONFLICT)."),
        '500': failed,
        '503': errorText('The enable cannot be recorded in state_dir: nothing was changed (CANNOT_RECORD), with Retry-After.', { 'Retry-After': header('RetryAfter', false) }),
      },
    },
  };
}

function controlStateSchema(): Json {
  const properties: Record<keyof ControlAnswer, Json> = {
    enabled: { type: 'boolean' },
    disabled_message: nullable({ type: 'string', description: "the disabled lock's message" }),
    disabled_until: nullable({ ...time(), description: "when this service's disable ends by itself" }),
    record_id: { type: 'string', pattern: RUN_ID.source, description: 'the record of this change (GET /puppet/runs/<id>)' },
    idle: { type: 'boolean', description: 'with wait: no run was going when the answer was sent' },
  };
  const required = Object.keys(properties).filter((key) => key !== 'idle');
  return { type: 'object', required, properties, additionalProperties: false };
}

function operation(path: string, route: Route, method: string): Json {
  const scope = ROUTE_SCOPES[path] as Scope | undefined;
  const responses: Json = {};
  const answers = generic();
  for (const name of [...everyOperation(), ...(scope === undefined ? [] : protectedOnly())]) responses[String(answers[name][0])] = ref('responses', name);
  Object.assign(responses, route.responses);
  const sorted = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
  return {
    operationId: `${method.toLowerCase()}${path.replace(/[/.:]+([a-z])?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    ...(route.parameters === undefined ? {} : { parameters: route.parameters }),
    ...(method === 'POST' && route.requestBody !== undefined ? { requestBody: route.requestBody } : {}),
    ...(scope === undefined ? { security: [] } : { security: security(scope) }),
    responses: sorted,
  };
}

export function buildOpenApi(): Json {
  const paths: Json = {};
  for (const [path, route] of Object.entries(describedRoutes())) {
    paths[templated(path)] = Object.fromEntries(route.methods.map((m) => [m.toLowerCase(), operation(path, route, m)]));
  }
  const anyRequest: Json = {};
  const answers = generic();
  for (const name of anyRequestNames()) anyRequest[String(answers[name][0])] = ref('responses', name);
  return {
    openapi: '3.1.0',
    info: {
      title: 'puppet-twitch',
      version,
      summary: 'Trigger a Puppet agent run on a node over HTTP, safely',
      description:
        'Every error answer is plain text that says what went wrong and what to do. x-any-request lists the answers any request can get ' +
        'whatever its path: an unknown path is a 404, a method a path does not list is a 405 with Allow. ' +
        `Scopes: ${SCOPES.join(', ')} (README, "Security"). The JSON bodies are ${JSON_TYPE}.`,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    'x-any-request': anyRequest,
    paths,
    components: {
      schemas: { RunRecord: recordSchema(), RunOptions: optionsSchema(), Summary: summarySchema(), Status: statusSchema(), ControlState: controlStateSchema(), RunReport: reportSchema() },
      responses: Object.fromEntries(Object.entries(generic()).map(([name, [, response]]) => [name, response])),
      headers: headers(),
      securitySchemes: securitySchemes(),
    },
  };
}

/** The document's JSON text: ts/build.mjs puts it into the bundle, which serves it as it is. */
export const openApiJson = (): string => JSON.stringify(buildOpenApi());
