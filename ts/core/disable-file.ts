// The service's own disable, kept in state_dir (disable.json) so that its end outlives a restart: the message the
// disabled lock got, when it ends, who asked. Written atomically; read bounded, never through a link.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files';
import { readRegularFile } from '../trusted';

export const DISABLE_FILE = 'disable.json';
const MAX_BYTES = 64 * 1024;

export interface OwnDisable {
  /** exactly what the disabled lock says: the caller's message and the service's note */
  lock_message: string;
  /** the caller's message */
  message: string;
  /** when it ends, ISO time */
  until: string;
  ttl: number;
  identity: string | null;
  /** the record of the disable */
  record_id: string;
}

export interface DisableFile {
  /** undefined when there is none, or what lies there is not one (then it is ignored, and said so) */
  read(): OwnDisable | undefined;
  /** throws when state_dir refuses the write */
  write(state: OwnDisable): void;
  /** throws when state_dir refuses */
  remove(): void;
  readonly path: string;
}

function isOwnDisable(value: unknown): value is OwnDisable {
  const v = value as OwnDisable;
  return (
    typeof v === 'object' && v !== null && typeof v.lock_message === 'string' && typeof v.message === 'string' &&
    typeof v.until === 'string' && !Number.isNaN(Date.parse(v.until)) && typeof v.ttl === 'number' && typeof v.record_id === 'string'
  );
}

export function disableFile(stateDir: string): DisableFile {
  const path = join(stateDir, DISABLE_FILE);
  return {
    path,
    read() {
      const text = readRegularFile(path, { followSymlinks: false, maxBytes: MAX_BYTES });
      if (text === undefined) return undefined;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new Error(`${path} is not JSON`);
      }
      if (!isOwnDisable(value)) throw new Error(`${path} is not a disable this service wrote`);
      return value;
    },
    write: (state) => writeFileAtomic(path, `${JSON.stringify(state)}\n`, 0o640),
    remove: () => rmSync(path, { force: true }),
  };
}
