// Processes on Windows: there are no process groups, and `taskkill /T` (which ends a tree) is missing under
// Wine and on some stripped systems. So the tree is read first (wmic's ParentProcessId table), then ended:
// `taskkill /T /F` for what Windows can do itself, and each descendant found by its PID for the rest.
import { spawnSync } from 'node:child_process';

/** How long one wmic or taskkill may take: a run timeout must not hang on its own tools. */
const TOOL_TIMEOUT_MS = 10_000;

/** Pure: wmic's `process get ParentProcessId,ProcessId` table → child PIDs by parent PID. */
export function parseProcessTable(text: string): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(line);
    if (m === null) continue;
    const [parent, pid] = [Number(m[1]), Number(m[2])];
    if (parent === pid) continue;
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  return children;
}

/** Pure: every descendant of `pid`, parents before their children. */
export function descendants(pid: number, children: Map<number, number[]>): number[] {
  const found: number[] = [];
  const seen = new Set([pid]);
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      if (seen.has(child)) continue; // PIDs are reused: a stale parent entry must not loop
      seen.add(child);
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** wmic writes UTF-16 with a byte order mark; undefined when it cannot be run (removed on newer Windows 11). */
function processTable(): Map<number, number[]> | undefined {
  const result = spawnSync('wmic', ['process', 'get', 'ParentProcessId,ProcessId'], {
    stdio: ['ignore', 'pipe', 'ignore'], // with stdin open, wmic waits for more commands
    timeout: TOOL_TIMEOUT_MS,
    windowsHide: true,
  });
  if (result.error !== undefined || result.status !== 0) return undefined;
  const raw = result.stdout;
  const text = raw.length >= 2 && raw[0] === 0xff && raw[1] === 0xfe ? raw.subarray(2).toString('utf16le') : raw.toString('utf8');
  return parseProcessTable(text);
}

function endNow(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL'); // TerminateProcess
  } catch {
    // gone already
  }
}

/** Ends `pid` and everything it started, at once: Windows has no polite request a console program obeys. */
export function killProcessTree(pid: number): void {
  const table = processTable();
  const below = table === undefined ? [] : descendants(pid, table);
  spawnSync('taskkill', ['/PID', String(pid), '/T', '/F'], { stdio: 'ignore', timeout: TOOL_TIMEOUT_MS, windowsHide: true });
  endNow(pid);
  for (const child of below) endNow(child);
}
