import { tf, type Parameters } from '../../common/index.ts';
import type { VerilogToken } from '../../../eda/verilog/index.ts';
import { chunkEmbeddings, type EncoderConfig } from './encoder.ts';
import { PAD, chunkTokens, verilogWords, type Vocabulary } from './tokenizer.ts';

/** The encoder's input for one design: token-id chunks and the design's full token count (`tokens`: the text's, if already lexed). */
export function designChunks(text: string, vocab: Vocabulary, length: number, maxChunks: number, tokens?: readonly VerilogToken[]): { chunks: number[][]; totalTokens: number } {
  return chunkTokens(verilogWords(text, undefined, tokens).map((w) => vocab.id(w)), length, maxChunks);
}

/**
 * The chunks cut after the last position that holds a token in any of them. Attention cost grows
 * with the square of the length, and a design shorter than one chunk is mostly [PAD]. Dropping
 * trailing [PAD] columns gives the same embeddings: a real position's state depends only on the
 * real positions (a [PAD] key gets weight exp(-1e9) = 0 in attention; layer norm and the feed-
 * forward work per position), [CLS] sits at position 0 and the mean skips [PAD]. Only the float32
 * summation order inside the kernels may differ.
 */
export function withoutPaddingColumns(chunks: readonly number[][]): number[][] {
  let used = 1;
  for (const row of chunks) for (let j = row.length - 1; j >= used; j--) if (row[j] !== PAD) { used = j + 1; break; }
  return used === chunks[0].length ? [...chunks] : chunks.map((row) => row.slice(0, used));
}

/**
 * A design's feature vector for the decoder, from the frozen encoder: mean and max over its
 * chunk embeddings, then log(1 + tokens) and log(1 + chunks) (the size of the RTL).
 * `perPairAttention: false` forces the batched attention (the reference the faster path is tested against).
 */
export function designFeatures(p: Parameters, c: EncoderConfig, d: { chunks: number[][]; totalTokens: number }, chunksPerCall = 32, perPairAttention = true): number[] {
  const rows: number[][] = [];
  for (let i = 0; i < d.chunks.length; i += chunksPerCall) {
    const ids = tf.tensor2d(withoutPaddingColumns(d.chunks.slice(i, i + chunksPerCall)), undefined, 'int32');
    const embeddings = chunkEmbeddings(p, c, ids, perPairAttention);
    rows.push(...embeddings.arraySync());
    tf.dispose([ids, embeddings]);
  }
  const dim = rows[0].length;
  const mean = Array.from({ length: dim }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
  const max = Array.from({ length: dim }, (_, j) => Math.max(...rows.map((r) => r[j])));
  return [...mean, ...max, Math.log1p(d.totalTokens), Math.log1p(d.chunks.length)];
}
