// The checks every config section is made of, and the texts of their errors (README and tests quote them).
// Each takes the key's full name (`puppet.max_splay`) to name it in the error; undefined means "not given".
import { isAbsolute } from 'node:path';
import { twitchError } from '../errors';
import { isJsonObject } from '../json';

/** A JSON object not yet checked. */
export type Raw = Record<string, unknown>;

export function invalid(key: string, message: string): never {
  throw twitchError('CONFIG_INVALID', `Invalid config key '${key}': ${message}`);
}

export function checkKeys(obj: Raw, allowed: readonly string[], prefix: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw twitchError('CONFIG_INVALID', `Unknown config key '${prefix}${key}'. Known keys: ${allowed.map((k) => prefix + k).join(', ')}.`);
    }
  }
}

export function str(obj: Raw, key: string, name: string): string | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') invalid(name, `must be a non-empty string, got ${JSON.stringify(value)}`);
  if (/[\0-\x1f]/.test(value)) invalid(name, 'must not contain control characters');
  return value;
}

export function path(obj: Raw, key: string, name: string): string | undefined {
  const value = str(obj, key, name);
  if (value !== undefined && !isAbsolute(value)) invalid(name, `must be an absolute path, got "${value}"`);
  return value;
}

export function integer(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(name, `must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A number given on the command line arrives as text. */
export function flagInteger(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,7}$/.test(value)) invalid(name, `must be an integer from ${min} to ${max}, got "${value}"`);
  return integer(Number(value), name, min, max);
}

/** A boolean; null counts as not given. */
export function bool(obj: Raw, key: string, name: string, fallback: boolean): boolean {
  const value = obj[key] ?? fallback;
  if (typeof value !== 'boolean') invalid(name, `must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

export function oneOf<T extends string>(value: unknown, key: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    invalid(key, `must be ${allowed.map((m) => `"${m}"`).join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** An optional object of known keys; empty when not given. */
export function section(value: unknown, name: string, keys: readonly string[]): Raw {
  if (value === undefined) return {};
  if (!isJsonObject(value)) invalid(name, 'must be an object');
  checkKeys(value, keys, `${name}.`);
  return value;
}

export function list(value: unknown, name: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) invalid(name, 'must be an array');
  return value;
}

/** An item of a list: an object with these keys, every one of them given, and perhaps the optional ones. */
export function entry(value: unknown, name: string, keys: readonly string[], optional: readonly string[] = []): Raw {
  if (!isJsonObject(value)) invalid(name, `must be an object with keys ${keys.join(', ')}`);
  checkKeys(value, [...keys, ...optional], `${name}.`);
  for (const key of keys) if (value[key] === undefined) invalid(`${name}.${key}`, 'is required');
  return value;
}
