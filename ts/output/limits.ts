// Every bound on run output, in one place (README, "Live output" and "Limits"); the live window's size is the
// config's output_window_bytes.
export const OUTPUT_LIMITS = {
  /** What a follower's socket may have unsent before it is sent no more until it drains. */
  followerBufferBytes: 256 * 1024,
  /** A follower whose socket takes nothing for this long, with output waiting for it, is cut off. */
  followerStallMs: 60_000,
  /** A cut-off or shut-down stream's connection is destroyed this long after its last line, sent or not. */
  closeGraceMs: 1_000,
  /** The stored output waits at most this long to be written with the lines after it... */
  storeFlushMs: 100,
  /** ...or until this much is waiting; also the size of the chunks an output is read and sent in. */
  storeChunkBytes: 64 * 1024,
  /** Runs whose stored output could not even say it is incomplete, remembered (until a restart) to say it. */
  unsaidRemembered: 1000,
} as const;
