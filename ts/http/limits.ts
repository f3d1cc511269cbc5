// Every bound the HTTP server enforces, in one place (README, "Limits").
export const LIMITS = {
  maxUrlBytes: 4096,
  maxHeaderBytes: 16 * 1024,
  maxBodyBytes: 4 * 1024,
  /** Webhook bodies (up to limits.max_body_bytes each) received at once. */
  maxWebhookBodies: 32,
  headersTimeoutMs: 10_000,
  /** TLS: the handshake must be done within this (Node's default, 120 s, lets a silent client sit far longer). */
  handshakeTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  /** How often header and request timeouts are enforced (Node's default, 30 s, would let them run 40 s). */
  timeoutCheckMs: 1_000,
  shutdownGraceMs: 10_000,
  /** File descriptors kept free for puppet's helper, log writes and the listening socket. */
  fdReserve: 64,
  /** GET /puppet/runs/<id>?wait= answers held at once (a held answer protects its connection from eviction). */
  maxHeldAnswers: 256,
  /** Streamed answers (stream=true, GET /puppet/runs/<id>/output) open at once, at most a quarter of max_connections. */
  maxStreams: 64,
  /** A watcher of a run's output with more than this unsent is cut off: it never holds the run or others back. */
  streamBufferBytes: 256 * 1024,
  /** A cut-off or shut-down stream's connection is destroyed this long after its last line, sent or not. */
  streamCloseGraceMs: 1_000,
  /** What a watcher joining a running run gets of what was printed before it came, at least (else output_max_bytes). */
  replayMinBytes: 64 * 1024,
} as const;
