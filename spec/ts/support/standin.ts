// A per-test sandbox: a temp dir with a copy of the stand-in puppet (spec/fixtures/fake-puppet), its
// behaviour file and run record, lock file paths, a run_dir and a config file pointing at all of them.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidAlive, repoRoot, waitFor } from './service';

export const fakePuppetSource = join(repoRoot, 'spec', 'fixtures', 'fake-puppet');

export interface Behaviour {
  /** seconds the stand-in run lasts */
  sleep?: number;
  exit?: number;
  /** kill itself with this signal (e.g. 'KILL') instead of exiting */
  signal?: string;
  /** print `Notice: line <i> at <epoch ms>` this many times, `interval` seconds apart (default 0.1) */
  lines?: number;
  interval?: number;
  /** then print this many lines of `floodWidth` digits (default 200) as fast as it can, or in bursts of `floodBurst` `floodPause` seconds apart */
  flood?: number;
  floodWidth?: number;
  floodBurst?: number;
  floodPause?: number;
  /** print half a line on stdout, a line on stderr, then the stdout line's rest */
  split?: boolean;
  /** write a small last_run_report.yaml at the end, as Puppet does (one File resource changed, or failed) */
  report?: boolean;
}

export interface RunRecord {
  pid: number;
  argv: string[];
  /** exit code recorded when the run ended normally */
  exit?: number;
  /** signal the run killed itself with */
  signal?: string;
}

export type ConfigObject = Record<string, unknown> & { puppet?: Record<string, unknown> };

export class Sandbox {
  readonly dir: string;
  readonly binDir: string;
  readonly puppetBin: string;
  readonly stateDir: string;
  readonly lockfile: string;
  readonly disabledLockfile: string;
  /** the stand-in writes a last_run_summary.yaml here at the end of each run */
  readonly summaryFile: string;
  readonly runDir: string;
  /** the service's state_dir: its run records */
  readonly recordsDir: string;
  readonly configPath: string;
  private holders: ChildProcess[] = [];

  constructor(prefix = 'twitch-test-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    this.binDir = join(this.dir, 'bin');
    this.stateDir = join(this.dir, 'state');
    this.runDir = join(this.dir, 'run');
    this.recordsDir = join(this.dir, 'records');
    for (const d of [this.binDir, this.stateDir, this.runDir]) mkdirSync(d);
    this.puppetBin = join(this.binDir, 'puppet');
    copyFileSync(fakePuppetSource, this.puppetBin);
    chmodSync(this.puppetBin, 0o755);
    this.lockfile = join(this.stateDir, 'agent_catalog_run.lock');
    this.disabledLockfile = join(this.stateDir, 'agent_disabled.lock');
    this.summaryFile = join(this.stateDir, 'last_run_summary.yaml');
    this.configPath = join(this.dir, 'config.json');
    this.writeConfig();
  }

  /** The config every stand-in test uses; `puppet` keys are merged over the defaults. */
  defaultConfig(overrides: ConfigObject = {}): ConfigObject {
    const { puppet, limits, ...rest } = overrides;
    return {
      run_dir: this.runDir,
      state_dir: this.recordsDir,
      // every answer logged, so a test can wait for the line of any request (access-log.test.ts checks the modes)
      access_log: 'all',
      // the names the raw-HTTP tests give in Host (held-requests and origin tests keep the default's checks)
      allowed_hosts: ['node01', 'node01.example.org', 'a', 't', 'x', 'probe', 'example.org'],
      // tests change the lock and disabled files between triggers: the root side is asked every time
      // (held-requests.test.ts shows the reuse)
      limits: { refusal_reuse_seconds: 0, ...(limits as object | undefined) },
      ...rest,
      puppet: {
        bin: this.puppetBin,
        mode: 'agent',
        sudo: false,
        statedir: this.stateDir,
        lastrunfile: this.summaryFile,
        ...puppet,
      },
    };
  }

