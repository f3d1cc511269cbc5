// The daemon commands' two voices: what happened (stdout), and what went wrong and what to do (stderr).
export const out = (line: string): void => void process.stdout.write(`${line}\n`);
export const err = (line: string): void => void process.stderr.write(`puppet-twitch: ${line}\n`);
export const sleep = (ms: number): Promise<void> => new Promise<void>((done) => setTimeout(done, ms));
