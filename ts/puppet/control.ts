// The agent under control, root side: `puppet agent --disable <message>` and `puppet agent --enable`, asked for
// as data ({action: 'disable' | 'enable', message}) and checked again here. The message is one argv element,
// never seen by a shell. What was asked is done only while the disabled lock is as the caller saw it: a
// disable made by someone else is never replaced or ended (README, "Disabling the agent").
import type { PuppetConfig } from '../config';
import type { Platform } from '../platform';
import { disabledMessage, lockFiles } from './state';

/** The longest message a caller may give. */
export const MAX_MESSAGE = 256;
/** The longest message the disabled lock gets: the caller's, then the service's note (who, until when; a certname may be 255 characters long). */
export const MAX_LOCK_MESSAGE = 1024;
/** How long `puppet agent --disable` or `--enable` may take before it is killed. */
export const CONTROL_TIMEOUT_MS = 60_000;

// The C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional overrides: a message is
// shown in logs, status and terminals, and none of these may forge or reorder what they show.
const CONTROL = /[\0-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** What is wrong with a disable message, or undefined when it is fine. The HTTP side and the helper both ask. */
export function messageProblem(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return 'is required: say why the agent is disabled';
  if (value.length > max) return `is ${value.length} characters long; at most ${max} are allowed`;
  if (CONTROL.test(value)) return 'must be printable text (no control characters, line breaks or direction overrides)';
  return undefined;
}

export type ControlRequest =
  /** disables the agent unless someone else has; `replace`: a disable of the service's own it may replace */
  | { action: 'disable'; message: string; replace?: string }
  /** ends the disable whose message is exactly `message`, and no other */
  | { action: 'enable'; message: string };

/** The helper's answer: the agent's state after the action, and whether the action was done. */
export interface ControlReport {
  event: 'control';
  enabled: boolean;
  message: string | null;
  changed: boolean;
}

type Raw = Record<string, unknown>;

/** A control request checked: exact keys, printable messages of bounded length. Throws with the reason. */
export function parseControlRequest(doc: Raw): ControlRequest {
  const keys = Object.keys(doc).sort().join(',');
  const check = (key: string) => {
    const problem = messageProblem(doc[key], MAX_LOCK_MESSAGE);
    if (problem !== undefined) throw new Error(`the ${key} ${problem}`);
    return doc[key] as string;
  };
  if (doc.action === 'enable') {
    if (keys !== 'action,message') throw new Error(`an enable request has exactly the keys action, message (got ${keys})`);
    return { action: 'enable', message: check('message') };
  }
  if (keys !== 'action,message' && keys !== 'action,message,replace') {
    throw new Error(`a disable request has the keys action, message and perhaps replace (got ${keys})`);
  }
  return { action: 'disable', message: check('message'), ...(doc.replace !== undefined ? { replace: check('replace') } : {}) };
}

/** puppet's argv for a control action: the config's fixed arguments, then the action; `--disable=<message>` keeps
 * a message that starts with `--` from being read as an option. */
export function controlCommand(puppet: Pick<PuppetConfig, 'bin' | 'args'>, action: 'disable' | 'enable', message?: string): { file: string; args: string[] } {
  const what = action === 'enable' ? ['--enable'] : [`--disable=${message ?? ''}`];
  return { file: puppet.bin, args: ['agent', ...puppet.args, ...what] };
}

/** The puppet invocations a request needs, given the lock's message now (undefined: enabled): none when the agent
 * is already as asked, or when someone else's disable stands in the way. */
export function controlSteps(request: ControlRequest, current: string | null | undefined): Array<'disable' | 'enable'> {
  if (request.action === 'enable') return current !== undefined && current === request.message ? ['enable'] : [];
  if (current === undefined) return ['disable'];
  if (current === request.message) return [];
  // Puppet keeps the first disable's message: replacing one of the service's own is an enable, then a disable.
  return request.replace !== undefined && current === request.replace ? ['enable', 'disable'] : [];
}

/** Runs the request's steps as root and says how the agent is afterwards; a step that fails throws its reason. */
export async function runControl(puppet: PuppetConfig, request: ControlRequest, platform: Pick<Platform, 'ownGroup' | 'paths'>): Promise<ControlReport> {
  const { disabled } = lockFiles(puppet);
  const steps = controlSteps(request, disabledMessage(disabled));
  if (steps.length > 0) {
    const { execa } = await import('execa');
    for (const step of steps) {
      const { file, args } = controlCommand(puppet, step, request.message);
      const result = await execa(file, args, {
        cwd: platform.paths.workDir,
        ...platform.ownGroup,
        stdin: 'ignore',
        reject: false,
        timeout: CONTROL_TIMEOUT_MS,
        cleanup: false,
        all: true,
      });
      if (result.failed) {
        const said = String(result.all ?? '').replace(/[\0-\x1f\x7f]+/g, ' ').trim().slice(0, 500);
        throw new Error(`puppet agent --${step} failed (${result.timedOut ? 'timed out' : `exit ${result.exitCode ?? result.signal}`})${said ? `: ${said}` : ''}`);
      }
    }
  }
  const after = disabledMessage(disabled);
  return { event: 'control', enabled: after === undefined, message: after ?? null, changed: steps.length > 0 };
}
