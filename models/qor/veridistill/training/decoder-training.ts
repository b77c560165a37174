// Training of the student's decoder, apart from decoder.ts so that prediction loads no training code.
import { tf, SeededRandom, type Parameters } from '../../../common/index.ts';
import { trainLoop, type TrainHistory } from '../../../common/training/index.ts';
import { decoderForward, decoderPrefix as prefix } from '../decoder.ts';

export interface DecoderTrainOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly seed: number;
  /** Weight of the distillation term (0 trains without the teacher). */
  readonly distillWeight: number;
  readonly patience: number;
  readonly quiet?: boolean;
}

export interface DecoderData {
  readonly features: number[][];
  /** Standardised [log area, log delay]. */
  readonly targets: number[][];
  /** The frozen teacher's graph embeddings (needed when distillWeight > 0). */
  readonly teacherEmbeddings?: number[][];
}

/**
 * Trains the decoder: MSE on the targets plus `distillWeight` x MSE between the decoder
 * embedding and the teacher's graph embedding. Early stopping on a seeded validation tenth.
 */
export async function trainDecoder(p: Parameters, data: DecoderData, o: DecoderTrainOptions): Promise<TrainHistory> {
  if (o.distillWeight > 0 && !data.teacherEmbeddings) throw new Error('distillation needs the teacher embeddings');
  const rng = new SeededRandom(o.seed);
  const order = rng.shuffle(data.features.map((_, i) => i));
  const nVal = Math.max(1, Math.round(order.length / 10));
  const val = order.slice(0, nVal);
  const train = order.slice(nVal);
  const tensorsOf = (idx: readonly number[]) => ({
    x: tf.tensor2d(idx.map((i) => data.features[i]), [idx.length, data.features[0].length]),
    y: tf.tensor2d(idx.map((i) => data.targets[i]), [idx.length, 2]),
    t: data.teacherEmbeddings ? tf.tensor2d(idx.map((i) => data.teacherEmbeddings![i])) : undefined,
  });
  const lossOf = (b: ReturnType<typeof tensorsOf>) => {
    const out = decoderForward(p, b.x);
    const task = tf.losses.meanSquaredError(b.y, out.prediction);
    return (o.distillWeight > 0 ? task.add(tf.losses.meanSquaredError(b.t!, out.embedding).mul(o.distillWeight)) : task) as tf.Scalar;
  };
  const valBatch = tensorsOf(val);
  const valTask = () => tf.tidy(() => tf.losses.meanSquaredError(valBatch.y, decoderForward(p, valBatch.x).prediction).dataSync()[0]);
  const batchCache = new Map<string, ReturnType<typeof tensorsOf>>();
  try {
    return await trainLoop({
      params: p,
      varList: p.list(prefix),
      optimizer: tf.train.adam(o.learningRate),
      epochs: o.epochs,
      batches: () => {
        for (const b of batchCache.values()) tf.dispose([b.x, b.y, ...(b.t ? [b.t] : [])]);
        batchCache.clear();
        const shuffled = rng.shuffle(train);
        const out: ReturnType<typeof tensorsOf>[] = [];
        for (let i = 0; i < shuffled.length; i += o.batchSize) {
          const b = tensorsOf(shuffled.slice(i, i + o.batchSize));
          batchCache.set(String(i), b);
          out.push(b);
        }
        return out;
      },
      loss: lossOf,
      validationLoss: valTask,
      patience: o.patience,
      label: o.distillWeight > 0 ? 'training decoder (with distillation)' : 'training decoder (no distillation)',
      quiet: o.quiet,
    });
  } finally {
    for (const b of [...batchCache.values(), valBatch]) tf.dispose([b.x, b.y, ...(b.t ? [b.t] : [])]);
  }
}
