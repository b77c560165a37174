// The five predictors compared: LSOformer and its two ablations, OpenABC-D's GNN and a LOSTIN-style
// GNN + LSTM. All read the same GCN node embeddings of the AIG and the same recipe (operation ids),
// and predict in the standardised log-ratio space of targets.ts: `steps` [R, T, 2] (nodes, levels
// after every operation; LSOformer family only) and `final` [R, 4] (nodes, levels, area, delay).
import * as tf from '@tensorflow/tfjs';
import { Parameters, gatherRows } from '../../common/index.ts';
import { attention, causalMask, dense, defineAttention, defineFeedForward, defineLayerNorm, feedForward, layerNorm } from './attention.ts';
import { defineGcn, gcnForward, type GcnConfig, type GcnGraph } from './gcn.ts';
import { levelPool, segmentMax } from './level-pooling.ts';
import { recipeFeatureCount, recipeFeatures } from './recipe-features.ts';

export const METHODS = ['lsoformer', 'lsoformer-no-trajectory-loss', 'lsoformer-no-cross-attention', 'openabcd-gnn', 'lostin'] as const;
export type Method = (typeof METHODS)[number];

/** Methods that predict the whole trajectory (the others predict the final QoR only). */
export const predictsTrajectory = (m: Method) => m.startsWith('lsoformer');

export interface NetConfig {
  readonly method: Method;
  readonly gcn: GcnConfig;
  /** Width of the decoder (and of the baselines' recipe encoders). */
  readonly dim: number;
  readonly heads: number;
  readonly layers: number;
  readonly ffDim: number;
  /** Longest level sequence (deeper AIGs are cut into this many bins of levels). */
  readonly maxBins: number;
  /** Longest recipe. */
  readonly maxSteps: number;
  /** Number of recipe operations (token ids 0 .. operations - 1). */
  readonly operations: number;
  /**
   * LSOformer family: a design-independent linear term on the recipe's operation counts so far
   * (recipe-features.ts, fitted by recipe-term.ts) is added to every output. Absent in older checkpoints.
   */
  readonly recipeTerm?: boolean;
  /**
   * LSOformer family: the recipe features of recipe-features.ts (operation counts so far, in the last
   * steps, the step's own operation) projected into every recipe token beside its embedding. Absent in older checkpoints.
   */
  readonly recipeInputs?: boolean;
}

/** One design as the networks read it. */
export interface DesignTensors {
  readonly graph: GcnGraph;
  readonly bin: Int32Array;
  readonly numBins: number;
  /** [1, DESIGN_SCALARS]: log sizes of the starting AIG. */
  readonly scalars: tf.Tensor2D;
}

export const DESIGN_SCALARS = 4;

export interface NetOutput {
  readonly steps?: tf.Tensor3D;
  readonly final: tf.Tensor2D;
}

export function defineNet(c: NetConfig, seed: number): Parameters {
  const p = new Parameters(seed);
  defineGcn(p, 'enc', c.gcn);
  p.add('op.emb', [c.operations, c.dim], { normal: 0.3 });
  p.add('design.w', [DESIGN_SCALARS, c.dim]);
  p.add('design.b', [c.dim], 'zeros');
  if (predictsTrajectory(c.method)) defineDecoder(p, c);
  else if (c.method === 'openabcd-gnn') defineOpenAbcd(p, c);
  else defineLostin(p, c);
  return p;
}

export function forwardNet(p: Parameters, c: NetConfig, d: DesignTensors, ops: tf.Tensor2D): NetOutput {
  const h = gcnForward(p, 'enc', c.gcn, d.graph);
  const design = dense(d.scalars, p.get('design.w')).add(p.get('design.b')).relu() as tf.Tensor2D; // [1, dim]
  if (predictsTrajectory(c.method)) return forwardDecoder(p, c, d, h, design, ops);
  const graph = graphReadout(h); // [1, 2g]
  return c.method === 'openabcd-gnn' ? forwardOpenAbcd(p, graph, design, ops) : forwardLostin(p, c, graph, design, ops);
}

/** Mean and max over all nodes: [1, 2g]. */
function graphReadout(h: tf.Tensor2D): tf.Tensor2D {
  return tf.concat([h.mean(0, true), segmentMax(h, new Int32Array(h.shape[0]), 1)], 1) as tf.Tensor2D;
}

// --- LSOformer: causal decoder over [design token, op_1 .. op_T], cross-attending to the levels ---

