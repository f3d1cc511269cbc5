// Builds the service bundle (`bundle`) or the mocha test files (`tests`) with esbuild.
// The bundle's options live here and only here, so the freshness test builds exactly what `npm run build` does.
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TARGET = 'node18.19';

// Every file esbuild put in the bundle, the packed libraries' included: the licences of the packages they come
// from are written beside the bundle (THIRD-PARTY-LICENSES.txt), which the module installs with it.
const bundledInputs = new Set();
const noteInputs = (metafile) => Object.keys(metafile.inputs).forEach((input) => bundledInputs.add(input));

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

// Libraries only the root helper uses, each loaded on first use: execa (to run puppet) and yaml (to read Puppet's
// report, ts/puppet/report-file.ts). Node holds the whole bundle's source in memory and parses its top level at
// every start of the service too: as plain source they took the bundle past 512 KiB and the service's idle memory
// up by more than 1 MiB (bench/rss.mjs). So each goes in built beforehand, minified and compressed (brotli,
// base64), and is unpacked when the helper first loads it: execa 43 KB instead of 223 KB, yaml 37 KB instead of 115.
async function packed(name, entry) {
  const { outputFiles, metafile } = await build({
    absWorkingDir: root,
    stdin: { contents: entry, resolveDir: root, loader: 'js' },
    bundle: true,
    platform: 'node',
    target: TARGET,
    format: 'cjs',
    write: false,
    logLevel: 'warning',
    minify: true,
    legalComments: 'none',
    metafile: true,
  });
  noteInputs(metafile);
  const text = brotliCompressSync(outputFiles[0].text, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).toString('base64');
  const contents =
    "const m={exports:{}};new Function('module','exports','require',require('node:zlib').brotliDecompressSync(" +
    `Buffer.from(${JSON.stringify(text)},'base64')).toString('utf8'))(m,m.exports,require);module.exports=m.exports;`;
  const filter = new RegExp(`^${name}$`);
  return {
    name: `${name}-packed`,
    setup(build) {
      build.onResolve({ filter }, () => ({ path: name, namespace: 'packed' }));
      build.onLoad({ filter, namespace: 'packed' }, () => ({ contents, loader: 'js', resolveDir: root }));
    },
  };
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
  metafile: true,
  define: await openApiDefine(),
  plugins: [
    await packed('execa', "export { execa } from 'execa';"),
    // the ES module build, so that only what parseDocument needs goes in
    await packed('yaml', "export { parseDocument } from './node_modules/yaml/browser/dist/index.js';"),
  ],
});

function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

const what = process.argv[2];
/** The licence notices of the npm packages whose code the bundle holds: name, version, licence and its text. */
function licenceNotices() {
  const packages = new Set();
  for (const input of bundledInputs) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, '/'));
    if (m !== null) packages.add(input.slice(0, m.index + m[0].length).replace(/^\.\//, ''));
  }
  const sections = [...packages].map((dir) => {
    const full = join(root, dir);
    const pkg = JSON.parse(readFileSync(join(full, 'package.json'), 'utf8'));
    const file = readdirSync(full).find((name) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(name));
    if (file === undefined) throw new Error(`${pkg.name} ${pkg.version} is in the bundle but has no licence file in ${dir}`);
    const text = readFileSync(join(full, file), 'utf8').replace(/\r\n/g, '\n').trim();
    return `${pkg.name} ${pkg.version} (${pkg.license})\n\n${text}\n`;
  });
  sections.sort();
  const rule = `\n${'-'.repeat(78)}\n\n`;
  return `puppet-twitch.js holds the code of these libraries (${sections.length}), under their licences:\n${rule}${sections.join(rule)}`;
}

if (what === 'bundle') {
  const outfile = process.argv[3] ?? join(root, 'files/puppet-twitch.js');
  const { metafile } = await build(await bundleOptions(outfile));
  noteInputs(metafile);
  writeFileSync(join(dirname(outfile), 'THIRD-PARTY-LICENSES.txt'), licenceNotices());
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
