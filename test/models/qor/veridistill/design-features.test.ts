import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Parameters, SeededRandom, selectBackend } from '../../../../models/common/index.ts';
import { designFeatures, withoutPaddingColumns } from '../../../../models/qor/veridistill/design-features.ts';
import { chunkEmbeddings, defineEncoder } from '../../../../models/qor/veridistill/encoder.ts';
import { CLS, PAD, chunkTokens } from '../../../../models/qor/veridistill/tokenizer.ts';

let p: Parameters;

beforeAll(async () => {
  await selectBackend(() => {});
  p = new Parameters(7);
  defineEncoder(p, config);
});

const config = { vocabSize: 60, length: 48, dim: 16, heads: 4, layers: 2, ffDim: 32 };

function randomTokens(r: SeededRandom, n: number): number[] {
  return Array.from({ length: n }, () => 4 + r.int(config.vocabSize - 4));
}

/** The reference: the encoder over the full-length chunks, all in one call, with the batched (training) attention. */
function fullLengthEmbeddings(chunks: number[][]): number[][] {
  const ids = tf.tensor2d(chunks, undefined, 'int32');
  const rows = chunkEmbeddings(p, config, ids, false).arraySync();
  ids.dispose();
  return rows;
}

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  const worst = Math.max(...actual.map((v, i) => Math.abs(v - expected[i]) / Math.max(1, Math.abs(expected[i]))));
  expect(worst).toBeLessThan(1e-5);
}

describe('design features: padding trim and chunk batching keep the numbers', () => {
  it('cuts only trailing columns that are [PAD] in every chunk', () => {
    const chunks = [[CLS, 5, 6, PAD, PAD, PAD], [CLS, 7, PAD, PAD, PAD, PAD]];
    expect(withoutPaddingColumns(chunks)).toEqual([[CLS, 5, 6], [CLS, 7, PAD]]);
    expect(withoutPaddingColumns([[CLS, 5, 6, 7]])).toEqual([[CLS, 5, 6, 7]]);
    expect(withoutPaddingColumns([[CLS, PAD, PAD]])).toEqual([[CLS]]);
  });

  it('trimmed chunks give the full-length embeddings for designs shorter than a chunk', () => {
    const r = new SeededRandom(3);
    for (const n of [0, 1, 5, 20, 46, 47]) {
      const chunks = chunkTokens(randomTokens(r, n), config.length, 4).chunks;
      const trimmed = withoutPaddingColumns(chunks);
      expect(trimmed[0].length).toBe(Math.min(config.length, n + 1));
      const ids = tf.tensor2d(trimmed, undefined, 'int32');
      const got = chunkEmbeddings(p, config, ids).arraySync();
      ids.dispose();
      got.forEach((row, i) => expectClose(row, fullLengthEmbeddings(chunks)[i]));
    }
  });

  it('all chunks in one pass give the same features as one chunk per pass, and as a plain mean/max of the reference', () => {
    const r = new SeededRandom(5);
    for (const n of [30, 100, 140, 300]) {
      const d = chunkTokens(randomTokens(r, n), config.length, 4);
      const batched = designFeatures(p, config, d);
      const perChunk = designFeatures(p, config, d, 1);
      expectClose(batched, perChunk);
      const rows = fullLengthEmbeddings(d.chunks);
      const mean = rows[0].map((_, j) => rows.reduce((s, row) => s + row[j], 0) / rows.length);
      const max = rows[0].map((_, j) => Math.max(...rows.map((row) => row[j])));
      expectClose(batched, [...mean, ...max, Math.log1p(n), Math.log1p(d.chunks.length)]);
    }
  });

  it("per-(chunk, head) attention gives the batched attention's embeddings, with and without padding", () => {
    const r = new SeededRandom(11);
    for (const n of [3, 47, 48, 100, 190]) {
      const chunks = chunkTokens(randomTokens(r, n), config.length, 4).chunks;
      const ids = tf.tensor2d(chunks, undefined, 'int32');
      const perPair = chunkEmbeddings(p, config, ids, true).arraySync();
      const batched = chunkEmbeddings(p, config, ids, false).arraySync();
      ids.dispose();
      perPair.forEach((row, i) => expectClose(row, batched[i]));
    }
  });

  it('runs without leaking tensors', () => {
    const d = chunkTokens(randomTokens(new SeededRandom(9), 120), config.length, 4);
    designFeatures(p, config, d);
    const before = tf.memory().numTensors;
    designFeatures(p, config, d, 1);
    expect(tf.memory().numTensors).toBe(before);
    expect(d.chunks.some((row) => row.includes(PAD))).toBe(true);
  });
});