function defineDecoder(p: Parameters, c: NetConfig): void {
  p.add('pos.emb', [c.maxSteps + 1, c.dim], { normal: 0.1 });
  if (c.recipeInputs) p.add(RECIPE_INPUT_W, [recipeFeatureCount(c.operations), c.dim]);
  if (c.method === 'lsoformer-no-cross-attention') {
    p.add('graph.w', [2 * c.gcn.dim, c.dim]);
  } else {
    p.add('level.w', [2 * c.gcn.dim, c.dim]);
    p.add('level.pos', [c.maxBins, c.dim], { normal: 0.1 });
  }
  for (let l = 0; l < c.layers; l++) {
    defineLayerNorm(p, `dec${l}.ln1`, c.dim);
    defineAttention(p, `dec${l}.self`, c.dim);
    if (c.method !== 'lsoformer-no-cross-attention') {
      defineLayerNorm(p, `dec${l}.ln2`, c.dim);
      defineAttention(p, `dec${l}.cross`, c.dim);
    }
    defineLayerNorm(p, `dec${l}.ln3`, c.dim);
    defineFeedForward(p, `dec${l}.ff`, c.dim, c.ffDim);
  }
  if (c.recipeTerm) {
    // Channels: nodes and levels after each step; area and delay after the last step.
    p.add(RECIPE_TERM_W, [recipeFeatureCount(c.operations), 4], 'zeros');
    p.add(RECIPE_TERM_B, [c.maxSteps, 4], 'zeros'); // per step: the term's mean over the training runs is 0
  }
  defineLayerNorm(p, 'out.ln', c.dim);
  p.add('out.steps.w', [c.dim, 2]);
  p.add('out.steps.b', [2], 'zeros');
  p.add('out.final.w', [c.dim, 2]);
  p.add('out.final.b', [2], 'zeros');
}

function forwardDecoder(p: Parameters, c: NetConfig, d: DesignTensors, h: tf.Tensor2D, design: tf.Tensor2D, ops: tf.Tensor2D): NetOutput {
  const [r, t] = ops.shape;
  if (t > c.maxSteps) throw new Error(`recipes of ${t} steps; the model takes at most ${c.maxSteps}`);
  let tokens = gatherRows(p.get('op.emb'), ops.flatten() as tf.Tensor1D).reshape([r, t, c.dim]) as tf.Tensor3D;
  if (c.recipeInputs) tokens = tokens.add(dense(recipeFeatureTensor(c, ops), p.get(RECIPE_INPUT_W))) as tf.Tensor3D;
  let x = tf.concat([design.expandDims(0).tile([r, 1, 1]), tokens], 1).add(p.get('pos.emb').slice([0, 0], [t + 1, c.dim])) as tf.Tensor3D;
  let memory: tf.Tensor2D | undefined;
  if (c.method === 'lsoformer-no-cross-attention') {
    // The ablation: one mean-pooled graph vector added to every token instead of the level sequence.
    x = x.add(dense(graphReadout(h), p.get('graph.w'))) as tf.Tensor3D;
  } else {
    const levels = levelPool(h, d.bin, d.numBins);
    memory = dense(levels, p.get('level.w')).add(p.get('level.pos').slice([0, 0], [d.numBins, c.dim])) as tf.Tensor2D;
  }
  const mask = causalMask(t + 1);
  for (let l = 0; l < c.layers; l++) {
    const n1 = layerNorm(p, `dec${l}.ln1`, x) as tf.Tensor3D;
    x = x.add(attention(p, `dec${l}.self`, n1, n1, c.heads, mask));
    if (memory) x = x.add(attention(p, `dec${l}.cross`, layerNorm(p, `dec${l}.ln2`, x) as tf.Tensor3D, memory, c.heads));
    x = x.add(feedForward(p, `dec${l}.ff`, layerNorm(p, `dec${l}.ln3`, x)));
  }
  const y = layerNorm(p, 'out.ln', x).slice([0, 1, 0], [r, t, c.dim]); // positions 1..T: after each op
  // The design-independent linear term on the recipe's counts (a ridge regression on the recipe alone).
  const skip = c.recipeTerm ? recipeTerm(p, c, ops) : undefined;
  let steps = dense(y, p.get('out.steps.w')).add(p.get('out.steps.b')) as tf.Tensor3D;
  if (skip) steps = steps.add(skip.slice([0, 0, 0], [r, t, 2]));
  const last = y.slice([0, t - 1, 0], [r, 1, c.dim]).reshape([r, c.dim]);
  let mapped = dense(last, p.get('out.final.w')).add(p.get('out.final.b'));
  if (skip) mapped = mapped.add(skip.slice([0, t - 1, 2], [r, 1, 2]).reshape([r, 2]));
  const final = tf.concat([steps.slice([0, t - 1, 0], [r, 1, 2]).reshape([r, 2]), mapped], 1) as tf.Tensor2D;
  return { steps, final };
}

export const RECIPE_TERM_W = 'recipe.term.w';
export const RECIPE_TERM_B = 'recipe.term.b';
const RECIPE_INPUT_W = 'recipe.in.w';

/** [R, T, F]: the recipe features after every step. */
function recipeFeatureTensor(c: NetConfig, ops: tf.Tensor2D): tf.Tensor3D {
  const [r, t] = ops.shape;
  return tf.tensor3d(recipeFeatures(ops.dataSync() as Int32Array, r, t, c.operations), [r, t, recipeFeatureCount(c.operations)]);
}

/** [R, T, 4]: the linear recipe term after every step (its bias included). */
function recipeTerm(p: Parameters, c: NetConfig, ops: tf.Tensor2D): tf.Tensor3D {
  const t = ops.shape[1];
  return dense(recipeFeatureTensor(c, ops), p.get(RECIPE_TERM_W)).add(p.get(RECIPE_TERM_B).slice([0, 0], [t, 4])) as tf.Tensor3D;
}

