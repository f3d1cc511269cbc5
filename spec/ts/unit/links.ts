// Symbolic links in tests that run on Linux and under Windows' Node alike.
import { lstatSync, symlinkSync } from 'node:fs';

/**
 * Makes a symbolic link where the platform lets the test make one, and says whether it did. On Linux it always
 * does (an error is thrown); Windows needs a privilege it may not give, and Wine answers the call without making
 * a link, so a test there expects what it finds: a link refused, or no file at all.
 */
export function trySymlink(target: string, path: string): boolean {
  try {
    symlinkSync(target, path);
    return lstatSync(path).isSymbolicLink();
  } catch (err) {
    if (process.platform !== 'win32') throw err;
    return false;
  }
}
