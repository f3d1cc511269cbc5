import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/service';
import { importCycles, importGraph, upwardImports, type ImportGraph } from '../../support/imports';
import { handedOver } from '../handover';

// The bundle's entry, and the OpenAPI document built at build time (ts/build.mjs).
const ENTRIES = ['ts/main.ts', 'ts/http/openapi.ts'];

describe('architecture: the import graph of ts/', function () {
  this.timeout(30_000);
  let graph: ImportGraph;
  before(async () => {
    // the same graph on every platform; under Windows' node, esbuild's Linux binary cannot read it
    graph = new Map(await handedOver('import-graph', async () => [...(await importGraph(ENTRIES))]));
  });

  it('reads the graph of every source the bundle is built from, the fleet client included', () => {
    for (const file of ['ts/main.ts', 'ts/http/server.ts', 'ts/core/runner.ts', 'ts/fleet/command.ts']) {
      assert.ok(graph.has(file), `${file} is in the graph`);
    }
    assert.ok(graph.size > 50, `${graph.size} files`);
  });

  it('has no import cycle', () => {
    assert.deepEqual(importCycles(graph), []);
  });

  it('has no import from core, platform, output, auth, metrics or puppet into http', () => {
    assert.deepEqual(upwardImports(graph), []);
  });

  // `import * as fs from 'node:fs'` makes the bundle copy every export of the module into an object of getters at
  // start: with two of them the service's start allocated enough for V8 to run a young-generation collection,
  // and its idle memory rose by 0.5 MiB (bench/rss.mjs)
  const NAMESPACE_IMPORT = /^import \* as \w+ from 'node:[\w/]+';$/m;
  it("imports Node's modules by name, never as a namespace", () => {
    const found = [...graph.keys()].filter((file) => NAMESPACE_IMPORT.test(readFileSync(join(repoRoot, file), 'utf8')));
    assert.deepEqual(found, []);
    assert.ok(NAMESPACE_IMPORT.test("import * as fs from 'node:fs';") && !NAMESPACE_IMPORT.test("import { readFileSync } from 'node:fs';"));
  });

  it('finds a planted cycle and a planted upward import', () => {
    const planted: ImportGraph = new Map([
      ['ts/core/runner.ts', ['ts/output/hub.ts']],
      ['ts/output/hub.ts', ['ts/output/format.ts', 'ts/http/limits.ts']],
      ['ts/output/format.ts', ['ts/core/runner.ts']],
      ['ts/http/limits.ts', []],
    ]);
    assert.deepEqual(importCycles(planted), ['ts/core/runner.ts -> ts/output/hub.ts -> ts/output/format.ts -> ts/core/runner.ts']);
    assert.deepEqual(upwardImports(planted), ['ts/output/hub.ts -> ts/http/limits.ts']);
  });
});
