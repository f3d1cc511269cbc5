// What a test needs and Windows' node under Wine cannot make (esbuild's Linux binary, openssl): spec/windows/run.sh
// runs the test on Linux first with TWITCH_HANDOVER naming a directory, where the test leaves what it made as
// JSON; the run under node.exe, given the same directory, takes it from there. The test's assertions run in both.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TWITCH_HANDOVER;
/** stands for the handover directory in the JSON: its path differs between Linux and Wine */
const HERE = '<handover>';
const asJson = (text: string) => JSON.stringify(text).slice(1, -1);

/** Whether this run hands over what it makes: it must then leave it in place. */
export const handingOver = dir !== undefined && process.platform !== 'win32';

/** `make(into)`'s value; on Windows, the value the Linux run made. `into`: a directory under the handover one. */
export async function handedOver<T>(name: string, make: (into: string | undefined) => T | Promise<T>): Promise<T> {
  if (process.platform === 'win32') {
    if (dir === undefined) throw new Error(`${name} is made on Linux: run this test under Windows through spec/windows/run.sh`);
    return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8').split(HERE).join(asJson(dir))) as T;
  }
  const value = await make(dir === undefined ? undefined : join(dir, name));
  if (dir !== undefined) writeFileSync(join(dir, `${name}.json`), JSON.stringify(value).split(asJson(dir)).join(HERE));
  return value;
}
