// What the Wine tests share (bundle.test.mjs, services.test.mjs): the places run.sh passes in the environment,
// Wine's bare environment, running a Windows program to its end, and budgeted waits.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const { WINEPREFIX, TWITCH_WIN_NODE, TWITCH_WIN_SCRATCH } = process.env;
if (!WINEPREFIX || !TWITCH_WIN_NODE || !TWITCH_WIN_SCRATCH) throw new Error('run through spec/windows/run.sh');
export const here = new URL('.', import.meta.url).pathname;
export const BUNDLE = 'R:\\files\\puppet-twitch.js';
export const PIPE = '\\\\.\\pipe\\puppet-twitch-helper';
export const wineEnv = { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', WINEPREFIX, WINEDEBUG: '-all', LANG: 'C.UTF-8' };

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(what, test, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A Windows program run to its end (within `ms`), its output read from a file: a process it leaves running
 *  (services.exe, started by the first Windows program) would hold a pipe open. */
export function wine(args, { cwd = TWITCH_WIN_SCRATCH, ms = 60_000 } = {}) {
  const file = join(TWITCH_WIN_SCRATCH, `wine-${process.pid}.out`);
  const out = openSync(file, 'w');
  const result = spawnSync('wine', args, { cwd, env: wineEnv, stdio: ['ignore', out, out], timeout: ms });
  closeSync(out);
  const output = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  if (result.error) throw new Error(`wine ${args.join(' ')}: ${result.error.message}\n${output}`);
  return { status: result.status, output };
}

/** A Windows program left running, its output appended to `log`; run.sh ends every Windows process (wineserver -k). */
export function wineDetached(args, { cwd, log }) {
  const out = openSync(log, 'a');
  const child = spawn('wine', args, { cwd, env: wineEnv, stdio: ['ignore', out, out] });
  child.on('error', (err) => console.error(`wine: ${err.message}`));
  child.unref(); // mocha ends when the tests do
  return child;
}
