// `puppet-twitch helper-service`: the privileged side on Windows, where there is no sudo. It runs as SYSTEM
// under a service manager and listens on a named pipe (Platform.paths.helperPipe). Each connection carries one
// request, served by the same code the sudo helper runs (helper.ts serveRequest), with the connection in place
// of stdin, stdout and stderr; one puppet run at a time (another run request is answered busy). Node can set no
// ACL on the pipe and cannot tell who connected: README, "The service and its privilege boundary on Windows".
import { createServer, type Server, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import type { Platform } from '../platform';
import { serveRequest, type HelperIo } from './helper';
import { encodeOutput, encodeReport } from './protocol';

/** Connections served at once (status requests while a run goes on); more are refused at once by Node. */
export const MAX_PIPE_CLIENTS = 16;

function write(socket: Socket, text: string): void {
  if (!socket.destroyed && socket.writable) socket.write(text);
}

/** The connection as the helper's stdio: reports and puppet's output as lines, the request from its input. */
export function pipeIo(socket: Socket): HelperIo {
  const input = new PassThrough();
  socket.pipe(input);
  return {
    input,
    report: (r) => write(socket, encodeReport(r)),
    output: (chunk) => write(socket, encodeOutput(chunk.toString('utf8'))),
  };
}

export interface HelperService {
  server: Server;
  close(): Promise<void>;
}

/**
 * Listens on `pipe` and serves each connection's request; resolves once it listens. `log` gets one line per
 * request (how it ended) and per listening error.
 */
export function listenHelperService(
  pipe: string,
  configFile: string | undefined,
  platform: Platform,
  log: (line: string) => void,
): Promise<HelperService> {
  const server = createServer((socket) => {
    socket.on('error', () => undefined); // the service went away: the run goes on, its reports are lost
    void serveRequest(pipeIo(socket), configFile, platform, 'pipe').then((code) => {
      log(`request served (helper exit status ${code})`);
      socket.end();
    });
  });
  server.maxConnections = MAX_PIPE_CLIENTS;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(pipe, () => {
      server.off('error', reject);
      server.on('error', (err) => log(`pipe error: ${err.message}`));
      resolve({ server, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** The CLI action: runs until stopped (Ctrl+C or Ctrl+Break from the service manager); a run in progress goes on. */
export async function runHelperService(configFile: string | undefined, platform: Platform): Promise<number> {
  const pipe = platform.paths.helperPipe;
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  if (pipe === undefined) {
    process.stderr.write('puppet-twitch: helper-service is for Windows; elsewhere the service runs its helper through sudo (puppet.sudo)\n');
    return 2;
  }
  process.chdir(platform.paths.workDir);
  let service: HelperService;
  try {
    service = await listenHelperService(pipe, configFile, platform, log);
  } catch (err) {
    process.stderr.write(`puppet-twitch: cannot listen on ${pipe}: ${(err as Error).message}. Is another helper service running?\n`);
    return 1;
  }
  log(`puppet-twitch helper service listening on ${pipe}`);
  await new Promise<void>((resolve) => {
    for (const signal of platform.signals.stop) process.once(signal, () => resolve());
  });
  log('stopping; a puppet run in progress goes on, its reports are lost');
  service.server.close();
  return 0;
}
