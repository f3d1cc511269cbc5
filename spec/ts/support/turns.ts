// Whether a piece of async work lets other work in: a callback queued with setImmediate counts the event loop's
// turns while the work is pending.

/** The work's value, and how many turns of the event loop other work had while it was pending. */
export async function turnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let done = false;
  const turn = () => {
    turns += 1;
    if (!done) setImmediate(turn);
  };
  setImmediate(turn);
  try {
    return { value: await work(), turns };
  } finally {
    done = true;
  }
}
