// Builds the service bundle (`bundle`) or the mocha test files (`tests`) with esbuild.
// The bundle's options live here and only here, so the freshness test builds exactly what `npm run build` does.
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TARGET = 'node18.19';

// The OpenAPI document (ts/http/openapi.ts) is built here, once, and goes into the bundle gzipped (base64), so
// the service holds 11 KB of it, not the 43 KB text or the code that builds it (together 0.3 MiB at start).
//
// The bundle is written without whitespace: Node.js holds the whole source of a script in memory, and a script
// file of 512 KiB or more costs a process about 1 MiB more at start than one just under it (measured with
// Node 18 and 20). Names, strings and the licence comments stay as they are.
async function openApiDefine() {
  const { outputFiles } = await build({
    absWorkingDir: root,
    entryPoints: ['ts/http/openapi.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  return { OPENAPI_GZ: JSON.stringify(gzipSync(module.exports.openApiJson(), { level: 9 }).toString('base64')) };
}

// execa, which only the root helper uses (loaded on use), goes into the bundle built beforehand as CommonJS: esbuild
// then keeps it in one function instead of lifting its 600 module-level names into the bundle's top level. Node
// parses the bundle at every start, the service too, and that top level cost it 0.55 MiB of idle memory.
async function asCommonJs(name) {
  const { outputFiles } = await build({
    absWorkingDir: root,
    stdin: { contents: `export * from '${name}';`, resolveDir: root, loader: 'js' },
    bundle: true,
    platform: 'node',
    target: TARGET,
    format: 'cjs',
    write: false,
    logLevel: 'warning',
    minifyWhitespace: true,
  });
  return moduleOf(name, outputFiles[0].text);
}

function moduleOf(name, contents) {
  const filter = new RegExp(`^${name}$`);
  return {
    name: `${name}-as-commonjs`,
    setup(build) {
      build.onResolve({ filter }, () => ({ path: name, namespace: 'commonjs' }));
      build.onLoad({ filter, namespace: 'commonjs' }, () => ({ contents, loader: 'js', resolveDir: root }));
    },
  };
}

// yaml, which only the root helper uses to read Puppet's report (ts/puppet/report-file.ts), goes in minified and
// compressed (brotli, base64: 37 KB instead of 115 KB of source), unpacked when the helper first loads it. As plain
// source it took the bundle past 512 KiB, and the service's idle memory up by 1.2 MiB (bench/rss.mjs).
async function yamlCompressed() {
  const { outputFiles } = await build({
    absWorkingDir: root,
    // the ES module build, so that only what parseDocument needs goes in
    stdin: { contents: "export { parseDocument } from './node_modules/yaml/browser/dist/index.js';", resolveDir: root, loader: 'js' },
    bundle: true,
    platform: 'node',
    target: TARGET,
    format: 'cjs',
    write: false,
    logLevel: 'warning',
    minify: true,
    legalComments: 'none',
  });
  const packed = brotliCompressSync(outputFiles[0].text, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).toString('base64');
  return moduleOf(
    'yaml',
    `const m={exports:{}};new Function('module','exports','require',require('node:zlib').brotliDecompressSync(Buffer.from(${JSON.stringify(packed)},'base64')).toString('utf8'))(m,m.exports,require);module.exports=m.exports;`,
  );
}

const bundleOptions = async (outfile) => ({
  absWorkingDir: root,
  entryPoints: ['ts/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: TARGET,
  format: 'cjs',
  legalComments: 'eof',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
  minifyWhitespace: true,
  define: await openApiDefine(),
  plugins: [await asCommonJs('execa'), await yamlCompressed()],
});

function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

const what = process.argv[2];
if (what === 'bundle') {
  await build(await bundleOptions(process.argv[3] ?? join(root, 'files/puppet-twitch.js')));
} else if (what === 'tests') {
  await build({
    absWorkingDir: root,
    // spec/fleet/run.sh runs the feeder from .build, bench/fleet.mjs loads the nodes and the simulator from there
    entryPoints: [
      ...testFiles(join(root, 'spec/ts')),
      ...testFiles(join(root, 'spec/fleet')),
      ...['feed.ts', 'nodes.ts', 'simulator.ts'].filter((name) => readdirSync(join(root, 'spec/fleet')).includes(name)).map((name) => `spec/fleet/${name}`),
    ],
    outdir: '.build',
    outbase: '.',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    // an ES module that reads its schemas next to itself: loaded from node_modules with import()
    external: ['mocha', '@seriousme/openapi-schema-validator', 'esbuild'],
    define: await openApiDefine(),
    logLevel: 'warning',
  });
} else if (what !== undefined) {
  console.error(`usage: node ts/build.mjs bundle [OUTFILE] | tests`);
  process.exit(2);
}
