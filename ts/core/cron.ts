// The one file that touches node-cron. It is required lazily: a service without a schedule never evaluates its
// code (nor the Intl time zone data it uses), so its memory stays what it was.
import type * as NodeCron from 'node-cron';

const FIELD_NAMES_5 = ['minute', 'hour', 'day of month', 'month', 'day of week'];
const FIELD_NAMES_6 = ['second', ...FIELD_NAMES_5];
const BOUNDS: Record<string, [number, number]> = {
  second: [0, 59],
  minute: [0, 59],
  hour: [0, 23],
  'day of month': [1, 31],
  month: [1, 12],
  'day of week': [0, 7],
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const FULL_DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export const CRON_HINT = 'give 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first), e.g. "*/30 * * * *"';

let cron: typeof NodeCron | undefined;
function loadCron(): typeof NodeCron {
  // A plain require inside a function: esbuild keeps node-cron's module code behind a call made only here.
  cron ??= require('node-cron') as typeof NodeCron;
  return cron;
}

/** One space between fields, as node-cron splits them. */
export function normalizeCron(expression: string): string {
  return expression.trim().split(/ +/).join(' ');
}

function value(text: string, field: string): number | string {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    const [min, max] = BOUNDS[field];
    return n < min || n > max ? `${text} is outside ${min}-${max} in the ${field} field` : n;
  }
  const name = text.toLowerCase();
  const names = field === 'month' ? [MONTHS, FULL_MONTHS] : field === 'day of week' ? [DAYS, FULL_DAYS] : undefined;
  const index = names?.map((list) => list.indexOf(name)).find((i) => i >= 0);
  if (index === undefined) return `"${text}" is not a value of the ${field} field`;
  return field === 'month' ? index + 1 : index;
}

/** What is wrong with one field, or null. Stricter than node-cron 4.2.1, which loops forever on a step of 0. */
function fieldProblem(text: string, field: string): string | null {
  const items = text.split(',');
  if (items.includes('')) return `the ${field} field "${text}" has an empty item`;
  if (text.includes('*') && items.length > 1) return `the ${field} field "${text}" combines * with other items`;
  for (const item of items) {
    const m = /^(?:(\*)|([a-z0-9]+)(?:-([a-z0-9]+))?)(?:\/(\d{1,2}))?$/i.exec(item);
    if (m === null) return `"${item}" in the ${field} field is not a value, a range a-b, * or a step /n`;
    const [, star, from, to, step] = m;
    if (step !== undefined && (Number(step) === 0 || (star === undefined && to === undefined))) {
      return `"${item}" in the ${field} field: a step /n needs n from 1 and a range or * before it`;
    }
    if (star !== undefined) continue;
    const first = value(from, field);
    if (typeof first === 'string') return first;
    if (to === undefined) continue;
    const last = value(to, field);
    if (typeof last === 'string') return last;
    if (first > last) return `the range "${item}" in the ${field} field goes backwards`;
    // node-cron turns 7 into 0 before it reads a range, so 5-7 would mean 0-5
    if (field === 'day of week' && last === 7) return `write Sunday as 0 or SUN in a range: "${item}" in the ${field} field`;
  }
  return null;
}

/** What is wrong with the form of a cron expression, or null. Pure: node-cron is not loaded. */
export function cronSyntaxProblem(expression: string): string | null {
  const fields = normalizeCron(expression).split(' ');
  if (fields.length !== 5 && fields.length !== 6) return `it has ${fields.length} field${fields.length === 1 ? '' : 's'}`;
  const names = fields.length === 5 ? FIELD_NAMES_5 : FIELD_NAMES_6;
  for (let i = 0; i < fields.length; i++) {
    const problem = fieldProblem(fields[i], names[i]);
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * What is wrong with a cron expression, or null when node-cron can run it. Checked here first (so that no input
 * can make node-cron hang), then by node-cron itself; node-cron is loaded for that second check only.
 */
export function cronProblem(expression: string): string | null {
  return cronSyntaxProblem(expression) ?? (loadCron().validate(normalizeCron(expression)) ? null : 'node-cron does not accept it');
}

export interface CronTask {
  /** when the next tick is due, or null once stopped */
  nextRun(): Date | null;
  stop(): void;
}

/** Calls `onTick` at every time the expression matches in `timezone`, until stopped. */
export function startCronTask(expression: string, timezone: string, onTick: () => void): CronTask {
  let stopped = false;
  // node-cron can still call a tick it had begun when destroy() came: once stopped, no tick reaches onTick
  const task = loadCron().createTask(normalizeCron(expression), () => void (stopped || onTick()), { timezone, name: 'puppet-twitch schedule' });
  void task.start();
  return {
    nextRun: () => (stopped ? null : (task.getNextRun() ?? null)),
    stop() {
      stopped = true;
      void task.destroy();
    },
  };
}
