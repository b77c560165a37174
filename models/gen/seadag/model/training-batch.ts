import * as tf from '@tensorflow/tfjs';
import { EDGE_COMPLEMENTED, EDGE_PLAIN, NODE_AND, canvasLevels, canvasSize, nodeRoles, type CanvasGraph } from '../canvas.ts';
import { padGraph } from '../canvas-prior.ts';
import type { TruthFunction } from '../data/truth-function.ts';
import { noisyGraph, nodeSteps, type Marginals } from '../diffusion/noising.ts';
import { globalSteps, type Schedule } from '../diffusion/schedule.ts';
import { packBatch, type NetworkInput, type PackedBatch } from './features.ts';
import type { DecoderInputs } from './soft-simulation.ts';

/** A training pair: ABC's graph of a function on its own (unpadded) canvas. */
export interface CanvasPair {
  readonly clean: CanvasGraph;
  readonly target: TruthFunction;
}

/** One noised training example: the network's input and the clean graph it should recover. */
export interface NoisedExample {
  readonly input: NetworkInput;
  readonly clean: CanvasGraph;
}

/** Where a training example's clean graph sits: by default its own canvas with a random padding. */
export type Placement = (pair: CanvasPair, rand: () => number) => CanvasGraph;

export const ownCanvas: Placement = (pair, rand) => padGraph(pair.clean, rand);

/** Places the pair's graph (its own padded canvas by default), draws a global step uniformly, and noises every level with its local step. */
export function noiseExample(pair: CanvasPair, schedule: Schedule, m: Marginals, rand: () => number, place: Placement = ownCanvas): NoisedExample {
  const clean = place(pair, rand);
  const S = globalSteps(schedule, canvasLevels(clean.canvas));
  const step = 1 + Math.floor(rand() * S);
  const tau = nodeSteps(clean, schedule, step);
  return { input: { graph: noisyGraph(clean, tau, schedule, m, rand), tau, steps: schedule.steps, target: pair.target }, clean };
}

/** The targets and masks of a training batch, beside the packed network input. */
export interface TrainingTensors {
  readonly packed: PackedBatch;
  /** [B, N] 1 where the clean slot is an AND. */
  readonly cleanAnd: tf.Tensor2D;
  /** [B, N, N] clean edge states as indicators. */
  readonly cleanPlain: tf.Tensor3D;
  readonly cleanComplemented: tf.Tensor3D;
  /** [B, N] slots whose type is still noisy (tau > 0). */
  readonly noisySlots: tf.Tensor2D;
  /** [B, N, N] edge slots of nodes that are still noisy. */
  readonly noisyEdgeSlots: tf.Tensor3D;
  /** [B, N, 1] 1 on rows that are still noisy (their edges come from the prediction in the soft graph). */
  readonly noisyRows: tf.Tensor3D;
  /** Number of noisy rows (slots and outputs), for normalising the edge loss. */
  readonly noisyRowCount: number;
  readonly decoder: DecoderInputs;
  /** [B, O, Ms] requested output values on the decoded minterms. */
  readonly conditionTarget: tf.Tensor3D;
}

/** Packs a batch and its targets; the property decoder sees `minterms` random minterms (all when there are fewer). */
export function trainingTensors(examples: readonly NoisedExample[], size: number, minterms: number, rand: () => number): TrainingTensors {
  const packed = packBatch(examples.map((e) => e.input), size);
  const B = examples.length;
  const N = size;
  const c0 = examples[0].clean.canvas;
  const M = 2 ** c0.inputs;
  const O = c0.outputs;
  const chosen = M <= minterms ? Array.from({ length: M }, (_, m) => m) : sampleMinterms(M, minterms, rand);
  const Ms = chosen.length;
  const cleanAnd = new Float32Array(B * N);
  const cleanPlain = new Float32Array(B * N * N);
  const cleanComplemented = new Float32Array(B * N * N);
  const noisySlots = new Float32Array(B * N);
  const noisyEdgeSlots = new Float32Array(B * N * N);
  const noisyRows = new Float32Array(B * N);
  const inputValues = new Float32Array(B * N * Ms);
  const inputMask = new Float32Array(B * N);
  const outputSelect = new Float32Array(B * O * N);
  const conditionTarget = new Float32Array(B * O * Ms);
  let depth = 0;
  let noisyRowCount = 0;
  examples.forEach((e, b) => {
    const c = e.clean.canvas;
    const n = canvasSize(c);
    depth = Math.max(depth, canvasLevels(c));
    const role = nodeRoles(c);
    for (let v = 0; v < n; v++) {
      if (role[v] === 1) cleanAnd[b * N + v] = e.clean.type[v] === NODE_AND ? 1 : 0;
      const noisy = role[v] !== 0 && e.input.tau[v] > 0;
      if (noisy) {
        noisyRows[b * N + v] = 1;
        noisyRowCount++;
        if (role[v] === 1) noisySlots[b * N + v] = 1;
      }
      for (let u = 0; u < v; u++) {
        const at = b * N * N + v * N + u;
        const s = e.clean.edge[v * n + u];
        if (s === EDGE_PLAIN) cleanPlain[at] = 1;
        else if (s === EDGE_COMPLEMENTED) cleanComplemented[at] = 1;
        if (noisy) noisyEdgeSlots[at] = packed.slotMask[at];
      }
    }
    for (let i = 0; i < c.inputs; i++) {
      inputMask[b * N + i] = 1;
      chosen.forEach((m, k) => (inputValues[(b * N + i) * Ms + k] = (m >>> i) & 1));
    }
    for (let o = 0; o < O; o++) {
      outputSelect[(b * O + o) * N + n - O + o] = 1;
      const f = e.input.target.tables[o];
      chosen.forEach((m, k) => (conditionTarget[(b * O + o) * Ms + k] = (f[m >>> 5] >>> (m & 31)) & 1));
    }
  });
  return {
    packed,
    cleanAnd: tf.tensor2d(cleanAnd, [B, N]),
    cleanPlain: tf.tensor3d(cleanPlain, [B, N, N]),
    cleanComplemented: tf.tensor3d(cleanComplemented, [B, N, N]),
    noisySlots: tf.tensor2d(noisySlots, [B, N]),
    noisyEdgeSlots: tf.tensor3d(noisyEdgeSlots, [B, N, N]),
    noisyRows: tf.tensor3d(noisyRows, [B, N, 1]),
    noisyRowCount,
    decoder: {
      inputValues: tf.tensor3d(inputValues, [B, N, Ms]),
      inputMask: tf.tensor3d(inputMask, [B, N, 1]),
      outputSelect: tf.tensor3d(outputSelect, [B, O, N]),
      depth,
    },
    conditionTarget: tf.tensor3d(conditionTarget, [B, O, Ms]),
  };
}

function sampleMinterms(M: number, k: number, rand: () => number): number[] {
  const all = Array.from({ length: M }, (_, m) => m);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (M - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, k).sort((a, b) => a - b);
}

export function disposeTraining(t: TrainingTensors): void {
  tf.dispose([t.cleanAnd, t.cleanPlain, t.cleanComplemented, t.noisySlots, t.noisyEdgeSlots, t.noisyRows, t.conditionTarget,
    t.decoder.inputValues, t.decoder.inputMask, t.decoder.outputSelect]);
}
