// A corpus of hostile requests sent over raw TCP to one real bundle with tokens, webhooks and an allowlist, and a
// stand-in puppet (spec/fixtures/fake-puppet) that records every run it is asked for. Each request must get
// well-formed 4xx answers or a closed connection, never start a run, and leave the connection either closed or
// in step: a probe pipelined behind every case (GET /version with Connection: close) is answered exactly when no
// answer before it closed the connection. Many cases carry a valid trigger token ("armed"), so a request the
// service wrongly accepted would start a run and fail the test. Each case connects from a loopback address of its
// own, so one case's failed authentications never block another.
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { FAILED_AUTH_LIMIT } from '../../../ts/auth/gate';
import { LIMITS } from '../../../ts/http/limits';
import { posixPlatform } from '../../../ts/platform/posix';
import { CHALLENGE, SECRETS, TOKENS, assertNoSecretLeaked, githubSignature, nowSeconds, twitchSignature } from '../support/auth';
import { TEXT_PLAIN, useService } from '../support/harness';
import { HOSTILE_CONFIG, OUTSIDE, assertLogClean, assertNoRunStarted, assertServing, clientAddress } from '../support/hostile';
import { checkRawAnswer } from '../support/openapi';
import { RawConnection, header, packageVersion, parseResponses, request, sleep, waitFor, type RawResponse } from '../support/service';

interface Case {
  name: string;
  /** the bytes sent (a string is taken byte for byte, as latin1); a function builds them when the case runs */
  send: string | (() => string);
  /** the statuses of the answers before the probe, in order; [] when the connection is closed without one */
  expect: number[];
  /** what the first answer's body says */
  body?: RegExp;
  /** the client address (default: one of its own inside auth.allow_from) */
  from?: string;
}

const PROBE = 'GET /version HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n';
const ARMED = `Authorization: Bearer ${TOKENS.deploy}\r\n`;
const NOOP_ONLY = `Authorization: Bearer ${TOKENS.noop}\r\n`;
const FORM = 'Content-Type: application/x-www-form-urlencoded\r\n';
const JSON_TYPE = 'Content-Type: application/json\r\n';

/** A request with a Host header, the given header lines (each ending in CRLF) and, with a body, its Content-Length. */
function req(line: string, headers = '', body?: string): string {
  const length = body === undefined ? '' : `Content-Length: ${Buffer.byteLength(body, 'latin1')}\r\n`;
  return `${line}\r\nHost: node01\r\n${headers}${length}\r\n${body ?? ''}`;
}
/** A trigger carrying the valid trigger token: accepted, it would start a run. */
const armed = (target: string, headers = '', body?: string) => req(`POST ${target} HTTP/1.1`, ARMED + headers, body);
/** A trigger that would start a run if it were read as a request of its own. */
const SMUGGLED = armed('/puppet/twitch');
const chunked = (...chunks: string[]) => chunks.map((c) => `${c.length.toString(16)}\r\n${c}\r\n`).join('') + '0\r\n\r\n';

function nearMisses(token: string): Record<string, string> {
  const last = token.at(-1) === 'A' ? 'B' : 'A';
  return {
    'one character changed': token.slice(0, -1) + last,
    'one character added': `${token}A`,
    'one character removed': token.slice(0, -1),
  };
}

const WEBHOOK_BODY = '{"ref":"refs/heads/production","after":"f00d"}';
const github = (signature: string, body = WEBHOOK_BODY) =>
  req('POST /puppet/twitch HTTP/1.1', `${JSON_TYPE}X-GitHub-Event: push\r\nX-Hub-Signature-256: ${signature}\r\n`, body);
const gitlab = (token: string, body = WEBHOOK_BODY) => req('POST /puppet/twitch HTTP/1.1', `${JSON_TYPE}X-Gitlab-Token: ${token}\r\n`, body);
const signed = (signature: string, body = WEBHOOK_BODY, target = '/puppet/twitch') =>
  req(`POST ${target} HTTP/1.1`, `${JSON_TYPE}X-Twitch-Signature: ${signature}\r\n`, body);
const hmacHex = (secret: string, data: string) => twitchSignature(data, 0, secret).split('v1=')[1];

// A valid X-Twitch-Signature, used once (the request is refused for a bad parameter after the signature is
// accepted) and then replayed.
let replayed: string | undefined;
const replaySignature = () => (replayed ??= twitchSignature(WEBHOOK_BODY));

