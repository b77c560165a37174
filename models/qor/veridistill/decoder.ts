import { tf, type Parameters } from '../../common/index.ts';

/**
 * The student's regression decoder: design features from the frozen encoder -> hidden layer ->
 * decoder embedding (the vector distillation aligns with the teacher's graph embedding) ->
 * standardised log area and log delay.
 */
export interface DecoderConfig {
  readonly inputDim: number;
  readonly hiddenDim: number;
  readonly embeddingDim: number;
}

const prefix = 'dec/';
export const decoderPrefix = prefix;

export function defineDecoder(p: Parameters, c: DecoderConfig): void {
  p.add(`${prefix}w1`, [c.inputDim, c.hiddenDim]);
  p.add(`${prefix}b1`, [c.hiddenDim], 'zeros');
  p.add(`${prefix}w2`, [c.hiddenDim, c.embeddingDim]);
  p.add(`${prefix}b2`, [c.embeddingDim], 'zeros');
  p.add(`${prefix}head`, [c.embeddingDim, 2]);
  p.add(`${prefix}headb`, [2], 'zeros');
}

export function decoderForward(p: Parameters, x: tf.Tensor2D): { embedding: tf.Tensor2D; prediction: tf.Tensor2D } {
  const hidden = x.matMul(p.get(`${prefix}w1`)).add(p.get(`${prefix}b1`)).relu();
  const embedding = hidden.matMul(p.get(`${prefix}w2`)).add(p.get(`${prefix}b2`)).tanh() as tf.Tensor2D;
  const prediction = embedding.matMul(p.get(`${prefix}head`)).add(p.get(`${prefix}headb`)) as tf.Tensor2D;
  return { embedding, prediction };
}

export function decoderPredict(p: Parameters, features: readonly number[][]): number[][] {
  return tf.tidy(() => decoderForward(p, tf.tensor2d(features as number[][], [features.length, features[0].length])).prediction.arraySync());
}
