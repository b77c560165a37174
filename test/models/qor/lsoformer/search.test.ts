// Recipe search end to end on a small AIG made here: the searched recipe, replayed in the standalone
// ABC on the same AIG file, gives the node count the search reported; the ABC budget is respected.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Aig, writeAig, type Literal } from '../../../../eda/aig/index.ts';
import { selectBackend } from '../../../../models/common/index.ts';
import { defaultSettings, defineNet, netConfig, searchRecipe, type TrainedModel } from '../../../../models/qor/lsoformer/index.ts';
import { abcPrintStats, findAbc } from '../../../eda/aig/abc-tools.ts';

const abc = findAbc();
if (!abc) console.warn('skipping the recipe-replay test: no native ABC (yosys-abc from apt-get install yosys)');
const work = mkdtempSync(join(tmpdir(), 'tessera-lso-search-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(async () => {
  await selectBackend(() => {});
});

/** A 5x5-bit array multiplier built from AND/XOR: redundant enough for rewriting to matter. */
function multiplier(bits: number): Aig {
  const aig = new Aig('mul');
  const a = Array.from({ length: bits }, () => aig.addInput());
  const b = Array.from({ length: bits }, () => aig.addInput());
  let acc: Literal[] = Array.from({ length: 2 * bits }, () => 0);
  for (let i = 0; i < bits; i++) {
    let carry: Literal = 0;
    const next = [...acc];
    for (let j = 0; j < bits; j++) {
      const p = aig.and(a[j], b[i]);
      const s = acc[i + j];
      next[i + j] = aig.xor(aig.xor(s, p), carry);
      carry = aig.or(aig.and(s, p), aig.and(carry, aig.xor(s, p)));
    }
    next[i + bits] = aig.xor(acc[i + bits], carry);
    acc = next;
  }
  acc.forEach((l) => aig.addOutput(l));
  return aig;
}

describe.skipIf(!abc)('recipe search', () => {
  it('reports a node count that replaying its recipe in ABC reproduces, within the ABC budget', async () => {
    const s = { ...defaultSettings, gcn: { dim: 8, layers: 1 }, dim: 16, heads: 2, layers: 1, ffDim: 16 };
    const config = netConfig('lsoformer', s, 20, 7);
    // An untrained predictor is enough here: the test is about what the search reports, not how well it ranks.
    const model: TrainedModel = { config, params: defineNet(config, 2), standardizer: { mean: [0, 0, 0, 0], std: [0.1, 0.1, 0.1, 0.1] }, history: { trainLoss: [], validationLoss: [], bestEpoch: 0, stoppedEarly: false } };
    const bytes = writeAig(multiplier(5).cleanup());
    const file = join(work, 'mul.aig');
    writeFileSync(file, bytes);
    const r = await searchRecipe({ aig: bytes, model, candidates: 50, abcRuns: 6, length: 20, seed: 4, backend: 'native' });
    expect(r.abcRuns).toBe(6);
    expect(r.best.recipe).toHaveLength(20);
    const replay = abcPrintStats(abc!, [`read ${file}`, 'strash', ...r.best.recipe, 'print_stats']);
    expect({ nodes: replay[0].ands, levels: replay[0].levels }).toEqual({ nodes: r.best.nodes, levels: r.best.levels });
    const start = abcPrintStats(abc!, [`read ${file}`, 'strash', 'print_stats'])[0];
    expect(r.start).toEqual({ nodes: start.ands, levels: start.levels });
    expect(r.best.nodes).toBeLessThan(r.start.nodes);
  }, 120_000);
});
