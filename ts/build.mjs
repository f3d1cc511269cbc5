// Builds the service bundle (`bundle`) or the mocha test files (`tests`) with esbuild.
// The bundle's options live here and only here, so the freshness test builds exactly what `npm run build` does.
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const bundleOptions = (outfile) => ({
  absWorkingDir: root,
  entryPoints: ['ts/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node18.19',
  format: 'cjs',
  legalComments: 'eof',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
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
  await build(bundleOptions(process.argv[3] ?? join(root, 'files/puppet-twitch.js')));
} else if (what === 'tests') {
  await build({
    absWorkingDir: root,
    entryPoints: testFiles(join(root, 'spec/ts')),
    outdir: '.build',
    outbase: '.',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    // an ES module that reads its schemas next to itself: loaded from node_modules with import()
    external: ['mocha', '@seriousme/openapi-schema-validator'],
    logLevel: 'warning',
  });
} else if (what !== undefined) {
  console.error(`usage: node ts/build.mjs bundle [OUTFILE] | tests`);
  process.exit(2);
}