  writeConfig(overrides: ConfigObject = {}): string {
    writeFileSync(this.configPath, JSON.stringify(this.defaultConfig(overrides), null, 2) + '\n', { mode: 0o644 });
    return this.configPath;
  }

  /** Writes an arbitrary config document (any JSON text) to a file in the sandbox. */
  writeRawConfig(name: string, text: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, text, { mode: 0o644 });
    return path;
  }

  setBehaviour(b: Behaviour): void {
    const lines = [
      `SLEEP=${b.sleep ?? 0}`,
      `EXIT=${b.exit ?? 0}`,
      `SIGNAL=${b.signal ?? ''}`,
      `LINES=${b.lines ?? 0}`,
      `INTERVAL=${b.interval ?? 0.1}`,
      `FLOOD=${b.flood ?? 0}`,
      `FLOOD_WIDTH=${b.floodWidth ?? 200}`,
      `FLOOD_BURST=${b.floodBurst ?? 500}`,
      `FLOOD_PAUSE=${b.floodPause ?? ''}`,
      `SPLIT=${b.split === true ? 1 : ''}`,
      `REPORT=${b.report === true ? 1 : ''}`,
    ];
    writeFileSync(join(this.binDir, 'behaviour'), lines.join('\n') + '\n');
  }

  runs(): RunRecord[] {
    const file = join(this.binDir, 'runs.log');
    if (!existsSync(file)) return [];
    const byPid = new Map<number, RunRecord>();
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const [kind, pidText, ...rest] = line.split(' ');
      const pid = Number(pidText);
      if (kind === 'start') byPid.set(pid, { pid, argv: rest.filter((a) => a !== '') });
      const rec = byPid.get(pid);
      if (!rec) continue;
      if (kind === 'end') rec.exit = Number(rest[0]);
      if (kind === 'signal') rec.signal = rest[0];
    }
    return [...byPid.values()];
  }

  finishedRuns(): RunRecord[] {
    return this.runs().filter((r) => r.exit !== undefined || (r.signal !== undefined && !pidAlive(r.pid)));
  }

  /** Waits until `count` stand-in runs have finished. */
  async waitForFinishedRuns(count: number, timeoutMs = 5000): Promise<RunRecord[]> {
    return waitFor(`${count} finished stand-in puppet run(s); have ${JSON.stringify(this.runs())}`, () => {
      const done = this.finishedRuns();
      return done.length >= count ? done : undefined;
    }, timeoutMs);
  }

  /** Contents of run_dir/last-run.log ('' when absent). */
  lastRunLog(): string {
    const file = join(this.runDir, 'last-run.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /** Spawns a long `sleep` whose PID is alive for the test (killed by cleanup). */
  spawnLiveProcess(): number {
    const child = spawn('sleep', ['300'], { stdio: 'ignore' });
    this.holders.push(child);
    return child.pid!;
  }

  writeLock(pid: number | string): void {
    writeFileSync(this.lockfile, String(pid));
  }

  writeDisabled(json: string): void {
    writeFileSync(this.disabledLockfile, json);
  }

  /** Back to a fresh state between tests sharing one service: default behaviour, no lock files, no records. */
  reset(): void {
    this.setBehaviour({});
    const report = join(this.stateDir, 'last_run_report.yaml');
    for (const file of [this.lockfile, this.disabledLockfile, this.summaryFile, report, join(this.binDir, 'runs.log'), join(this.runDir, 'last-run.log')]) {
      rmSync(file, { force: true });
    }
  }

  /** Kills leftover stand-in runs and lock holders, removes the temp dir. */
  cleanup(): void {
    for (const run of this.runs()) {
      if (pidAlive(run.pid)) {
        try {
          process.kill(run.pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }
    }
    for (const holder of this.holders) holder.kill('SIGKILL');
    // A stand-in just starting (not yet in runs.log) may still write a file while the tree goes: try again.
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}

/** PID of a process that has exited (its lock would be stale). */
export function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('true', [], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid!));
  });
}
