// A small recipe data set written in the data set's format, with labels from a known rule instead of
// ABC (so the training tests need no tools): each operation scales the AND nodes and levels by a
// fixed factor; area and delay follow the final nodes and levels.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Aig, writeAig, type Literal } from '../../../../eda/aig/index.ts';
import { RECIPE_OPERATIONS, randomRecipes } from '../../../../eda/synth/recipes/index.ts';
import { designQorStats, type DatasetRecord } from '../../../../eda/dataset/index.ts';

const NODE_FACTOR = [1.0, 0.96, 0.98, 0.93, 0.99, 0.9, 0.97];
const LEVEL_FACTOR = [0.85, 1.0, 1.0, 1.02, 1.0, 1.01, 1.0];

/** An n-bit ripple adder plus a few ANDs per bit: sizes grow with n. */
function adder(n: number): Aig {
  const aig = new Aig(`add${n}`);
  const a = Array.from({ length: n }, () => aig.addInput());
  const b = Array.from({ length: n }, () => aig.addInput());
  let c: Literal = 0;
  for (let i = 0; i < n; i++) {
    aig.addOutput(aig.xor(aig.xor(a[i], b[i]), c));
    c = aig.or(aig.and(a[i], b[i]), aig.and(c, aig.xor(a[i], b[i])));
  }
  aig.addOutput(c);
  return aig.cleanup();
}

/** The rule's trajectory: [start, after op 1, ...]. */
export function ruleSteps(start: { nodes: number; levels: number }, recipe: readonly string[]) {
  const steps = [start];
  for (const op of recipe) {
    const k = (RECIPE_OPERATIONS as readonly string[]).indexOf(op);
    const last = steps[steps.length - 1];
    steps.push({ nodes: Math.max(1, Math.round(last.nodes * NODE_FACTOR[k])), levels: Math.max(1, Math.round(last.levels * LEVEL_FACTOR[k])) });
  }
  return steps;
}

/** Writes DIR/set.jsonl and DIR/set.aigs/: `designs` adders (the first two in corpus 'epfl'). */
export function writeSyntheticDataset(dir: string, designs = 8, recipes = 24, length = 6): string {
  mkdirSync(join(dir, 'set.aigs'), { recursive: true });
  const lines: string[] = [];
  for (let i = 0; i < designs; i++) {
    const aig = adder(4 + 3 * i);
    const file = `set.aigs/add${i}.aig`;
    writeFileSync(join(dir, file), writeAig(aig));
    const levels = (() => {
      const lv = new Int32Array(aig.variableCount);
      let d = 0;
      for (const v of aig.andVariables()) d = Math.max(d, (lv[v] = 1 + Math.max(lv[aig.fanin0(v) >> 1], lv[aig.fanin1(v) >> 1])));
      return d;
    })();
    const start = { nodes: aig.andCount, levels };
    const trajectories = randomRecipes(recipes, length, 100 + i).map((recipe) => {
      const steps = ruleSteps(start, recipe);
      const last = steps[steps.length - 1];
      return { recipe, steps, lut6: { luts: Math.ceil(last.nodes / 3), depth: Math.ceil(last.levels / 3) }, mapped: { area: 1.1 * last.nodes, delayPs: 20 * last.levels } };
    });
    const record: DatasetRecord = {
      id: `${i < 2 ? 'epfl' : 'synthetic'}/add${i}`, corpus: i < 2 ? 'epfl' : 'synthetic', status: 'ok', designHash: String(i), top: `add${i}`,
      tools: { yosys: 'none', tessera_dataset: 1 }, seed: 1,
      aig: { inputs: aig.inputs.length, outputs: aig.outputs.length, latches: 0, ands: start.nodes, levels, file },
      trajectories, qorStats: designQorStats(trajectories),
    };
    lines.push(JSON.stringify(record));
  }
  const path = join(dir, 'set.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
