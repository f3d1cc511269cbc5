// Picks the platform once; main.ts asks for it and passes it down.
import type { Platform } from './platform';
import { posixPlatform } from './posix';

export type { Platform, PlatformPaths, ProcessStats, PuppetPaths, HelperInvocation } from './platform';

let picked: Platform | undefined;

export function currentPlatform(): Platform {
  return (picked ??= posixPlatform());
}
