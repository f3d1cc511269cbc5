// What tests do to the file system that Linux and Windows' Node do differently, done each platform's way.
import { lstatSync, renameSync, rmSync, symlinkSync } from 'node:fs';

const windows = process.platform === 'win32';

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
    if (!windows) throw err;
    return false;
  }
}

/**
 * Takes a file or directory away from under a process that holds a file in it open. Linux removes it; Windows
 * removes no open file's name until it is closed (nor a directory holding one), so there it is renamed out of
 * the way, `<path>.removed`, and left to the test's clean-up: the path is gone all the same.
 */
export function removeBehindItsBack(path: string): void {
  if (!windows) return rmSync(path, { recursive: true });
  renameSync(path, `${path}.removed`);
  try {
    rmSync(`${path}.removed`, { recursive: true, force: true });
  } catch {
    // a directory holding the open file stays until the file is closed
  }
}
