// Picks the platform once; main.ts asks for it and passes it down. The only test of process.platform.
import type { Platform } from './platform';
import { posixPlatform } from './posix';
import { windowsPlatform } from './windows';

export type { Platform, PlatformPaths, ProcessStats, PuppetPaths, HelperInvocation } from './platform';

let picked: Platform | undefined;

export function currentPlatform(): Platform {
  return (picked ??= process.platform === 'win32' ? windowsPlatform() : posixPlatform());
}
