import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Aig, checkEquivalence, truthTables, type Literal } from '../../../../eda/aig/index.ts';
import { selectBackend } from '../../../../models/common/index.ts';
import { EDGE_COMPLEMENTED, EDGE_PLAIN, aigToCanvas, canvasLevels, canvasSize, canvasToAig, graphProblem, padCanvas, type CanvasGraph } from '../../../../models/gen/seadag/canvas.ts';
import { nodeTables } from '../../../../models/gen/seadag/model/features.ts';
import { softOutputTables } from '../../../../models/gen/seadag/model/soft-simulation.ts';

beforeAll(async () => {
  await selectBackend(() => {});
});

function randomAig(n: number, gates: number, outputs: number, seed: number): Aig {
  let s = seed;
  const rnd = (k: number) => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) % k;
  const aig = new Aig('r');
  const lits: Literal[] = [];
  for (let i = 0; i < n; i++) lits.push(aig.addInput());
  for (let g = 0; g < gates; g++) {
    const a = lits[rnd(lits.length)] ^ rnd(2);
    const b = lits[rnd(lits.length)] ^ rnd(2);
    if (a >> 1 !== b >> 1) lits.push(aig.and(a, b));
  }
  for (let o = 0; o < outputs; o++) aig.addOutput(lits[lits.length - 1 - o] ^ rnd(2));
  return aig;
}

/** The property decoder on a hard graph, thresholded at 0.5. */
function decodeHard(g: CanvasGraph): number[][] {
  const n = canvasSize(g.canvas);
  const M = 2 ** g.canvas.inputs;
  const plain = new Float32Array(n * n);
  const comp = new Float32Array(n * n);
  for (let i = 0; i < n * n; i++) {
    if (g.edge[i] === EDGE_PLAIN) plain[i] = 1;
    if (g.edge[i] === EDGE_COMPLEMENTED) comp[i] = 1;
  }
  const inputValues = new Float32Array(n * M);
  const inputMask = new Float32Array(n);
  for (let i = 0; i < g.canvas.inputs; i++) {
    inputMask[i] = 1;
    for (let m = 0; m < M; m++) inputValues[i * M + m] = (m >>> i) & 1;
  }
  const O = g.canvas.outputs;
  const select = new Float32Array(O * n);
  for (let o = 0; o < O; o++) select[o * n + n - O + o] = 1;
  return tf.tidy(() => {
    const out = softOutputTables(
      { plain: tf.tensor3d(plain, [1, n, n]), complemented: tf.tensor3d(comp, [1, n, n]) },
      { inputValues: tf.tensor3d(inputValues, [1, n, M]), inputMask: tf.tensor3d(inputMask, [1, n, 1]), outputSelect: tf.tensor3d(select, [1, O, n]), depth: canvasLevels(g.canvas) },
    );
    const v = out.dataSync();
    return Array.from({ length: O }, (_, o) => Array.from({ length: M }, (_, m) => (v[o * M + m] > 0.5 ? 1 : 0)));
  });
}

const bits = (t: Uint32Array, M: number) => Array.from({ length: M }, (_, m) => (t[m >>> 5] >>> (m & 31)) & 1);

describe('canvas graphs', () => {
  it.each([[4, 10, 1, 1], [6, 25, 1, 2], [8, 40, 2, 3], [5, 30, 2, 4]])('a random %i-input AIG (%i gates, %i outputs, seed %i) survives AIG -> canvas -> AIG, also when padded', (n, gates, outputs, seed) => {
    const aig = randomAig(n, gates, outputs, seed);
    const g = aigToCanvas(aig);
    expect(graphProblem(g)).toBeUndefined();
    expect(checkEquivalence(aig, canvasToAig(g)).equivalent).toBe(true);
    const padded = padCanvas(g, g.canvas.widths.map((_, l) => l % 3), [{ before: 1, width: 2 }, { before: g.canvas.widths.length, width: 1 }]);
    expect(padded.canvas.widths.length).toBe(g.canvas.widths.length + 2);
    expect(graphProblem(padded)).toBeUndefined();
    expect(checkEquivalence(aig, canvasToAig(padded)).equivalent).toBe(true);
  });

  it('flags malformed graphs: three fanins, an edge down a level, a read of an empty slot', () => {
    const g = aigToCanvas(randomAig(4, 8, 1, 7));
    const n = canvasSize(g.canvas);
    const v = g.canvas.inputs;
    const bad = { ...g, edge: g.edge.slice() };
    bad.edge[v * n + 3] = bad.edge[v * n + 3] || EDGE_PLAIN;
    bad.edge[v * n + 2] = bad.edge[v * n + 2] || EDGE_PLAIN;
    bad.edge[v * n + 1] = bad.edge[v * n + 1] || EDGE_PLAIN;
    expect(graphProblem(bad)).toMatch(/has [34] fanins/);
    const padded = padCanvas(g, [1]);
    const empty = padded.canvas.inputs + padded.canvas.widths[0] - 1;
    const m = canvasSize(padded.canvas);
    const reads = { ...padded, edge: padded.edge.slice() };
    reads.edge[(m - 1) * m + empty] = EDGE_PLAIN;
    expect(graphProblem(reads)).toMatch(/empty slot|fanins/);
  });
});

describe('property decoder', () => {
  it.each([[4, 12, 1, 11], [6, 30, 1, 12], [8, 45, 2, 13]])('on a one-hot %i-input graph gives exactly the simulated truth table (%i gates, %i outputs)', (n, gates, outputs, seed) => {
    const aig = randomAig(n, gates, outputs, seed);
    const g = padCanvas(aigToCanvas(aig), [1, 0, 2], [{ before: 1, width: 1 }]);
    const { tables } = truthTables(aig);
    const M = 2 ** n;
    expect(decodeHard(g)).toEqual(tables.map((t) => bits(t, M)));
    // The network's features compute the same tables in plain arrays.
    const ours = nodeTables(g);
    const N = canvasSize(g.canvas);
    tables.forEach((t, o) => expect(bits(ours[N - outputs + o], M)).toEqual(bits(t, M)));
  });

  it('is differentiable in the edge probabilities and moves a soft output towards the wanted bit', () => {
    // One AND slot reading x0 (plain) and x1 with probability p; the output reads the slot.
    const n = 4;
    const M = 4;
    const values = tf.tensor3d([0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0], [1, n, M]);
    const mask = tf.tensor3d([1, 1, 0, 0], [1, n, 1]);
    const select = tf.tensor3d([0, 0, 0, 1], [1, 1, n]);
    const grad = tf.grad((p: tf.Tensor) => {
      const plain = tf.stack([tf.zeros([4]), tf.zeros([4]), tf.stack([tf.scalar(1), p.reshape([]), tf.scalar(0), tf.scalar(0)]), tf.tensor1d([0, 0, 1, 0])]).reshape([1, n, n]) as tf.Tensor3D;
      const out = softOutputTables({ plain, complemented: tf.zeros([1, n, n]) }, { inputValues: values, inputMask: mask, outputSelect: select, depth: 2 });
      // Want AND(x0, x1) = 0001: the minterm x0=1, x1=0 (index 1) must fall to 0, which the edge to x1 does.
      return out.slice([0, 0, 1], [1, 1, 1]).sum();
    })(tf.scalar(0.5));
    expect(grad.dataSync()[0]).toBeLessThan(0);
  });
});
