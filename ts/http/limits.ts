// Every bound the HTTP server enforces, in one place (README, "Limits").
export const LIMITS = {
  maxUrlBytes: 4096,
  maxHeaderBytes: 16 * 1024,
  maxBodyBytes: 4 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  shutdownGraceMs: 10_000,
  /** File descriptors kept free for puppet's helper, log writes and the listening socket. */
  fdReserve: 64,
} as const;
