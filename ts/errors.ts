// Every error a caller or an operator can see has a code; its HTTP status is decided here and nowhere else.
// The codes are listed in README.md ("Errors").
export const ERROR_STATUS = {
  BAD_PARAMETER: 400,
  UNKNOWN_PARAMETER: 400,
  BAD_REQUEST: 400,
  BAD_HOST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  ADDRESS_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  RUN_NOT_FOUND: 404,
  REPORT_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  QUEUE_CONFLICT: 409,
  DELIVERY_REPEATED: 409,
  CONTROL_CONFLICT: 409,
  MISDIRECTED_REQUEST: 421,
  BODY_TOO_LARGE: 413,
  URL_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  EXPECTATION_FAILED: 417,
  TOO_MANY_REQUESTS: 429,
  HEADERS_TOO_LARGE: 431,
  RUN_FAILED: 500,
  HELPER_FAILED: 500,
  SHUTTING_DOWN: 503,
  CANNOT_RECORD: 503,
  HTTP_VERSION_NOT_SUPPORTED: 505,
  CONFIG_INVALID: 2,
  USAGE: 2,
  PUPPETDB_FAILED: 2,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface TwitchError extends Error {
  code: ErrorCode;
  headers?: Record<string, string>;
}

export function twitchError(code: ErrorCode, message: string, headers?: Record<string, string>): TwitchError {
  // An answer, not a bug: no stack trace is captured (that would cost more than the rest of a refused request).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const err = new Error(message);
  Error.stackTraceLimit = limit;
  return Object.assign(err, { code, headers });
}

export function isTwitchError(err: unknown): err is TwitchError {
  return err instanceof Error && typeof (err as TwitchError).code === 'string' && (err as TwitchError).code in ERROR_STATUS;
}
