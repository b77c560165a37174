import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchGraphs, disposeGraph, gatherRows, meanOfInNeighbours, meanPoolGraphs, segmentSum, selectBackend } from '../../../models/common/index.ts';

beforeAll(async () => {
  await selectBackend(() => {});
});

/** Plain-loop reference: out[s] = sum of rows with segment s. */
function referenceSegmentSum(rows: number[][], segment: number[], n: number): number[][] {
  const out = Array.from({ length: n }, () => rows[0].map(() => 0));
  rows.forEach((r, i) => r.forEach((v, j) => (out[segment[i]][j] += v)));
  return out;
}

describe('graph message passing on tfjs', () => {
  const x = [[1, 2], [3, 4], [5, 6], [7, 8]];
  const seg = [2, 0, 2, 1];

  it('segmentSum adds rows that share a segment, like a plain loop', () => {
    const got = segmentSum(tf.tensor2d(x), tf.tensor1d(seg, 'int32'), 3).arraySync();
    expect(got).toEqual(referenceSegmentSum(x, seg, 3));
  });

  it('gathers and segment sums have the gradients of their plain definitions', () => {
    const idx = tf.tensor1d([0, 0, 3, 1], 'int32');
    const weight = tf.tensor2d([[1, 10], [2, 20], [3, 30], [4, 40]]);
    // d/dx sum(gather(x, idx) * w): row r gets the sum of w's rows that gathered r.
    const g = tf.grad((a: tf.Tensor) => gatherRows(a, idx).mul(weight).sum())(tf.tensor2d(x)).arraySync();
    expect(g).toEqual([[3, 30], [4, 40], [0, 0], [3, 30]]);
    // d/dx sum(segmentSum(x) * w): row i gets w[segment[i]].
    const w3 = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    // The index tensor is made inside the differentiated function: it must survive until the backward pass.
    const g2 = tf.grad((a: tf.Tensor) => segmentSum(a, tf.tensor1d(seg, 'int32'), 3).mul(w3).sum())(tf.tensor2d(x)).arraySync();
    expect(g2).toEqual(seg.map((s) => [[1, 2], [3, 4], [5, 6]][s]));
  });

  it('mean of in-neighbours and graph pooling over a batch of two graphs', () => {
    // graph A: 0->2, 1->2 ; graph B (nodes 3, 4): 3->4
    const g = batchGraphs([{ numNodes: 3, src: [0, 1], dst: [2, 2] }, { numNodes: 2, src: [0], dst: [1] }]);
    const h = tf.tensor2d([[1, 0], [3, 2], [5, 5], [7, 1], [9, 9]]);
    expect(meanOfInNeighbours(h, g).arraySync()).toEqual([[0, 0], [0, 0], [2, 1], [0, 0], [7, 1]]);
    expect(meanPoolGraphs(h, g).arraySync()).toEqual([[3, 7 / 3], [8, 5]].map((r) => r.map((v) => Math.fround(v))));
    disposeGraph(g);
  });
});
