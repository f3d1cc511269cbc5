// How `start` learns that the service it ran is ready: the service writes a small file once its port is open,
// with the address and port it really listens on. Nothing depends on the wording of the service's log.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../files';

/** The environment variable `start` sets for the service it runs: where to write the ready file. */
export const READY_FILE_ENV = 'PUPPET_TWITCH_READY_FILE';

export interface Ready {
  pid: number;
  address: string;
  port: number;
  tls: boolean;
}

/** A ready file's text → what it says, or undefined when it is not one (half a file is never seen: it is renamed in). */
export function parseReady(text: string): Ready | undefined {
  try {
    const data = JSON.parse(text) as Partial<Ready>;
    const ok =
      Number.isInteger(data.pid) &&
      typeof data.address === 'string' &&
      Number.isInteger(data.port) &&
      typeof data.tls === 'boolean';
    return ok ? (data as Ready) : undefined;
  } catch {
    return undefined;
  }
}

export function readReady(file: string): Ready | undefined {
  try {
    return parseReady(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeReady(file: string, ready: Ready): void {
  writeFileAtomic(file, `${JSON.stringify(ready)}\n`, 0o644);
}
