// What the config's defaults depend on in the system it runs on: root or not, where puppet is, the time zone.
// The platform (ts/platform) answers them.
import { currentPlatform } from '../platform';

/** What the defaults depend on, so normalizeConfig stays pure. */
export interface Host {
  isRoot: boolean;
  findPuppet: () => string | undefined;
  /** the helper service's named pipe where that is the privilege boundary (Windows): it needs no config file here */
  helperPipe?: string;
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
  const platform = currentPlatform();
  return { isRoot: platform.isRoot(), findPuppet: platform.findPuppet, helperPipe: platform.paths.helperPipe, timeZone: systemTimeZone };
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

/** The AIO packages' puppet, else the first `puppet` on PATH (the platform's answer). */
export function findPuppet(): string | undefined {
  return currentPlatform().findPuppet();
}
