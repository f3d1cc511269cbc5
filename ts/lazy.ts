// Node modules that cost the service memory at start (node:crypto alone about 0.6 MiB) and that only some
// configurations (tokens, webhooks, TLS), other commands (the helper, the daemon commands) or rare requests
// (/openapi.json) use, loaded on first use.
/* eslint-disable @typescript-eslint/no-require-imports */
type Crypto = typeof import('node:crypto');
type Tls = typeof import('node:tls');
type Https = typeof import('node:https');
type Os = typeof import('node:os');
type Zlib = typeof import('node:zlib');
// node:fs/promises brings its file handles' readline, fs.watch and directory modules in with it: 0.4 MiB at start
type FsPromises = typeof import('node:fs/promises');

let crypto: Crypto | undefined;
let tls: Tls | undefined;
let https: Https | undefined;
let os: Os | undefined;
let zlib: Zlib | undefined;
let fsPromises: FsPromises | undefined;

export const nodeCrypto = (): Crypto => (crypto ??= require('node:crypto') as Crypto);
export const nodeTls = (): Tls => (tls ??= require('node:tls') as Tls);
export const nodeHttps = (): Https => (https ??= require('node:https') as Https);
export const nodeOs = (): Os => (os ??= require('node:os') as Os);
export const nodeZlib = (): Zlib => (zlib ??= require('node:zlib') as Zlib);
export const nodeFsPromises = (): FsPromises => (fsPromises ??= require('node:fs/promises') as FsPromises);
