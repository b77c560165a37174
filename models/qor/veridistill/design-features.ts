import * as tf from '@tensorflow/tfjs';
import type { Parameters } from '../../common/index.ts';
import { chunkEmbeddings, type EncoderConfig } from './encoder.ts';
import { chunkTokens, verilogWords, type Vocabulary } from './tokenizer.ts';

/** The encoder's input for one design: token-id chunks and the design's full token count. */
export function designChunks(text: string, vocab: Vocabulary, length: number, maxChunks: number): { chunks: number[][]; totalTokens: number } {
  return chunkTokens(verilogWords(text).map((w) => vocab.id(w)), length, maxChunks);
}

/**
 * A design's feature vector for the decoder, from the frozen encoder: mean and max over its
 * chunk embeddings, then log(1 + tokens) and log(1 + chunks) (the size of the RTL).
 */
export function designFeatures(p: Parameters, c: EncoderConfig, d: { chunks: number[][]; totalTokens: number }, chunksPerCall = 32): number[] {
  const rows: number[][] = [];
  for (let i = 0; i < d.chunks.length; i += chunksPerCall) {
    const ids = tf.tensor2d(d.chunks.slice(i, i + chunksPerCall), undefined, 'int32');
    rows.push(...chunkEmbeddings(p, c, ids).arraySync());
    ids.dispose();
  }
  const dim = rows[0].length;
  const mean = Array.from({ length: dim }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
  const max = Array.from({ length: dim }, (_, j) => Math.max(...rows.map((r) => r[j])));
  return [...mean, ...max, Math.log1p(d.totalTokens), Math.log1p(d.chunks.length)];
}
