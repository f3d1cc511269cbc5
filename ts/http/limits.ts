// Every bound the HTTP server enforces, in one place (README, "Limits"); run output's own bounds are output/limits.ts's.
import { OUTPUT_LIMITS } from '../output/limits';

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
  /** A cut-off or shut-down stream's connection is destroyed this long after its last line, sent or not. */
  streamCloseGraceMs: OUTPUT_LIMITS.closeGraceMs,
} as const;
