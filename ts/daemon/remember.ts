// The invoking user's memory of the last successful start: its run directory and config file,
// so that `stop`, `status` and `restart` need no options.
import { mkdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { writeFileAtomic } from '../files';
import { nodeOs } from '../lazy';

export interface Remembered {
  dir: string;
  config: string | null;
}

/** $XDG_STATE_HOME/puppet-twitch/last.json, else ~/.local/state/puppet-twitch/last.json. */
export function lastFile(env: NodeJS.ProcessEnv = process.env, home: () => string = () => nodeOs().homedir()): string {
  const base = env.XDG_STATE_HOME !== undefined && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(home(), '.local', 'state');
  return join(base, 'puppet-twitch', 'last.json');
}

export function recall(file: string = lastFile()): Remembered | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Remembered>;
    if (typeof data.dir !== 'string' || !isAbsolute(data.dir)) return undefined;
    return { dir: data.dir, config: typeof data.config === 'string' ? data.config : null };
  } catch {
    return undefined;
  }
}

export function remember(value: Remembered, file: string = lastFile()): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`, 0o644);
}
