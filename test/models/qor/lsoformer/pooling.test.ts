// Level-wise pooling against a hand-computed example, the AIG graph's features and levels, and the
// causal mask: the prediction after step k never depends on step k + 1.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Aig } from '../../../../eda/aig/index.ts';
import { selectBackend } from '../../../../models/common/index.ts';
import { aigGraph, defineNet, designTensors, forwardNet, levelBins, levelPool, netConfig, defaultSettings } from '../../../../models/qor/lsoformer/index.ts';

beforeAll(async () => {
  await selectBackend(() => {});
});

describe('level-wise pooling', () => {
  it('gives the mean and the max of each level (hand-computed)', () => {
    // Five nodes, two features; levels 0, 0, 1, 2, 2.
    const h = tf.tensor2d([[1, -2], [3, 4], [5, 6], [-1, 0], [7, -8]]);
    const pooled = levelPool(h, Int32Array.from([0, 0, 1, 2, 2]), 3).arraySync();
    expect(pooled).toEqual([
      [2, 1, 3, 4], // level 0: mean (1+3)/2, (-2+4)/2; max 3, 4
      [5, 6, 5, 6], // level 1: the one node
      [3, -4, 7, 0], // level 2: mean (-1+7)/2, (0-8)/2; max 7, 0
    ]);
  });

  it('sends the gradient of a max to the arg-max node only, and of a mean to every node of the level', () => {
    const h = tf.tensor2d([[1], [3], [5]]);
    const grad = tf.grad((x: tf.Tensor) => levelPool(x as tf.Tensor2D, Int32Array.from([0, 0, 1]), 2).sum())(h).arraySync();
    expect(grad).toEqual([[0.5], [1.5], [2]]);
  });

  it('keeps one bin per level when they fit, else cuts the levels into equal bins', () => {
    expect(levelBins(Int32Array.from([0, 1, 2, 3]), 8)).toEqual({ bin: Int32Array.from([0, 1, 2, 3]), numBins: 4 });
    const deep = levelBins(Int32Array.from({ length: 10 }, (_, i) => i), 4);
    expect(deep.numBins).toBe(4);
    expect([...deep.bin]).toEqual([0, 0, 0, 1, 1, 2, 2, 2, 3, 3]);
  });
});

describe('the AIG graph', () => {
  it('has input, AND and output nodes with inverted-input counts and levels', () => {
    const aig = new Aig();
    const a = aig.addInput('a');
    const b = aig.addInput('b');
    const c = aig.addInput('c');
    const ab = aig.and(a, b ^ 1); // one inverted input, level 1
    const abc = aig.and(ab ^ 1, c ^ 1); // two inverted inputs, level 2
    aig.addOutput(abc ^ 1, 'y');
    const g = aigGraph(aig);
    expect(g.numNodes).toBe(6);
    expect([...g.level]).toEqual([0, 0, 0, 1, 2, 3]);
    const row = (i: number) => [...g.features.slice(i * 6, i * 6 + 6)];
    expect(row(0)).toEqual([1, 0, 0, 1, 0, 0]);
    expect(row(3)).toEqual([0, 1, 0, 0, 1, 0]);
    expect(row(4)).toEqual([0, 1, 0, 0, 0, 1]);
    expect(row(5)).toEqual([0, 0, 1, 0, 1, 0]);
    expect([...g.src].map((s, e) => `${s}->${g.dst[e]}`).sort()).toEqual(['0->3', '1->3', '2->4', '3->4', '4->5']);
    expect([g.ands, g.depth, g.inputs, g.outputs]).toEqual([2, 2, 3, 1]);
  });
});

describe('causal masking', () => {
  it('the prediction after step k is the same whatever step k + 1 is', () => {
    const aig = new Aig();
    const x = [aig.addInput(), aig.addInput(), aig.addInput(), aig.addInput()];
    aig.addOutput(aig.xor(aig.and(x[0], x[1]), aig.or(x[2], x[3])));
    const t = designTensors({ graph: aigGraph(aig) }, 8);
    // Two recipes equal in steps 1-3, different from step 4 on.
    const ops = tf.tensor2d([[0, 1, 2, 3, 4, 5], [0, 1, 2, 6, 6, 6]], [2, 6], 'int32');
    // Also with the recipe's operation counts as token inputs (they never look past their own step).
    for (const recipeInputs of [false, true]) {
      const s = { ...defaultSettings, gcn: { dim: 8, layers: 2 }, dim: 16, heads: 2, layers: 2, ffDim: 16, recipeInputs };
      const config = netConfig('lsoformer', s, 6, 7);
      expect(config.recipeInputs ?? false).toBe(recipeInputs);
      const params = defineNet(config, 3);
      const steps = forwardNet(params, config, t, ops).steps!.arraySync();
      for (let k = 0; k < 3; k++) expect(steps[1][k]).toEqual(steps[0][k]);
      expect(steps[1][3]).not.toEqual(steps[0][3]);
    }
  });
});
