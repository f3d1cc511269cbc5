// Reloading the TLS files on SIGHUP and when they change on disk (a renewal usually renames a new file into
// place). A reload that fails keeps what was loaded before: the service goes on with the old certificate.
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import type { TlsConfig } from '../config';
import type { Logger } from '../log';
import { loadTls, type TlsMaterial } from './files';

/** How often the files' metadata is polled. */
export const WATCH_INTERVAL_MS = 1000;
/** Changes closer together than this are one reload: a renewal replaces the certificate and then the key. */
const SETTLE_MS = 500;

export interface TlsReloader {
  reload(why: string): void;
  close(): void;
}

export function logLoaded(log: Logger, what: string, material: TlsMaterial): void {
  log.info(`TLS: ${what} ${material.summary}`);
  if (material.expired) log.error(`TLS: the certificate in tls.cert has expired: clients refuse it; renew it`);
}

/** Watches tls.cert, tls.key, tls.ca and tls.crl; `apply` installs what a successful reload read. */
export function watchTls(tls: TlsConfig, log: Logger, apply: (material: TlsMaterial) => void): TlsReloader {
  const files = (['cert', 'key', 'ca', 'crl'] as const).flatMap((key) => (tls[key] === undefined ? [] : [{ key, path: tls[key] as string }]));
  let timer: NodeJS.Timeout | undefined;
  let changed = new Set<string>();

  function reload(why: string): void {
    try {
      const material = loadTls(tls);
      apply(material);
      logLoaded(log, `reloaded (${why}):`, material);
    } catch (err) {
      log.error(
        `TLS: reload (${why}) failed: ${(err as Error).message}. Still serving with the files loaded before; ` +
          'fix the file, then send SIGHUP (a change to the file is noticed too).',
      );
    }
  }

  const listeners = files.map(({ key, path }) => {
    // Reading a file changes its access time, which also calls the listener: only content, inode or metadata
    // changes count.
    const listener = (curr: Stats, prev: Stats) => {
      if (curr.mtimeMs === prev.mtimeMs && curr.ctimeMs === prev.ctimeMs && curr.ino === prev.ino) return;
      changed.add(`tls.${key}`);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const what = [...changed].join(', ');
        changed = new Set();
        reload(`${what} changed`);
      }, SETTLE_MS);
    };
    watchFile(path, { interval: WATCH_INTERVAL_MS, persistent: false }, listener);
    return { path, listener };
  });

  return {
    reload,
    close() {
      clearTimeout(timer);
      for (const { path, listener } of listeners) unwatchFile(path, listener);
    },
  };
}
