// A parsed JSON (or YAML) value is checked for its shape before it is read field by field.

export type JsonObject = Record<string, unknown>;

/** A plain object: not null, not an array. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
