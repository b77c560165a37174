import { EDGE_COMPLEMENTED, EDGE_PLAIN, canvasSize, type CanvasGraph } from './canvas.ts';
import { transformFunction } from './data/npn.ts';
import type { CanvasPair } from './model/training-batch.ts';

/** An NPN transform: new input i reads old input perm[i], complemented when bit i of `negate` is set; output o complemented when outputNegate[o]. */
export interface NpnTransform {
  readonly perm: readonly number[];
  readonly negate: number;
  readonly outputNegate: readonly boolean[];
}

const flip = (e: number) => (e === EDGE_PLAIN ? EDGE_COMPLEMENTED : e === EDGE_COMPLEMENTED ? EDGE_PLAIN : e);

/**
 * The pair of the transformed function with the same circuit rewired: every edge from old input
 * perm[i] now comes from new input i (its polarity flipped when input i is negated), every output
 * edge of a negated output flipped. The AND count and the levels stay those of ABC's circuit, so the
 * new graph is an equally small implementation of the new function, found without ABC.
 */
export function transformPair(pair: CanvasPair, t: NpnTransform): CanvasPair {
  const c = pair.clean.canvas;
  const n = canvasSize(c);
  const edge = new Uint8Array(pair.clean.edge);
  for (let v = c.inputs; v < n; v++) {
    for (let i = 0; i < c.inputs; i++) {
      const e = pair.clean.edge[v * n + t.perm[i]];
      edge[v * n + i] = (t.negate >>> i) & 1 ? flip(e) : e;
    }
  }
  for (let o = 0; o < c.outputs; o++) {
    if (!t.outputNegate[o]) continue;
    const v = n - c.outputs + o;
    for (let u = 0; u < v; u++) edge[v * n + u] = flip(edge[v * n + u]);
  }
  const clean: CanvasGraph = { canvas: c, type: pair.clean.type, edge };
  return { clean, target: transformFunction(pair.target, t.perm, t.negate, t.outputNegate) };
}

/** A uniformly random NPN transform of `inputs` inputs and `outputs` outputs. */
export function randomTransform(inputs: number, outputs: number, rand: () => number): NpnTransform {
  const perm = Array.from({ length: inputs }, (_, i) => i);
  for (let i = inputs - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const negate = Math.floor(rand() * 2 ** inputs);
  const outputNegate = Array.from({ length: outputs }, () => rand() < 0.5);
  return { perm, negate, outputNegate };
}

/** With probability `share`, the pair under a random NPN transform; else the pair itself. */
export function npnVariant(pair: CanvasPair, share: number, rand: () => number): CanvasPair {
  if (share <= 0 || rand() >= share) return pair;
  return transformPair(pair, randomTransform(pair.clean.canvas.inputs, pair.clean.canvas.outputs, rand));
}
