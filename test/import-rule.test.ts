// The import rule (docs/architecture.md): each area's index.ts is its public face, and a file that
// imports from another area reaches it only through an index.ts (the area's own or a sub-area's,
// such as eda/timing/liberty/index.ts or models/common/gemm/index.ts). Areas: hw, sim, hdl-gen,
// util, queue, cli, bench and each eda/X and models/X. Every reference counts: value, type-only and
// dynamic imports, re-exports and require calls. (Worker task modules that a pool or the queue
// starts by file URL are not imports and are not checked.)
import { spawnSync } from 'node:child_process';
import { basename, dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../util/index.ts';
import { moduleReferences } from './helpers/import-graph.ts';
import { missingTool, skipReason } from './helpers/requirements.ts';

const TOP_AREAS = new Set(['hw', 'sim', 'hdl-gen', 'util', 'queue', 'cli', 'bench']);

/** The area a repository path belongs to (eda/X and models/X are areas of their own), or undefined outside the areas. */
function areaOf(path: string): string | undefined {
  const parts = normalize(path).split('/');
  if ((parts[0] === 'eda' || parts[0] === 'models') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return TOP_AREAS.has(parts[0]!) ? parts[0] : undefined;
}

/** True when an import from `from` of `to` (repository paths) breaks the rule. */
function breaksRule(from: string, to: string): boolean {
  const target = areaOf(to) ?? normalize(to).split('/')[0];
  return areaOf(from) !== target && basename(to) !== 'index.ts';
}

/** The justified exceptions, by name: `from` may import `to` directly. */
const EXCEPTIONS: readonly { from: string; to: string; why: string }[] = [
  { from: 'bench/queue.bench.ts', to: 'cli/queue-jobs.ts', why: 'the bench times the coordinator side the CLI joins to the queue; cli/ has no index (only bench may import it)' },
  { from: 'bench/queue.bench.ts', to: 'test/queue/redis-server.ts', why: 'the throw-away Redis server the queue tests start (a test helper, not a library)' },
  { from: 'bench/array-timing.bench.ts', to: 'test/eda/timing/opensta-reference.ts', why: 'the OpenSTA reference runner the timing tests compare against' },
];

function trackedSources(root: string): string[] {
  const listed = spawnSync('git', ['ls-files', '-z', '*.ts', '*.mts', '*.cts', '*.js', '*.mjs', '*.cjs'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  return listed.stdout.split('\0').filter((f) => f && areaOf(f) !== undefined);
}

describe('the rule itself', () => {
  it('tells crossings to a file from crossings to an index and from imports inside an area', () => {
    expect(breaksRule('cli/commands/predict-qor.ts', 'models/common/backend.ts')).toBe(true);
    expect(breaksRule('cli/commands/predict-qor.ts', 'models/common/index.ts')).toBe(false);
    expect(breaksRule('eda/synth/stat-json.ts', 'eda/timing/liberty/index.ts')).toBe(false);
    expect(breaksRule('models/qor/veridistill/model.ts', 'models/qor/lsoformer/train.ts')).toBe(false);
    expect(breaksRule('models/gnn/train.ts', 'models/common/training/train-loop.ts')).toBe(true);
    expect(breaksRule('bench/x.bench.ts', 'test/helpers/requirements.ts')).toBe(true);
    expect(breaksRule('models/common/gemm/array-backend.ts', 'models/common/wasm-asm.ts')).toBe(false);
  });
});

describe.skipIf(skipReason(missingTool('git')))('the import rule', () => {
  it('holds for every relative import that crosses an area, but for the listed exceptions', () => {
    const root = projectRoot();
    const files = trackedSources(root);
    expect(files.length).toBeGreaterThan(500);
    const crossings: string[] = [];
    let relativeImports = 0;
    for (const file of files) {
      for (const { specifier } of moduleReferences(join(root, file))) {
        if (!specifier.startsWith('.')) continue;
        relativeImports++;
        const to = normalize(join(dirname(file), specifier));
        if (breaksRule(file, to)) crossings.push(`${file} -> ${to}`);
      }
    }
    expect(relativeImports).toBeGreaterThan(2000);
    const allowed = new Set(EXCEPTIONS.map((e) => `${e.from} -> ${e.to}`));
    expect(crossings.filter((c) => !allowed.has(c))).toEqual([]);
    // An exception no longer needed goes from the list.
    expect([...allowed].filter((a) => !crossings.includes(a))).toEqual([]);
  });
});
