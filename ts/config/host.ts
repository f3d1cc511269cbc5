// What the config's defaults depend on in the system it runs on: root or not, where puppet is, the time zone.
// One small module, so that the platform (ts/platform) can provide these facts: main.ts and the root helper
// already pass in its isRoot and findPuppet.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { AIO_PUPPET } from './defaults';

/** What the defaults depend on, so normalizeConfig stays pure. */
export interface Host {
  isRoot: boolean;
  findPuppet: () => string | undefined;
  /** the system's time zone; asked only when a schedule is configured (Intl costs the service memory) */
  timeZone?: () => string;
  /**
   * false in a process that never runs the schedule (the root helper): the schedule's form is checked, but not
   * what only running it needs (node-cron and the time zone data, about 10 MiB and 60 ms a process), and it is
   * left out of the config.
   */
  runsSchedule?: boolean;
}

export function hostFacts(): Host {
  return { isRoot: process.getuid?.() === 0, findPuppet, timeZone: systemTimeZone };
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

/** The AIO packages' puppet, else the first `puppet` on PATH. */
export function findPuppet(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => isAbsolute(d));
  return [AIO_PUPPET, ...dirs.map((d) => join(d, 'puppet'))].find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
