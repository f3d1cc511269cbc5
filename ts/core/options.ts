// How a caller may ask Puppet to run: the options, their rules, and the puppet arguments they become.
// Pure, and the same code on both sides of sudo: the service checks a request with it, and the root helper
// checks the JSON document it receives again, against its own root-owned config, before building argv.
import { twitchError } from '../errors';
import { printable } from '../text';

export interface RunOptions {
  /** true → --noop, false → --no-noop, absent → puppet's own setting */
  noop?: boolean;
  tags?: string[];
  skip_tags?: string[];
  environment?: string;
}

/** Puppet's environment names (the same rule for the config's list and for a caller's choice). */
export const ENVIRONMENT_NAME = /^[a-z0-9_]+$/;

/** What the checks need of the node's config: the environments a caller may choose (its puppet.environments). */
export interface AllowedOptions {
  environments: readonly string[];
}

export const OPTION_NAMES = ['noop', 'tags', 'skip_tags', 'environment'] as const;
export type OptionName = (typeof OPTION_NAMES)[number];

// Puppet's tag syntax, checked after lower-casing (Puppet compares tags in lower case).
const TAG = /^[a-z0-9_][a-z0-9_:.-]*$/;
export const TAG_LIMITS = { count: 32, chars: 1024 } as const;

function bad(name: string, message: string): never {
  throw twitchError('BAD_PARAMETER', `Invalid value for parameter '${name}': ${message}`);
}

function tagList(name: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) bad(name, 'must be a list of tags');
  const tags = (value as string[]).map((t) => t.toLowerCase());
  if (tags.length === 0) bad(name, 'give at least one tag, or leave the parameter out');
  if (tags.length > TAG_LIMITS.count) bad(name, `at most ${TAG_LIMITS.count} tags`);
  if (tags.join(',').length > TAG_LIMITS.chars) bad(name, `at most ${TAG_LIMITS.chars} characters`);
  for (const tag of tags) {
    if (!TAG.test(tag)) bad(name, `"${printable(tag)}" is not a Puppet tag (letters, digits, _ : . -, not starting with : . -)`);
  }
  return tags;
}

/**
 * Checks options already in their JSON types (boolean, list of strings, string) against the config.
 * A bad value is 400 naming the parameter; an environment the config does not list is 403.
 */
export function checkOptions(raw: Record<string, unknown>, allowed: AllowedOptions): RunOptions {
  const options: RunOptions = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!(OPTION_NAMES as readonly string[]).includes(name)) {
      throw twitchError('UNKNOWN_PARAMETER', `Unknown run option '${printable(name)}'. Known: ${OPTION_NAMES.join(', ')}.`);
    }
    if (value === undefined) continue;
    switch (name as OptionName) {
      case 'noop':
        if (typeof value !== 'boolean') bad(name, 'use true or false');
        options.noop = value as boolean;
        break;
      case 'tags':
      case 'skip_tags':
        options[name as 'tags' | 'skip_tags'] = tagList(name, value);
        break;
      case 'environment':
        if (typeof value !== 'string' || !ENVIRONMENT_NAME.test(value)) {
          bad(name, `"${printable(String(value))}" is not an environment name (lower case letters, digits and _)`);
        }
        if (!allowed.environments.includes(value as string)) {
          throw twitchError(
            'FORBIDDEN',
            `Environment '${value}' is not allowed. The node's config lists the environments a caller may choose (puppet.environments).`,
          );
        }
        options.environment = value as string;
        break;
    }
  }
  return options;
}

/** The puppet arguments for the options: each option one flag and one separate value, never a shell word. */
export function optionArgs(options: RunOptions): string[] {
  const args: string[] = [];
  if (options.noop !== undefined) args.push(options.noop ? '--noop' : '--no-noop');
  if (options.tags !== undefined) args.push('--tags', options.tags.join(','));
  if (options.skip_tags !== undefined) args.push('--skip_tags', options.skip_tags.join(','));
  if (options.environment !== undefined) args.push('--environment', options.environment);
  return args;
}

/** Two requests ask for the same run when their options are the same, in any order of tags. */
export function sameOptions(a: RunOptions, b: RunOptions): boolean {
  const key = (o: RunOptions) =>
    JSON.stringify([o.noop ?? null, [...(o.tags ?? [])].sort(), [...(o.skip_tags ?? [])].sort(), o.environment ?? null]);
  return key(a) === key(b);
}
