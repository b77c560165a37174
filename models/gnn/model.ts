import type * as tf from '@tensorflow/tfjs';
import type { Parameters } from '../common/index.ts';
import type { ForwardContext, Gemm } from './layers.ts';

/** A candidate way to combine a model's heads into one anomaly score (weights sum to 1). */
export interface Mix {
  readonly name: string;
  readonly weights: readonly number[];
}

/**
 * A node classifier over one fixed graph. Every model has one or more heads (SpaceGNN: one per
 * space), each giving log-probabilities of normal/anomalous; the training loss sums the heads'
 * losses and the final score is a mix of the heads' probabilities chosen on validation nodes.
 */
export interface NodeScorer {
  readonly params: Parameters;
  readonly heads: readonly string[];
  /** Mixes to choose from on validation; the first is the default on ties. */
  readonly mixes: readonly Mix[];
  /** Cross-entropy weighting: 'balanced' weighs each class by the inverse of its share among the training labels. */
  readonly classWeighting: 'none' | 'balanced';
  /** Log-probabilities [nodes, 2] per head, in training or inference mode as `ctx` says. */
  logProbabilities(nodes: Int32Array, ctx: ForwardContext): tf.Tensor2D[];
  /** P(anomaly) per head for every node in `nodes` (inference mode; memory-bounded for the whole graph). */
  predict(nodes: Int32Array, gemm?: Gemm): Float32Array[];
  /** Learned quantities worth reporting (e.g. curvatures). */
  describe(): Record<string, number[]>;
  dispose(): void;
}

/** The anomaly score of a mix: the weighted sum of the heads' probabilities. */
export function mixScores(heads: readonly Float32Array[], mix: Mix): Float32Array {
  const out = new Float32Array(heads[0].length);
  heads.forEach((h, k) => {
    const w = mix.weights[k];
    if (w !== 0) for (let i = 0; i < out.length; i++) out[i] += w * h[i];
  });
  return out;
}

export const singleHead: readonly Mix[] = [{ name: 'score', weights: [1] }];
