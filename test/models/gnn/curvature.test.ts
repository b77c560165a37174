import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../models/common/index.ts';
import { distanceWeights, expMap0, logMap0, projectToSpace, throughSpace } from '../../../models/gnn/index.ts';

let vectors: tf.Tensor2D;
beforeAll(async () => {
  await selectBackend(() => {});
  vectors = tf.tensor2d([[0.3, -0.2, 0.1], [1.5, 0.5, -2], [0, 0, 0], [-0.01, 0.02, 0.005]]);
});

const norms = (x: tf.Tensor2D) => Array.from(x.square().sum(1).sqrt().dataSync());

describe('exponential and logarithmic maps of the kappa-stereographic spaces', () => {
  it('are inverses in the hyperbolic (kappa < 0) and spherical (kappa > 0) spaces', () => {
    for (const [k, sign] of [[-0.1, -1], [-1.3, -1], [0.1, 1], [0.7, 1]] as const) {
      const kappa = tf.scalar(k);
      // Spherical: inside the chart (sqrt(kappa)|v| < pi/2), where exp_0 is one-to-one; the longest vector has norm 2.55.
      const v = sign > 0 ? vectors.mul(Math.min(1, 1.4 / (Math.sqrt(k) * 2.55))) as tf.Tensor2D : vectors;
      expect(Array.from(logMap0(expMap0(v, kappa, sign), kappa, sign).dataSync())).toEqual(Array.from(v.dataSync()).map((x) => expect.closeTo(x, 5)));
      const y = tf.tensor2d([[0.2, 0.1, -0.3]]).div(Math.sqrt(Math.abs(k))) as tf.Tensor2D; // a point inside the ball
      expect(Array.from(expMap0(logMap0(y, kappa, sign), kappa, sign).dataSync())).toEqual(Array.from(y.dataSync()).map((x) => expect.closeTo(x, 5)));
    }
  });

  it('match tanh / tan of the scaled norm, by hand', () => {
    const v = tf.tensor2d([[3, 4]]); // |v| = 5
    const hyperbolic = expMap0(v, tf.scalar(-0.04), -1).dataSync(); // sqrt|k| = 0.2
    expect(hyperbolic[0]).toBeCloseTo((3 / 5) * Math.tanh(1) / 0.2, 5);
    const spherical = expMap0(v, tf.scalar(0.04), 1).dataSync();
    expect(spherical[1]).toBeCloseTo((4 / 5) * Math.tan(1) / 0.2, 4);
  });

  it('reduce to the identity (Euclidean) at zero curvature and tend to it as kappa -> 0', () => {
    const zero = tf.scalar(0);
    expect(expMap0(vectors, zero, 0).arraySync()).toEqual(vectors.arraySync());
    expect(logMap0(vectors, zero, 0).arraySync()).toEqual(vectors.arraySync());
    for (const [k, sign] of [[-1e-6, -1], [1e-6, 1]] as const) {
      const mapped = expMap0(vectors, tf.scalar(k), sign).dataSync();
      Array.from(vectors.dataSync()).forEach((x, i) => expect(mapped[i]).toBeCloseTo(x, 5));
    }
  });

  it('projection keeps points inside radius 1/sqrt|kappa| and leaves inner points alone', () => {
    const kappa = tf.scalar(-0.25); // radius 2
    const far = tf.tensor2d([[30, 40], [0.3, 0.4]]);
    const p = projectToSpace(far, kappa, -1);
    const [n0, n1] = norms(p);
    expect(n0).toBeLessThan(2);
    expect(n0).toBeCloseTo(2, 4);
    expect(n1).toBeCloseTo(0.5, 6);
    // Through the space and back: direction kept, norm bounded by atanh(1 - 1e-5) / sqrt|kappa|.
    const back = throughSpace(far, kappa, -1);
    expect(norms(back)[0]).toBeLessThanOrEqual(Math.atanh(1 - 1e-5) / 0.5 + 1e-3);
    const d = back.dataSync();
    expect(d[0] / d[1]).toBeCloseTo(30 / 40, 5);
  });
});

describe('distance-aware edge weights', () => {
  it('Euclidean: 1 - sigmoid(|x_s - x_d|)', () => {
    const xs = tf.tensor2d([[0, 0], [1, 0], [3, 4]]);
    const xd = tf.tensor2d([[0, 0], [0, 0], [0, 0]]);
    const w = distanceWeights(xs, xd, tf.scalar(0), 0).dataSync();
    [0, 1, 5].forEach((d, i) => expect(w[i]).toBeCloseTo(1 - 1 / (1 + Math.exp(-d)), 6));
  });
  it('curved: 1 - sigmoid(2d - 2 kappa (d^3/3 + <x_s, x_d> d^2)), in (0, 1), smaller for far nodes', () => {
    const xs2 = tf.tensor2d([[0.5, 0], [1, 1]]);
    const xd2 = tf.tensor2d([[0.25, 0], [0, 1]]);
    for (const [k, sign] of [[-0.1, -1], [0.1, 1]] as const) {
      const w = distanceWeights(xs2, xd2, tf.scalar(k), sign).dataSync();
      const expected = [[0.25, 0.125], [1, 1]].map(([d, inner]) => 1 - 1 / (1 + Math.exp(-(2 * d - 2 * k * (d ** 3 / 3 + inner * d * d)))));
      expected.forEach((e, i) => expect(w[i]).toBeCloseTo(e, 6));
      expect(w[1]).toBeLessThan(w[0]);
    }
  });
});
