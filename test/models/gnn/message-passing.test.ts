import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../models/common/index.ts';
import {
  SpaceGnn, defaultSettings, meanNormalized, propagate, symmetricNormalized, trainableVariables, trainingGemm, undirectedCsr, withSelfLoops,
} from '../../../models/gnn/index.ts';

beforeAll(async () => {
  await selectBackend(() => {});
});

// A 6-node graph: a triangle 0-1-2, a path 2-3-4, node 5 alone; the edge list repeats 0-1 and has a self-loop.
const tiny = undirectedCsr(6, [0, 1, 2, 2, 3, 1, 4], [1, 2, 0, 3, 4, 0, 4]);

/** Central finite difference of f at x along coordinate i (float64 arithmetic on a float32 model). */
function finiteDifference(f: (x: Float32Array) => number, x: Float32Array, i: number, h: number): number {
  const plus = Float32Array.from(x);
  const minus = Float32Array.from(x);
  plus[i] += h;
  minus[i] -= h;
  return (f(plus) - f(minus)) / (plus[i] - minus[i]);
}

describe('graph structure', () => {
  it('undirected CSR: both directions, no repeats, no self-loops; self-loops added once per node', () => {
    expect(Array.from(tiny.rowPtr)).toEqual([0, 2, 4, 7, 9, 10, 10]);
    expect(Array.from(tiny.col)).toEqual([1, 2, 0, 2, 0, 1, 3, 2, 4, 3]);
    const loops = withSelfLoops(tiny);
    expect(Array.from(loops.col.subarray(loops.rowPtr[2], loops.rowPtr[3]))).toEqual([0, 1, 2, 3]);
    expect(Array.from(loops.col.subarray(loops.rowPtr[5], loops.rowPtr[6]))).toEqual([5]);
  });
});

describe('sparse propagation on tfjs with its own gradient', () => {
  const x = Float32Array.from({ length: 12 }, (_, i) => Math.sin(i + 1));
  for (const [name, a] of [['D^-1/2 (A+I) D^-1/2', symmetricNormalized(withSelfLoops(tiny))], ['mean of neighbours', meanNormalized(tiny)]] as const) {
    it(`${name}: value as a dense product, gradient as finite differences`, () => {
      const dense = Array.from({ length: 6 }, () => new Array<number>(6).fill(0));
      for (let v = 0; v < 6; v++) for (let e = a.rowPtr[v]; e < a.rowPtr[v + 1]; e++) dense[v][a.col[e]] += a.weight[e];
      const got = propagate(tf.tensor2d(x, [6, 2]), a).arraySync();
      dense.forEach((row, v) => [0, 1].forEach((k) => expect(got[v][k]).toBeCloseTo(row.reduce((s, w, u) => s + w * x[u * 2 + k], 0), 5)));
      const probe = tf.tensor2d(Float32Array.from({ length: 12 }, (_, i) => Math.cos(3 * i)), [6, 2]);
      const loss = (v: Float32Array) => tf.tidy(() => propagate(tf.tensor2d(v, [6, 2]), a).mul(probe).sum().dataSync()[0]);
      const grad = tf.grad((t: tf.Tensor) => propagate(t as tf.Tensor2D, a).mul(probe).sum())(tf.tensor2d(x, [6, 2])).dataSync();
      for (let i = 0; i < 12; i++) expect(grad[i]).toBeCloseTo(finiteDifference(loss, x, i, 1e-2), 3);
    });
  }
});

describe("SpaceGNN's message passing: gradients against finite differences", () => {
  it('the loss gradient of weights, curvatures and edge messages on a tiny graph', () => {
    const features = Float32Array.from({ length: 6 * 3 }, (_, i) => Math.sin(0.7 * i) + 0.1 * i);
    const model = new SpaceGnn(tiny, features, 3, { ...defaultSettings.spacegnn, hidden: 4, layers: 2, dropout: 0, spaces: ['hyperbolic', 'spherical', 'euclidean'], distanceWeights: true, curvatureInit: 0.5 }, 3);
    const nodes = Int32Array.from([0, 2, 3, 5]);
    const labels = tf.oneHot(tf.tensor1d([1, 0, 0, 1], 'int32'), 2);
    // Batch norm in training mode would update its running statistics on every call; inference mode keeps the function fixed.
    const lossOf = () => model.logProbabilities(nodes, { training: false, gemm: trainingGemm }).reduce((s, lp) => s.add(lp.mul(labels).sum().neg()), tf.scalar(0)) as tf.Scalar;
    const vars = trainableVariables(model.params);
    const { grads } = tf.variableGrads(lossOf, vars);
    let checked = 0;
    for (const name of ['hyperbolic.rho', 'spherical.rho', 'hyperbolic.0.msg1_src.w', 'spherical.1.msg2.w', 'euclidean.0.in1.w', 'euclidean.1.combine.w', 'hyperbolic.head.w']) {
      const v = model.params.get(name);
      const original = v.dataSync().slice() as Float32Array;
      const g = grads[v.name].dataSync();
      for (const i of [0, Math.floor(original.length / 2), original.length - 1]) {
        const numeric = finiteDifference((w) => {
          v.assign(tf.tensor(w, v.shape));
          return tf.tidy(() => lossOf().dataSync()[0]);
        }, original, i, 2e-2);
        v.assign(tf.tensor(original, v.shape));
        expect(Math.abs(g[i] - numeric)).toBeLessThan(2e-3 + 2e-2 * Math.abs(numeric));
        checked++;
      }
    }
    expect(checked).toBe(21);
    model.dispose();
  });
});

