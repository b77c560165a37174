import * as tf from '@tensorflow/tfjs';
import type { Parameters } from '../../../common/index.ts';
import { edgeProbabilities, networkForward, type BatchTensors, type NetworkConfig, type NetworkOutput } from './network.ts';
import { conditionLoss, softOutputTables, type SoftGraph } from './soft-simulation.ts';
import type { TrainingTensors } from './training-batch.ts';

export interface LossParts {
  readonly total: tf.Scalar;
  readonly type: tf.Scalar;
  readonly edge: tf.Scalar;
  readonly condition: tf.Scalar;
}

/**
 * The soft clean graph: predicted edge probabilities on rows still being denoised, the (already
 * clean) noisy state elsewhere, edge slots only.
 */
export function softCleanGraph(out: NetworkOutput, t: BatchTensors, noisyRows: tf.Tensor3D): SoftGraph {
  const probs = edgeProbabilities(out);
  const keep = tf.scalar(1).sub(noisyRows);
  return {
    plain: probs.plain.mul(noisyRows).mul(t.slotMask).add(t.plain.mul(keep)) as tf.Tensor3D,
    complemented: probs.complemented.mul(noisyRows).mul(t.slotMask).add(t.complemented.mul(keep)) as tf.Tensor3D,
  };
}

/**
 * L = L_graph + lambda L_cond: cross-entropy of the clean types and edges where the input is still
 * noisy (edges summed per row, averaged over noisy rows), plus the property decoder's
 * cross-entropy between the truth table of the soft clean graph and the requested one.
 */
export function diffusionLoss(p: Parameters, c: NetworkConfig, t: BatchTensors, y: TrainingTensors, lambda: number): LossParts {
  const out = networkForward(p, c, t);
  const logType = tf.logSoftmax(out.typeLogits);
  const isAnd = y.cleanAnd.expandDims(2);
  const typeTerms = logType.slice([0, 0, 1], [-1, -1, 1]).mul(isAnd).add(logType.slice([0, 0, 0], [-1, -1, 1]).mul(tf.scalar(1).sub(isAnd)));
  const slots = y.noisySlots.sum().maximum(1);
  const type = tf.neg(typeTerms.squeeze([2]).mul(y.noisySlots).sum()).div(slots) as tf.Scalar;
  const pl = out.plainLogits;
  const cl = out.complementedLogits;
  const m = tf.maximum(tf.maximum(pl, cl), 0);
  const lse = m.add(tf.log(tf.exp(tf.neg(m)).add(tf.exp(pl.sub(m))).add(tf.exp(cl.sub(m)))));
  const edgeTerms = y.cleanPlain.mul(pl).add(y.cleanComplemented.mul(cl)).sub(lse).mul(y.noisyEdgeSlots);
  const edge = tf.neg(edgeTerms.sum()).div(Math.max(1, y.noisyRowCount)) as tf.Scalar;
  let condition = tf.scalar(0);
  if (lambda > 0) condition = conditionLoss(softOutputTables(softCleanGraph(out, t, y.noisyRows), y.decoder), y.conditionTarget);
  const total = type.add(edge).add(condition.mul(lambda)) as tf.Scalar;
  return { total, type, edge, condition };
}
