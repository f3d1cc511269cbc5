// The import graph of the service's sources, as esbuild sees it when it bundles them, and the rules it must keep:
// no cycle, and nothing below the edge importing the edge (ts/http).
import { build } from 'esbuild';
import { repoRoot } from './service';

/** source file (relative to the repository, `ts/...`) → the source files it imports at run time */
export type ImportGraph = Map<string, string[]>;

/** The folders below the HTTP edge: none of them may import from ts/http. */
export const BELOW_HTTP = ['ts/core/', 'ts/platform/', 'ts/output/', 'ts/auth/', 'ts/metrics/', 'ts/puppet/'];

export async function importGraph(entryPoints: string[]): Promise<ImportGraph> {
  const { metafile } = await build({
    absWorkingDir: repoRoot,
    entryPoints,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    outdir: '/nonexistent',
    logLevel: 'silent',
    // build-time constants the bundle gets from ts/build.mjs
    define: { OPENAPI_GZ: '""' },
  });
  const graph: ImportGraph = new Map();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (!file.startsWith('ts/')) continue;
    graph.set(
      file,
      input.imports.map((i) => i.path).filter((path) => path.startsWith('ts/')),
    );
  }
  return graph;
}

/** Every import from a folder below the edge into ts/http, as "from -> to". */
export function upwardImports(graph: ImportGraph): string[] {
  const found: string[] = [];
  for (const [from, tos] of graph) {
    if (!BELOW_HTTP.some((dir) => from.startsWith(dir))) continue;
    for (const to of tos) if (to.startsWith('ts/http/')) found.push(`${from} -> ${to}`);
  }
  return found;
}

/** The import cycles, each as "a -> b -> … -> a" (each cycle once, from its smallest file name). */
export function importCycles(graph: ImportGraph): string[] {
  const cycles = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const loop = stack.slice(stack.indexOf(next));
        const first = loop.indexOf([...loop].sort()[0]);
        const rotated = [...loop.slice(first), ...loop.slice(0, first)];
        cycles.add([...rotated, rotated[0]].join(' -> '));
      } else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (state.get(file) === undefined) visit(file);
  return [...cycles];
}
