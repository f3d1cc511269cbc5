// Every bound on run output, in one place (README, "Live and stored output" and "Limits").
export const OUTPUT_LIMITS = {
  /** A follower of a run's output with more than this unsent is cut off: it never holds the run or others back. */
  followerBufferBytes: 256 * 1024,
  /** A cut-off or shut-down stream's connection is destroyed this long after its last line, sent or not. */
  closeGraceMs: 1_000,
  /** What a follower joining a running run gets of what was printed before it came, at least (else output_max_bytes). */
  replayMinBytes: 64 * 1024,
  /** The stored output waits at most this long to be written with the lines after it... */
  storeFlushMs: 100,
  /** ...or until this much is waiting; also the size of the chunks a stored output is read in. */
  storeChunkBytes: 64 * 1024,
} as const;