// --- OpenABC-D's GNN: graph embedding + convolutional recipe encoding -> MLP, final QoR only ---

const KERNEL = 3;

function defineOpenAbcd(p: Parameters, c: NetConfig): void {
  p.add('conv1.w', [KERNEL * c.dim, c.dim]);
  p.add('conv1.b', [c.dim], 'zeros');
  p.add('conv2.w', [KERNEL * c.dim, c.dim]);
  p.add('conv2.b', [c.dim], 'zeros');
  defineHead(p, c, c.maxSteps * c.dim + 2 * c.gcn.dim + c.dim);
}

/** A width-3 'same' 1-D convolution over the steps as a dense layer on stacked neighbours. */
function conv1d(x: tf.Tensor3D, w: tf.Tensor, b: tf.Tensor): tf.Tensor3D {
  const [r, t, dim] = x.shape;
  const padded = tf.concat([tf.zeros([r, 1, dim]), x, tf.zeros([r, 1, dim])], 1);
  const stacked = tf.concat([0, 1, 2].map((k) => padded.slice([0, k, 0], [r, t, dim])), 2);
  return dense(stacked, w).add(b).relu() as tf.Tensor3D;
}

function forwardOpenAbcd(p: Parameters, graph: tf.Tensor2D, design: tf.Tensor2D, ops: tf.Tensor2D): NetOutput {
  const [r, t] = ops.shape;
  const dim = p.get('op.emb').shape[1]!;
  let x = gatherRows(p.get('op.emb'), ops.flatten() as tf.Tensor1D).reshape([r, t, dim]) as tf.Tensor3D;
  x = conv1d(conv1d(x, p.get('conv1.w'), p.get('conv1.b')), p.get('conv2.w'), p.get('conv2.b'));
  const recipe = x.reshape([r, t * dim]);
  return { final: head(p, tf.concat([recipe, graph.tile([r, 1]), design.tile([r, 1])], 1) as tf.Tensor2D) };
}

// --- LOSTIN-style: an LSTM over the recipe started from the graph embedding, final QoR only ---

function defineLostin(p: Parameters, c: NetConfig): void {
  p.add('lstm.h0', [2 * c.gcn.dim, c.dim]);
  p.add('lstm.w', [2 * c.dim, 4 * c.dim]);
  p.add('lstm.b', [4 * c.dim], 'zeros');
  defineHead(p, c, c.dim + 2 * c.gcn.dim + c.dim);
}

function forwardLostin(p: Parameters, c: NetConfig, graph: tf.Tensor2D, design: tf.Tensor2D, ops: tf.Tensor2D): NetOutput {
  const [r, t] = ops.shape;
  const x = gatherRows(p.get('op.emb'), ops.flatten() as tf.Tensor1D).reshape([r, t, c.dim]);
  let hState = graph.matMul(p.get('lstm.h0') as tf.Tensor2D).tanh().tile([r, 1]) as tf.Tensor2D;
  let cState = tf.zeros([r, c.dim]) as tf.Tensor2D;
  for (let k = 0; k < t; k++) {
    const xk = x.slice([0, k, 0], [r, 1, c.dim]).reshape([r, c.dim]);
    const gates = tf.concat([xk, hState], 1).matMul(p.get('lstm.w') as tf.Tensor2D).add(p.get('lstm.b'));
    const [i, f, g, o] = tf.split(gates, 4, 1);
    cState = f.add(1).sigmoid().mul(cState).add(i.sigmoid().mul(g.tanh())) as tf.Tensor2D; // forget bias 1
    hState = o.sigmoid().mul(cState.tanh()) as tf.Tensor2D;
  }
  return { final: head(p, tf.concat([hState, graph.tile([r, 1]), design.tile([r, 1])], 1) as tf.Tensor2D) };
}

/** The baselines' MLP: two hidden layers to the four final labels. */
function defineHead(p: Parameters, c: NetConfig, inputs: number): void {
  p.add('mlp.w1', [inputs, 2 * c.dim]);
  p.add('mlp.b1', [2 * c.dim], 'zeros');
  p.add('mlp.w2', [2 * c.dim, c.dim]);
  p.add('mlp.b2', [c.dim], 'zeros');
  p.add('mlp.w3', [c.dim, 4]);
  p.add('mlp.b3', [4], 'zeros');
}

function head(p: Parameters, x: tf.Tensor2D): tf.Tensor2D {
  const h1 = x.matMul(p.get('mlp.w1') as tf.Tensor2D).add(p.get('mlp.b1')).relu() as tf.Tensor2D;
  const h2 = h1.matMul(p.get('mlp.w2') as tf.Tensor2D).add(p.get('mlp.b2')).relu() as tf.Tensor2D;
  return h2.matMul(p.get('mlp.w3') as tf.Tensor2D).add(p.get('mlp.b3')) as tf.Tensor2D;
}
