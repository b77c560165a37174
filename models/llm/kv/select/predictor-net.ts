/**
 * AttentionPredictor's network, as the paper gives it: Conv2d(1->16, 3x3, pad 1) + ReLU, Conv2d(16->32,
 * 3x3, pad 1) + ReLU, the mean over the time axis, Conv1d(32->1, kernel 1): 4,833 parameters, one
 * model for every layer and head. Input: the last H steps of a head's attention, max-pooled over key
 * blocks (H x blocks); output: one score per block for the next step. Trained by MSE (tfjs).
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../../../../hw/index.ts';
import { Parameters, type NamedArray } from '../../../common/index.ts';
import { yieldToEventLoop } from '../../../../util/index.ts';

function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) { const j = rng.int(0, i); [items[i], items[j]] = [items[j], items[i]]; }
  return items;
}

/**
 * A 3x3 'same' convolution as nine shifted slices and one product (im2col): the same result as
 * tf.conv2d, with gradients the wasm backend has (it has no Conv2DBackpropFilter kernel).
 */
function conv3x3(x: tf.Tensor4D, w: tf.Tensor): tf.Tensor4D {
  const [b, h, wd, c] = x.shape;
  const out = w.shape[3]!;
  const padded = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]);
  const shifted: tf.Tensor4D[] = [];
  for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) shifted.push(tf.slice(padded, [0, dy, dx, 0], [b, h, wd, c]));
  const patches = tf.reshape(tf.concat(shifted, 3), [b * h * wd, 9 * c]);
  return tf.reshape(tf.matMul(patches, tf.reshape(w, [9 * c, out])), [b, h, wd, out]);
}

export class AttentionPredictorNet {
  readonly params: Parameters;

  constructor(readonly history: number, seed = 1) {
    this.params = new Parameters(seed);
    this.params.add('conv1', [3, 3, 1, 16]);
    this.params.add('bias1', [16], 'zeros');
    this.params.add('conv2', [3, 3, 16, 32]);
    this.params.add('bias2', [32], 'zeros');
    this.params.add('head', [1, 32, 1]);
    this.params.add('biasHead', [1], 'zeros');
  }

  parameterCount(): number {
    return this.params.count();
  }

  /** Scores [batch, blocks] of images [batch, H, blocks] (a tensor, for training). */
  forward(images: tf.Tensor3D): tf.Tensor2D {
    const p = this.params;
    const x = images.expandDims(3) as tf.Tensor4D;
    const h1 = tf.relu(tf.add(conv3x3(x, p.get('conv1')), p.get('bias1'))) as tf.Tensor4D;
    const h2 = tf.relu(tf.add(conv3x3(h1, p.get('conv2')), p.get('bias2')));
    const pooled = tf.mean(h2, 1) as tf.Tensor3D; // [batch, blocks, 32]
    const [b, nb] = pooled.shape;
    // The 1x1 Conv1d(32 -> 1): one product per block.
    const out = tf.add(tf.matMul(tf.reshape(pooled, [b * nb, 32]), tf.reshape(p.get('head'), [32, 1])), p.get('biasHead'));
    return tf.reshape(out, [b, nb]) as tf.Tensor2D;
  }

  /** Scores of `batch` images (batch x H x blocks, row-major), as plain numbers. */
  predict(images: Float32Array, batch: number, blocks: number): Float32Array {
    return tf.tidy(() => this.forward(tf.tensor3d(images, [batch, this.history, blocks])).dataSync() as Float32Array);
  }

  snapshot(): Map<string, NamedArray> {
    return this.params.snapshot();
  }

  restore(weights: ReadonlyMap<string, NamedArray>): void {
    this.params.restore(weights);
  }
}

export interface TrainSample {
  /** H x blocks, row-major. */
  readonly image: Float32Array;
  readonly target: Float32Array;
  readonly blocks: number;
}

/** MSE training with Adam; samples of one block count share a batch. Returns the loss of each epoch. */
export async function trainPredictor(net: AttentionPredictorNet, samples: readonly TrainSample[], o: { epochs: number; batch: number; rate: number; seed: number; onBatch?: () => void }): Promise<number[]> {
  const optimizer = tf.train.adam(o.rate);
  const byBlocks = new Map<number, TrainSample[]>();
  for (const s of samples) byBlocks.set(s.blocks, [...(byBlocks.get(s.blocks) ?? []), s]);
  const rng = createRng(o.seed);
  const losses: number[] = [];
  for (let e = 0; e < o.epochs; e++) {
    let total = 0, count = 0;
    const batches: TrainSample[][] = [];
    for (const group of byBlocks.values()) {
      const order = shuffle([...group], rng);
      for (let i = 0; i < order.length; i += o.batch) batches.push(order.slice(i, i + o.batch));
    }
    shuffle(batches, rng);
    for (const b of batches) {
      const nb = b[0].blocks, H = net.history;
      const images = new Float32Array(b.length * H * nb), targets = new Float32Array(b.length * nb);
      b.forEach((s, i) => { images.set(s.image, i * H * nb); targets.set(s.target, i * nb); });
      const loss = tf.tidy(() => {
        const x = tf.tensor3d(images, [b.length, H, nb]), y = tf.tensor2d(targets, [b.length, nb]);
        return optimizer.minimize(() => tf.losses.meanSquaredError(y, net.forward(x)) as tf.Scalar, true, net.params.list())!.dataSync()[0];
      });
      total += loss * b.length;
      count += b.length;
      o.onBatch?.();
      await yieldToEventLoop(); // Ctrl-C between batches
    }
    losses.push(total / count);
  }
  optimizer.dispose();
  return losses;
}
