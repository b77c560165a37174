// A one-file `tessera predict qor` in a fresh process mostly waits for module loading, so its static
// import graph (what loads before the first prediction) must stay free of what prediction never
// uses: the simulator and the hardware model (models/common's GEMM backends, the sub-area gemm/),
// the STA library (eda/timing beyond its Liberty reader), the training loop (models/common/training),
// VeriDistill's training sub-area (corpus, labelling flow, teacher, training), and the full
// @tensorflow/tfjs package imported as an ES module (models/common/tfjs.cjs requires it instead).
// The command imports the indexes (the import rule); this keeps those indexes light.
// Dynamic `import()`s (--corpus, --compare) are not followed: they load only when used.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../../util/index.ts';
import { loadedAtStart } from '../../../helpers/import-graph.ts';

interface Graph {
  /** Repository files reached, relative to the root. */
  files: Set<string>;
  /** Packages reached, with how: `import` from an ES module or `require` from a CommonJS file. */
  packages: Set<string>;
}

function importGraph(root: string, entry: string): Graph {
  const graph: Graph = { files: new Set(), packages: new Set() };
  const pending = [resolve(root, entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    const rel = relative(root, file);
    if (graph.files.has(rel)) continue;
    graph.files.add(rel);
    for (const { specifier, kind } of loadedAtStart(file)) {
      if (specifier.startsWith('node:')) continue;
      if (!specifier.startsWith('.')) {
        graph.packages.add(`${kind} ${specifier}`);
        continue;
      }
      const target = join(dirname(file), specifier);
      expect(existsSync(target), `${rel} imports ${specifier}, which does not exist`).toBe(true);
      pending.push(target);
    }
  }
  return graph;
}

describe('what a one-file `tessera predict qor` loads', () => {
  it('reaches the model, the front-end and the tfjs wasm backend only', () => {
    const { files, packages } = importGraph(projectRoot(), 'cli/commands/predict-qor.ts');
    const list = [...files].sort();
    // The walk itself works: the pieces prediction needs are reached, through the indexes.
    for (const needed of [
      'models/qor/veridistill/index.ts', 'models/qor/veridistill/model.ts', 'models/qor/veridistill/encoder.ts',
      'models/common/index.ts', 'models/common/backend.ts', 'models/common/tfjs.cjs', 'eda/synth/index.ts', 'eda/verilog/parse.ts',
    ]) {
      expect(list).toContain(needed);
    }
    const unwanted = list.filter((f) =>
      /^(hw|sim|hdl-gen|queue)\//.test(f) ||
      (/^eda\/timing\//.test(f) && !f.startsWith('eda/timing/liberty/')) ||
      /^eda\/(aig|dataset|place|route-estimate)\//.test(f) ||
      f.startsWith('models/common/gemm/') || f.startsWith('models/common/training/') ||
      f.startsWith('models/qor/veridistill/training/') ||
      (f.startsWith('models/') && !f.startsWith('models/common/') && !f.startsWith('models/qor/veridistill/')));
    expect(unwanted).toEqual([]);
    // tfjs comes in through models/common/tfjs.cjs's require only; no ES module imports a tfjs package.
    expect([...packages].filter((p) => p.startsWith('import @tensorflow/'))).toEqual([]);
    expect(packages).toContain('require @tensorflow/tfjs');
  });
});
