// The `schedule` key: run options as an HTTP caller's, checked by the same code against the same config.
import { CRON_HINT, cronProblem, cronSyntaxProblem, normalizeCron } from '../core/cron';
import { printable } from '../text';
import { checkKeys, integer, invalid, str } from './checks';
import { isJsonObject } from '../json';
import { DEFAULTS, MAX_SPLAY } from './defaults';
import { systemTimeZone, type Host } from './host';
import { configRunOptions } from './run-options';
import type { ScheduleConfig } from './types';

const SCHEDULE_KEYS = ['cron', 'splay', 'options', 'timezone'];

/** `environments`: the checked puppet.environments, the ones schedule.options.environment may name. */
export function scheduleConfig(raw: unknown, environments: readonly string[], host: Host): ScheduleConfig | undefined {
  if (raw === undefined) return undefined;
  if (!isJsonObject(raw)) invalid('schedule', 'must be an object such as {"cron": "*/30 * * * *"}');
  checkKeys(raw, SCHEDULE_KEYS, 'schedule.');
  const cron = str(raw, 'cron', 'schedule.cron');
  if (cron === undefined) invalid('schedule.cron', `is required in a schedule: ${CRON_HINT}`);
  const runs = host.runsSchedule !== false;
  const problem = runs ? cronProblem(cron) : cronSyntaxProblem(cron);
  if (problem !== null) invalid('schedule.cron', `"${printable(cron)}" is not a cron expression: ${problem}; ${CRON_HINT}`);

  const options = configRunOptions(raw.options, 'schedule.options', environments);
  const splay = integer(raw.splay, 'schedule.splay', 0, MAX_SPLAY) ?? DEFAULTS.schedule.splay;
  const zone = str(raw, 'timezone', 'schedule.timezone');
  if (!runs) return undefined;
  const timezone = zone ?? (host.timeZone ?? systemTimeZone)();
  if (!isTimeZone(timezone)) {
    invalid('schedule.timezone', `"${printable(timezone)}" is not a time zone this Node.js knows; use an IANA name such as "Europe/Berlin" or "UTC"`);
  }
  return {
    cron: normalizeCron(cron),
    splay,
    options,
    timezone,
  };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
