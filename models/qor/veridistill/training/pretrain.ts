import { tf, SeededRandom, gatherRows, type Parameters } from '../../../common/index.ts';
import { trainLoop, type TrainHistory } from '../../../common/training/index.ts';
import { encode, encoderPrefix, mlmLogits, type EncoderConfig } from '../encoder.ts';
import { CLS, MASK, PAD } from '../tokenizer.ts';

export interface PretrainOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  /** Stop after this many batches per epoch (bounds the cost on a big corpus). */
  readonly maxBatchesPerEpoch: number;
  readonly quiet?: boolean;
}

interface MaskedBatch { input: number[][]; positions: number[]; targets: number[] }

/**
 * BERT-style masking of 15% of the real tokens: 80% become [MASK], 10% a random word, 10% stay.
 * Returns the corrupted rows, the flat positions that were chosen and their original ids.
 */
export function maskBatch(rows: readonly number[][], vocabSize: number, rng: SeededRandom): MaskedBatch {
  const input = rows.map((r) => [...r]);
  const positions: number[] = [];
  const targets: number[] = [];
  const length = rows[0].length;
  input.forEach((row, b) => {
    row.forEach((id, i) => {
      if (id === PAD || id === CLS || rng.next() >= 0.15) return;
      positions.push(b * length + i);
      targets.push(id);
      const r = rng.next();
      if (r < 0.8) row[i] = MASK;
      else if (r < 0.9) row[i] = 4 + rng.int(vocabSize - 4);
    });
  });
  return { input, positions, targets };
}

/** Masked-token loss of one batch: cross-entropy at the masked positions only. */
export function mlmLoss(p: Parameters, c: EncoderConfig, batch: MaskedBatch): tf.Scalar {
  const ids = tf.tensor2d(batch.input, undefined, 'int32');
  const hidden = encode(p, c, ids).reshape([-1, c.dim]);
  const picked = gatherRows(hidden, tf.tensor1d(batch.positions, 'int32')) as tf.Tensor2D;
  const labels = tf.oneHot(tf.tensor1d(batch.targets, 'int32'), c.vocabSize);
  return tf.losses.softmaxCrossEntropy(labels, mlmLogits(p, picked)) as tf.Scalar;
}

/**
 * Pretrains the encoder with masked-token modelling on chunks of RTL (no labels needed), with a
 * seeded masking and order. Returns the loss history (masked tokens' cross-entropy per epoch).
 */
export function pretrainEncoder(p: Parameters, c: EncoderConfig, chunks: readonly number[][], o: PretrainOptions): Promise<TrainHistory> {
  const rng = new SeededRandom(o.seed);
  const usable = chunks.filter((r) => r.filter((id) => id !== PAD).length > 8);
  return trainLoop({
    params: p,
    varList: p.list(encoderPrefix),
    optimizer: tf.train.adam(o.learningRate),
    epochs: o.epochs,
    batches: () => {
      const order = rng.shuffle(usable);
      const out: MaskedBatch[] = [];
      for (let i = 0; i + o.batchSize <= order.length && out.length < o.maxBatchesPerEpoch; i += o.batchSize) {
        const b = maskBatch(order.slice(i, i + o.batchSize), c.vocabSize, rng);
        if (b.positions.length > 0) out.push(b);
      }
      return out;
    },
    loss: (b) => mlmLoss(p, c, b),
    label: 'pretraining encoder (masked tokens)',
    quiet: o.quiet,
  });
}