const CORPUS: Record<string, Case[]> = {
  'malformed request lines': [
    // RFC 9112 lets a server split the request line on runs of spaces; such a request still needs credentials.
    { name: 'two spaces after the method', send: req('POST  /puppet/twitch HTTP/1.1'), expect: [401] },
    { name: 'two spaces before the version', send: req('POST /puppet/twitch  HTTP/1.1'), expect: [401] },
    { name: 'a tab instead of a space', send: req('POST\t/puppet/twitch HTTP/1.1', ARMED), expect: [400] },
    { name: 'a lower-case method', send: req('post /puppet/twitch HTTP/1.1', ARMED), expect: [400] },
    { name: 'an unknown method', send: req('BREW /puppet/twitch HTTP/1.1', ARMED), expect: [400] },
    { name: 'a NUL inside the method', send: req('PO\0ST /puppet/twitch HTTP/1.1', ARMED), expect: [400] },
    { name: 'a word after the version', send: req('POST /puppet/twitch HTTP/1.1 extra', ARMED), expect: [400] },
    { name: 'a method the route does not take (PUT)', send: req('PUT /puppet/twitch HTTP/1.1', ARMED), expect: [405] },
    { name: 'a target without a leading slash', send: req('POST puppet/twitch HTTP/1.1', ARMED), expect: [400] },
    { name: 'the asterisk form', send: req('OPTIONS * HTTP/1.1', ARMED), expect: [400] },
    {
      name: 'the absolute form, with a token in its query string',
      send: req(`POST http://node01/puppet/twitch?token=${TOKENS.deploy} HTTP/1.1`, ARMED),
      expect: [400],
      body: /must be a path starting with "\/"/,
    },
    { name: 'CONNECT to the trigger', send: req('CONNECT /puppet/twitch HTTP/1.1', ARMED), expect: [] },
    { name: 'a TLS ClientHello', send: '\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03' + '\x00'.repeat(32) + '\r\n\r\n', expect: [400] },
    { name: 'bytes that are not HTTP at all', send: '\x00\xff\xfe\x01garbage\r\n\r\n', expect: [400] },
  ],

  'oversize request line, headers and bodies': [
    { name: 'a 20 KiB request line', send: req(`POST /puppet/twitch?tags=${'a'.repeat(20 * 1024)} HTTP/1.1`, ARMED), expect: [431] },
    { name: 'a 5,000-byte URL', send: armed(`/puppet/twitch?tags=${'a'.repeat(5000)}`), expect: [414] },
    { name: 'a 64 KiB header', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}X-Pad: ${'h'.repeat(64 * 1024)}\r\n`), expect: [431] },
    {
      name: '4,000 small headers',
      send: req('POST /puppet/twitch HTTP/1.1', ARMED + Array.from({ length: 4000 }, (_, i) => `X-H${i}: v\r\n`).join('')),
      expect: [431],
    },
    { name: 'a 5,000-byte form body', send: armed('/puppet/twitch', FORM, `tags=${'a'.repeat(4995)}`), expect: [413] },
    { name: 'a declared Content-Length of 10^14', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED + FORM}Content-Length: 99999999999999\r\n`), expect: [413] },
    { name: 'a Content-Length over 2^64', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Content-Length: 18446744073709551616\r\n`), expect: [400] },
    { name: 'a negative Content-Length', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Content-Length: -1\r\n`), expect: [400] },
    {
      name: 'a chunked form body over 4 KiB',
      send: req('POST /puppet/twitch HTTP/1.1', `${ARMED + FORM}Transfer-Encoding: chunked\r\n`) + chunked('tags=', ...Array(5).fill('a'.repeat(1000))),
      expect: [413],
    },
    { name: 'a signed webhook body over limits.max_body_bytes', send: github(githubSignature('x'), 'x'.repeat(3000)), expect: [413] },
  ],

  'request smuggling and framing': [
    {
      name: 'Content-Length and Transfer-Encoding (CL.TE), a trigger in the body',
      send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n`) + '0\r\n\r\n' + SMUGGLED,
      expect: [400],
    },
    {
      name: 'Transfer-Encoding then Content-Length (TE.CL), a trigger in the chunk',
      send: req('POST /healthz HTTP/1.1', `Transfer-Encoding: chunked\r\nContent-Length: 4\r\n`) + chunked(SMUGGLED),
      expect: [400],
    },
    { name: 'two different Content-Lengths', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Content-Length: 0\r\nContent-Length: 70\r\n`) + SMUGGLED, expect: [400] },
    { name: 'two equal Content-Lengths', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Content-Length: 2\r\nContent-Length: 2\r\n`) + '{}', expect: [400] },
    { name: 'a Content-Length list "0, 0"', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Content-Length: 0, 0\r\n`), expect: [400] },
    { name: 'Content-Length "+2"', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Content-Length: +2\r\n`) + '{}', expect: [400] },
    { name: 'Content-Length in hex', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Content-Length: 0x2\r\n`) + '{}', expect: [400] },
    { name: 'a space before the colon of Content-Length', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Content-Length : 0\r\n`), expect: [400] },
    { name: 'a space before the colon of Transfer-Encoding', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Transfer-Encoding : chunked\r\n`) + '0\r\n\r\n', expect: [400] },
    { name: 'a chunk size that is not hex', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Transfer-Encoding: chunked\r\n`) + 'zz\r\nab\r\n0\r\n\r\n', expect: [400] },
    {
      name: 'a chunk size over 2^64',
      send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Transfer-Encoding: chunked\r\n`) + 'ffffffffffffffffff\r\nab\r\n0\r\n\r\n',
      expect: [400],
    },
    {
      name: 'chunk data longer than its size',
      send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Transfer-Encoding: chunked\r\n`) + `2\r\n{}}\r\n0\r\n\r\n`,
      expect: [400],
    },
    { name: 'Transfer-Encoding "chunked, identity"', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Transfer-Encoding: chunked, identity\r\n`) + '0\r\n\r\n', expect: [400] },
    { name: 'Transfer-Encoding "identity"', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Transfer-Encoding: identity\r\n`), expect: [400] },
    { name: 'Transfer-Encoding "xchunked"', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Transfer-Encoding: xchunked\r\n`) + '0\r\n\r\n', expect: [400] },
    {
      name: 'Transfer-Encoding continued on a folded line',
      send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Transfer-Encoding: identity\r\n chunked\r\n`) + '0\r\n\r\n',
      expect: [400],
    },
    { name: 'an obs-fold header line', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}X-Note: one\r\n two\r\n`), expect: [400] },
    { name: 'bare LF line ends', send: armed('/puppet/twitch').replace(/\r\n/g, '\n'), expect: [400], body: /^Malformed HTTP request/ },
    { name: 'bare LF line ends in the headers only', send: `POST /puppet/twitch HTTP/1.1\r\nHost: node01\n${ARMED.trim()}\n\n`, expect: [400] },
    { name: 'bare CR line ends', send: armed('/puppet/twitch').replace(/\r\n/g, '\r'), expect: [400] },
    { name: 'an LF alone ending the headers', send: armed('/puppet/twitch').replace(/\r\n\r\n$/, '\r\n\n'), expect: [400] },
    { name: 'Content-Length and Transfer-Encoding on HTTP/1.0', send: req('POST /puppet/twitch HTTP/1.0', `${ARMED}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n`) + '0\r\n\r\n', expect: [400] },
    // TE lists the codings a client accepts in answers: it frames nothing, so "0\r\n\r\n" is the next request.
    { name: '"TE: chunked" (not Transfer-Encoding) is not framing', send: req('POST /puppet/twitch HTTP/1.1', 'TE: chunked\r\n') + '0\r\n\r\n', expect: [401, 400] },
    {
      name: 'a token in a chunked body\'s trailer does not authenticate',
      send: req('POST /puppet/twitch HTTP/1.1', 'Transfer-Encoding: chunked\r\n') + `0\r\n${ARMED}\r\n`,
      expect: [401],
    },
  ],

  'bad encodings': [
    { name: 'a NUL byte in the path', send: armed('/puppet/twitch\0'), expect: [400] },
    { name: 'a raw 0xFF byte in the path', send: armed('/puppet/tw\xffitch'), expect: [400] },
    { name: 'raw invalid UTF-8 in the query', send: armed('/puppet/twitch?tags=\xc0\xaf'), expect: [400] },
    { name: 'a percent-encoded NUL after the path', send: armed('/puppet/twitch%00'), expect: [404] },
    { name: 'percent-encoded invalid UTF-8 in a tag', send: armed('/puppet/twitch?tags=%ff%fe'), expect: [400], body: /parameter 'tags'/ },
    { name: 'an overlong UTF-8 "../" in the environment', send: armed('/puppet/twitch?environment=%c0%ae%c0%ae%c0%afx'), expect: [400] },
    { name: 'a percent-encoded NUL in a tag', send: armed('/puppet/twitch?tags=web%00--noop'), expect: [400] },
    { name: 'a bad percent-escape in a parameter name', send: armed('/puppet/twitch?%zz=1'), expect: [400], body: /Unknown parameter/ },
    { name: 'a truncated percent-escape in a value', send: armed('/puppet/twitch?tags=web%'), expect: [400] },
    { name: 'an encoded "/../" in the path', send: armed('/puppet/%2e%2e/puppet/twitch'), expect: [404] },
    { name: 'a "/../" in the path', send: armed('/puppet/runs/../twitch'), expect: [404] },
    { name: 'a double slash', send: armed('//puppet/twitch'), expect: [404] },
    { name: 'the path in upper case', send: armed('/PUPPET/TWITCH'), expect: [404] },
    { name: 'a NUL byte in a header value', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}X-Note: a\0b\r\n`), expect: [400] },
    { name: 'a NUL byte in a header name', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}X-No\0te: a\r\n`), expect: [400] },
    { name: 'a space in a header name', send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}X Note: a\r\n`), expect: [400] },
    { name: 'invalid UTF-8 in the Authorization header', send: req('POST /puppet/twitch HTTP/1.1', 'Authorization: Bearer \xff\xfe\xfd\r\n'), expect: [401] },
    { name: 'a Host of raw 0xFF bytes', send: `POST /puppet/twitch HTTP/1.1\r\nHost: \xff\xff\r\n${ARMED}\r\n`, expect: [400] },
    { name: 'invalid UTF-8 in a form body', send: armed('/puppet/twitch', FORM, 'tags=\xff\xfe'), expect: [400] },
    { name: 'invalid UTF-8 in a JSON body', send: armed('/puppet/twitch', JSON_TYPE, '{"tags":"\xc0\xaf"}'), expect: [400] },
    { name: 'a UTF-16 JSON body', send: armed('/puppet/twitch', JSON_TYPE, '\xff\xfe{\0}\0'), expect: [400], body: /not valid JSON/ },
  ],

  'bad and injected parameters (with a valid token)': [
    { name: 'tags=a;rm -rf / in a form body', send: armed('/puppet/twitch', FORM, 'tags=a%3Brm+-rf+%2F'), expect: [400], body: /parameter 'tags'/ },
    { name: 'tags=$(id) in the query', send: armed('/puppet/twitch?tags=$(id)'), expect: [400] },
    { name: 'environment=../x', send: armed('/puppet/twitch?environment=../x'), expect: [400], body: /parameter 'environment'/ },
    { name: 'an environment with a newline and an option', send: armed('/puppet/twitch?environment=production%0a--server=evil'), expect: [400] },
    { name: 'tags=--config=/x', send: armed('/puppet/twitch?tags=--config=/x'), expect: [400] },
    { name: 'skip_tags=--noop', send: armed('/puppet/twitch?skip_tags=--noop'), expect: [400] },
    { name: 'noop=--noop', send: armed('/puppet/twitch?noop=--noop'), expect: [400] },
    { name: 'an option as a second tag', send: armed('/puppet/twitch?tags=web,--server=evil'), expect: [400] },
    { name: 'a tag with a space and an option', send: armed('/puppet/twitch?tags=web%20--debug'), expect: [400] },
    { name: 'a parameter named like an option', send: armed('/puppet/twitch?--server=evil'), expect: [400], body: /Unknown parameter/ },
    { name: 'an unknown parameter server=', send: armed('/puppet/twitch?server=evil'), expect: [400], body: /Unknown parameter 'server'/ },
    { name: 'a repeated parameter', send: armed('/puppet/twitch?tags=a&tags=b'), expect: [400], body: /more than once/ },
    { name: 'a parameter in the query and in the body', send: armed('/puppet/twitch?noop=true', FORM, 'noop=false'), expect: [400] },
    { name: 'splay=-1', send: armed('/puppet/twitch?splay=-1'), expect: [400] },
    { name: 'splay=1e3', send: armed('/puppet/twitch?splay=1e3'), expect: [400] },
    { name: 'a splay over puppet.max_splay', send: armed('/puppet/twitch?splay=10'), expect: [403] },
    { name: 'async=false;id', send: armed('/puppet/twitch?async=false;id'), expect: [400] },
    { name: 'when_busy with a NUL', send: armed('/puppet/twitch?when_busy=queue%00'), expect: [400] },
    { name: 'an environment not listed', send: armed('/puppet/twitch?environment=development'), expect: [403] },
    { name: 'a JSON object as a value', send: armed('/puppet/twitch', JSON_TYPE, '{"tags":{"$gt":""}}'), expect: [400] },
    { name: 'a JSON list in a list', send: armed('/puppet/twitch', JSON_TYPE, '{"tags":["web",["--noop"]]}'), expect: [400] },
    { name: 'a JSON null', send: armed('/puppet/twitch', JSON_TYPE, '{"environment":null}'), expect: [400] },
    { name: 'JSON __proto__', send: armed('/puppet/twitch', JSON_TYPE, '{"__proto__":{"noop":true}}'), expect: [400], body: /parameter '__proto__'/ },
    { name: 'a JSON array body', send: armed('/puppet/twitch', JSON_TYPE, '[["tags","web"]]'), expect: [400], body: /must be an object/ },
    { name: 'JSON nested 2,000 deep', send: armed('/puppet/twitch', JSON_TYPE, `{"tags":${'['.repeat(1000)}${']'.repeat(1000)}}`), expect: [400] },
    { name: 'a JSON key twice', send: armed('/puppet/twitch', JSON_TYPE, '{"noop":true,"noop":false}'), expect: [400], body: /'noop' is given more than once/ },
    { name: 'a text/plain body', send: armed('/puppet/twitch', 'Content-Type: text/plain\r\n', 'noop=true'), expect: [415] },
    { name: 'a body on GET', send: req('GET /puppet/twitch HTTP/1.1', ARMED + FORM, 'noop=true'), expect: [415] },
    { name: 'a noop-only token sending noop twice', send: req('POST /puppet/twitch?noop=true&noop=false HTTP/1.1', NOOP_ONLY), expect: [400] },
    { name: 'a noop-only token: noop in the query, noop=false in JSON', send: req('POST /puppet/twitch?noop=true HTTP/1.1', NOOP_ONLY + JSON_TYPE, '{"noop":false}'), expect: [400] },
    { name: 'a noop-only token: noop=yes with a NUL', send: req('POST /puppet/twitch?noop=yes%00 HTTP/1.1', NOOP_ONLY), expect: [400] },
  ],

  'wrong, truncated, expired and replayed webhook signatures': [
    { name: 'github: a wrong secret', send: () => github(githubSignature(WEBHOOK_BODY, `${SECRETS.github}x`)), expect: [401] },
    { name: 'github: the signature truncated', send: () => github(githubSignature(WEBHOOK_BODY).slice(0, 40)), expect: [401] },
    { name: 'github: the signature of another body', send: () => github(githubSignature(`${WEBHOOK_BODY} `)), expect: [401] },
    { name: 'github: one byte added to the body', send: () => github(githubSignature(WEBHOOK_BODY), `${WEBHOOK_BODY}\n`), expect: [401] },
    { name: 'github: a "SHA256=" prefix', send: () => github(githubSignature(WEBHOOK_BODY).replace('sha256', 'SHA256')), expect: [401] },
    { name: 'github: the gitlab secret as key', send: () => github(githubSignature(WEBHOOK_BODY, SECRETS.gitlab)), expect: [401] },
    { name: 'github: an empty signature', send: github(''), expect: [401] },
    {
      name: 'github: a right signature behind a wrong bearer token',
      send: () => req('POST /puppet/twitch HTTP/1.1', `Authorization: Bearer x\r\nX-Hub-Signature-256: ${githubSignature(WEBHOOK_BODY)}\r\n`, WEBHOOK_BODY),
      expect: [401],
    },
    { name: 'gitlab: a wrong token', send: gitlab(`${SECRETS.gitlab}x`), expect: [401] },
    { name: 'gitlab: the secret truncated', send: gitlab(SECRETS.gitlab.slice(0, -1)), expect: [401] },
    { name: 'gitlab: the github secret', send: gitlab(SECRETS.github), expect: [401] },
    { name: 'gitlab: the trigger token', send: gitlab(TOKENS.deploy), expect: [401] },
    { name: 'hmac: a wrong secret', send: () => signed(twitchSignature(WEBHOOK_BODY, nowSeconds(), `${SECRETS.hmac}x`)), expect: [401] },
    { name: 'hmac: v1 truncated', send: () => signed(twitchSignature(WEBHOOK_BODY).slice(0, -2)), expect: [401] },
    { name: 'hmac: the body without the "<t>." prefix signed', send: () => signed(`t=${nowSeconds()},v1=${githubSignature(WEBHOOK_BODY, SECRETS.hmac).slice(7)}`), expect: [401] },
    { name: 'hmac: expired (301 s old)', send: () => signed(twitchSignature(WEBHOOK_BODY, nowSeconds() - 301)), expect: [401], body: /more than 300 s/ },
    { name: 'hmac: from the future (301 s ahead)', send: () => signed(twitchSignature(WEBHOOK_BODY, nowSeconds() + 301)), expect: [401], body: /more than 300 s/ },
    { name: 'hmac: t in milliseconds', send: () => signed(twitchSignature(WEBHOOK_BODY, Date.now())), expect: [401] },
    { name: 'hmac: two v1 values', send: () => signed(`${twitchSignature(WEBHOOK_BODY)},v1=${'0'.repeat(64)}`), expect: [401] },
    {
      name: 'hmac: a signed time changed after signing',
      send: () => {
        const t = nowSeconds();
        return signed(`t=${t - 1},v1=${hmacHex(SECRETS.hmac, `${t}.${WEBHOOK_BODY}`)}`);
      },
      expect: [401],
    },
    {
      name: 'hmac: a valid signature with a bad parameter (the signature is now used)',
      send: () => signed(replaySignature(), WEBHOOK_BODY, '/puppet/twitch?when_busy=never'),
      expect: [400],
    },
    {
      name: 'hmac: that signature replayed without the bad parameter (a delivery is remembered, also a refused one)',
      send: () => signed(replaySignature()),
      expect: [409],
      body: /^Delivery already received: it started no run/,
    },
  ],

  'wrong tokens and near misses': [
    ...Object.entries(nearMisses(TOKENS.deploy)).map(
      ([what, token]): Case => ({ name: `the trigger token with ${what}`, send: req('POST /puppet/twitch HTTP/1.1', `Authorization: Bearer ${token}\r\n`), expect: [401] }),
    ),
    { name: 'a lower-case scheme with a wrong token', send: req('POST /puppet/twitch HTTP/1.1', `Authorization: bearer ${nearMisses(TOKENS.deploy)['one character changed']}\r\n`), expect: [401] },
    { name: 'the token in ?token=', send: req(`POST /puppet/twitch?token=${TOKENS.deploy} HTTP/1.1`), expect: [401] },
    { name: 'the token in ?access_token=', send: req(`POST /puppet/twitch?access_token=${TOKENS.deploy} HTTP/1.1`), expect: [401] },
    { name: 'the token in a form body', send: req('POST /puppet/twitch HTTP/1.1', FORM, `access_token=${TOKENS.deploy}`), expect: [401] },
    { name: 'the token in a cookie', send: req('POST /puppet/twitch HTTP/1.1', `Cookie: token=${TOKENS.deploy}\r\n`), expect: [401] },
    { name: 'the token with the scheme "Token"', send: req('POST /puppet/twitch HTTP/1.1', `Authorization: Token ${TOKENS.deploy}\r\n`), expect: [401] },
    { name: 'the token followed by a comma', send: req('POST /puppet/twitch HTTP/1.1', `Authorization: Bearer ${TOKENS.deploy},\r\n`), expect: [401] },
    { name: 'the token followed by a second word', send: req('POST /puppet/twitch HTTP/1.1', `Authorization: Bearer ${TOKENS.deploy} x\r\n`), expect: [401] },
    { name: 'the scheme twice', send: req('POST /puppet/twitch HTTP/1.1', `Authorization: Bearer Bearer ${TOKENS.deploy}\r\n`), expect: [401] },
    {
      name: 'a wrong Authorization header before the right one',
      send: req('POST /puppet/twitch HTTP/1.1', `Authorization: Bearer wrong\r\n${ARMED}`),
      expect: [400],
    },
    {
      name: 'the right Authorization header before a wrong one',
      send: req('POST /puppet/twitch HTTP/1.1', `${ARMED}Authorization: Bearer wrong\r\n`),
      expect: [400],
    },
    { name: 'a read-only token on the trigger', send: req('POST /puppet/twitch HTTP/1.1', `Authorization: Bearer ${TOKENS.reader}\r\n`), expect: [403] },
    {
      name: `${FAILED_AUTH_LIMIT * 20} pipelined triggers with a wrong token`,
      send: req('POST /puppet/twitch HTTP/1.1', 'Authorization: Bearer wrong\r\n').repeat(FAILED_AUTH_LIMIT * 20),
      expect: [...Array(FAILED_AUTH_LIMIT + 1).fill(401), ...Array(FAILED_AUTH_LIMIT * 19 - 1).fill(429)],
    },
  ],

  'clients outside auth.allow_from': [
    { name: 'a trigger with a valid token', send: armed('/puppet/twitch'), from: OUTSIDE, expect: [403], body: /not in this node's auth.allow_from/ },
    { name: 'bytes that are not HTTP', send: '\x00\x01\x02\r\n\r\n', from: OUTSIDE, expect: [403] },
    { name: 'an oversize header', send: req('GET /healthz HTTP/1.1', `X-Pad: ${'h'.repeat(20 * 1024)}\r\n`), from: OUTSIDE, expect: [403] },
  ],
};

describe('bundle: hostile requests (stand-in puppet, tokens, webhooks, allowlist)', function () {
  this.timeout(30000);
  const ctx = useService({
    shared: true,
    config: HOSTILE_CONFIG,
  });
  let clients = 0;
  const nextClient = () => clientAddress(1, ++clients);

  before(function () {
    const size = Object.values(CORPUS).reduce((n, cases) => n + cases.length, 0);
    console.log(`      hostile corpus: ${size} cases in ${Object.keys(CORPUS).length} categories`);
  });

  /** Sends a case and the probe on a connection of its own and checks every answer; returns what went wrong. */
  async function judge(c: Case): Promise<string | undefined> {
    const bytes = Buffer.from((typeof c.send === 'function' ? c.send() : c.send) + PROBE, 'latin1');
    const conn = await RawConnection.open(ctx.svc.port, '127.0.0.1', c.from ?? nextClient());
    conn.write(bytes);
    const closed = await conn.waitClosed(8000);
    conn.destroy();
    if (!closed) return `the server neither answered the probe nor closed the connection; got ${JSON.stringify(conn.received.toString('latin1').slice(0, 300))}`;
    let responses: RawResponse[];
    try {
      const parsed = parseResponses(conn.received);
      if (parsed.rest.length > 0) return `bytes after the last answer: ${JSON.stringify(parsed.rest.toString('latin1'))}`;
      responses = parsed.responses;
    } catch (err) {
      return `a malformed answer: ${(err as Error).message}`;
    }
    const last = responses.at(-1);
    const probed = last?.status === 200 && last.text === packageVersion;
    const answers = probed ? responses.slice(0, -1) : responses;
    try {
      responses.forEach((res, i) => checkRawAnswer(bytes, i, res));
    } catch (err) {
      return (err as Error).message;
    }
    const statuses = answers.map((r) => r.status);
    if (JSON.stringify(statuses) !== JSON.stringify(c.expect)) {
      return `answered ${statuses.join(', ') || 'nothing'} (expected ${c.expect.join(', ') || 'nothing'}): ${answers[0]?.text ?? ''}`;
    }
    for (const res of answers) {
      if (res.status < 400 || res.status > 499) return `answered ${res.status}`;
      if (header(res, 'content-type') !== TEXT_PLAIN) return `${res.status} with Content-Type ${header(res, 'content-type')}`;
      if (res.status === 401 && header(res, 'www-authenticate') !== CHALLENGE) return '401 without the Bearer challenge';
    }
    if (c.body !== undefined && !c.body.test(answers[0]?.text ?? '')) return `the answer says ${JSON.stringify(answers[0]?.text)}, not ${c.body}`;
    const closing = answers.findIndex((r) => header(r, 'connection') === 'close');
    if (closing >= 0 && closing < answers.length - 1) return `answers after one with Connection: close`;
    if (closing >= 0 && probed) return 'the probe behind an answer with Connection: close was answered';
    if (closing < 0 && answers.length > 0 && !probed) return 'the connection was closed without Connection: close, or the probe was not answered';
    return undefined;
  }

  for (const [category, cases] of Object.entries(CORPUS)) {
    it(`${category}: ${cases.length} cases get well-formed 4xx answers (or a closed connection) and start no run`, async function () {
      const failures: string[] = [];
      for (const c of cases) {
        const failure = await judge(c);
        if (failure !== undefined) failures.push(`${c.name}: ${failure}`);
      }
      assert.deepEqual(failures, []);
      await assertServing(ctx, `after the ${category}`);
      await sleep(200); // a stand-in run starts within milliseconds of a trigger
      assertNoRunStarted(ctx);
    });
  }

  it('slowloris: headers sent a byte at a time get 408 after the header timeout, while 2,000 idle connections are open and others are served', async function () {
    const idleCount = 2000;
    const files = posixPlatform().openFileLimit();
    assert.ok(files === undefined || files >= idleCount + 500, `ulimit -n is ${files}: this test needs ${idleCount + 500} open files`);
    const slow = await RawConnection.open(ctx.svc.port, '127.0.0.1', nextClient());
    const start = `POST /puppet/twitch HTTP/1.1\r\nHost: node01\r\n${ARMED}X-Slow: `;
    let sent = 0;
    const dribble = setInterval(() => {
      if (slow.closed) return;
      slow.write(sent < start.length ? start[sent] : 'a');
      sent++;
    }, 50);
    const idle: net.Socket[] = [];
    try {
      while (idle.length < idleCount) {
        idle.push(...(await Promise.all(Array.from({ length: 250 }, () => openIdle(ctx.svc.port)))));
        await assertServing(ctx, `with ${idle.length} idle connections and a slow client`);
      }
      const runs = await request(ctx.svc.port, '/puppet/runs', { headers: { Authorization: `Bearer ${TOKENS.reader}` }, timeoutMs: 10000 });
      assert.equal(runs.status, 200, runs.body);
      assert.equal(runs.body, '[]');
      const res = await slow.next(15000);
      assert.equal(res.status, 408, res.text);
      assert.match(res.text, /^Request not received in time: send the headers within 10 s/);
      assert.equal(header(res, 'connection'), 'close');
      assert.equal(Number(header(res, 'content-length')), res.body.length);
      assert.ok(await slow.waitClosed(2000), 'the server closes the slow connection');
      assert.ok(sent > start.length, 'the headers were still arriving when the server gave up');
    } finally {
      clearInterval(dribble);
      slow.destroy();
      for (const socket of idle) socket.resetAndDestroy();
    }
    await assertServing(ctx, 'after the slow client and the idle connections');
    assertNoRunStarted(ctx);
  });

  it('abrupt resets (RST) mid-request are survived and leave no webhook body slot taken', async function () {
    const reset = async (data: string, waitMs = 50) => {
      const conn = await RawConnection.open(ctx.svc.port, '127.0.0.1', nextClient());
      if (data !== '') conn.write(data);
      await sleep(waitMs); // the service has read what was sent
      conn.socket.resetAndDestroy();
    };
    const logStart = ctx.svc.stdout.length;
    await reset('');
    await reset('POST /pupp');
    await reset(`POST /puppet/twitch HTTP/1.1\r\nHost: node01\r\n${ARMED}`);
    await reset(req('POST /puppet/twitch HTTP/1.1', `${ARMED + FORM}Content-Length: 100\r\n`) + 'noop=true&');
    await reset(req('POST /puppet/twitch HTTP/1.1', 'Authorization: Bearer wrong\r\n'), 0);
    // More uploads cut mid-body than webhook bodies may be received at once: each must give its slot back.
    const uploads = LIMITS.maxWebhookBodies + 8;
    const partial = req('POST /puppet/twitch HTTP/1.1', `X-Hub-Signature-256: ${githubSignature('x')}\r\nContent-Length: 1500\r\n`) + 'x'.repeat(100);
    await Promise.all(Array.from({ length: uploads }, () => reset(partial, 200)));
    await waitFor('the aborts in the service log', () => ctx.svc.stdout.slice(logStart).includes('client aborted the request'));
    const after = await judge({ name: 'a wrongly signed webhook after the resets', send: () => github(githubSignature(WEBHOOK_BODY, `${SECRETS.github}x`)), expect: [401] });
    assert.equal(after, undefined, after);
    await assertServing(ctx, 'after the resets');
    assertNoRunStarted(ctx);
  });

  it('writes no token or secret to the service log, the audit log, a record or ps, logs no error, and has no run record', function () {
    assertNoSecretLeaked(ctx);
    assertLogClean(ctx);
    assertNoRunStarted(ctx);
  });
});

/** A connection that sends nothing. */
function openIdle(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => {
      socket.off('error', reject);
      socket.on('error', () => undefined); // the service may close it after its header timeout
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
