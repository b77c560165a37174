import * as tf from '@tensorflow/tfjs';
import type { NamedArray, Parameters } from '../../../common/index.ts';

/**
 * A small multilayer perceptron (ReLU hidden layers, linear output) with standardized inputs,
 * usable two ways: as tfjs ops for training, and as a plain typed-array forward pass for
 * inference, which on a few thousand rows at a time is much faster than dispatching tfjs ops.
 */
export interface MlpSpec {
  readonly name: string;
  readonly sizes: readonly number[];
}

/** Input standardization: (x - mean) / std per feature. */
export interface Standardizer {
  readonly mean: number[];
  readonly std: number[];
}

export function addMlp(params: Parameters, spec: MlpSpec): void {
  for (let l = 0; l + 1 < spec.sizes.length; l++) {
    params.add(`${spec.name}.w${l}`, [spec.sizes[l]!, spec.sizes[l + 1]!]);
    params.add(`${spec.name}.b${l}`, [spec.sizes[l + 1]!], 'zeros');
  }
}

/** tfjs forward pass on standardized inputs [rows, in] -> [rows, out]. */
export function mlpTensor(params: Parameters, spec: MlpSpec, input: tf.Tensor2D): tf.Tensor2D {
  let h: tf.Tensor2D = input;
  const layers = spec.sizes.length - 1;
  for (let l = 0; l < layers; l++) {
    h = tf.add(tf.matMul(h, params.get(`${spec.name}.w${l}`) as tf.Tensor2D), params.get(`${spec.name}.b${l}`)) as tf.Tensor2D;
    if (l + 1 < layers) h = tf.relu(h);
  }
  return h;
}

/** The weights of one MLP as plain arrays, for `mlpForward`; the input standardization is folded into the first layer. */
export interface MlpWeights {
  readonly sizes: readonly number[];
  readonly w: Float64Array[];
  readonly b: Float64Array[];
  readonly scratch: [Float64Array, Float64Array];
}

export function mlpWeights(weights: ReadonlyMap<string, NamedArray>, spec: MlpSpec, scale: Standardizer): MlpWeights {
  const w: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 0; l + 1 < spec.sizes.length; l++) {
    const wl = Float64Array.from(weights.get(`${spec.name}.w${l}`)!.data);
    const bl = Float64Array.from(weights.get(`${spec.name}.b${l}`)!.data);
    if (l === 0) {
      // (x - mean) / std . W + b = x . (W / std) + (b - sum_i mean_i / std_i W_i)
      const n = spec.sizes[0]!;
      const k = spec.sizes[1]!;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < k; j++) {
          bl[j]! -= (scale.mean[i]! / scale.std[i]!) * wl[i * k + j]!;
          wl[i * k + j]! /= scale.std[i]!;
        }
      }
    }
    w.push(wl);
    b.push(bl);
  }
  const widest = Math.max(...spec.sizes);
  return { sizes: spec.sizes, w, b, scratch: [new Float64Array(widest), new Float64Array(widest)] };
}

/** Forward pass on `rows` raw feature rows of `input` (row-major), writing `rows x out` values into `output`. */
export function mlpForward(m: MlpWeights, input: ArrayLike<number>, rows: number, output: Float64Array | Float32Array): void {
  const sizes = m.sizes;
  const layers = sizes.length - 1;
  const inN = sizes[0]!;
  const outN = sizes[layers]!;
  for (let r = 0; r < rows; r++) {
    let a = m.scratch[0];
    let b = m.scratch[1];
    for (let i = 0; i < inN; i++) a[i] = input[r * inN + i]!;
    for (let l = 0; l < layers; l++) {
      const n = sizes[l]!;
      const k = sizes[l + 1]!;
      const w = m.w[l]!;
      const bias = m.b[l]!;
      for (let j = 0; j < k; j++) b[j] = bias[j]!;
      for (let i = 0; i < n; i++) {
        const ai = a[i]!;
        if (ai === 0) continue;
        const row = i * k;
        for (let j = 0; j < k; j++) b[j]! += ai * w[row + j]!;
      }
      if (l + 1 < layers) for (let j = 0; j < k; j++) if (b[j]! < 0) b[j] = 0;
      const t = a;
      a = b;
      b = t;
    }
    for (let j = 0; j < outN; j++) output[r * outN + j] = a[j]!;
  }
}

/** Mean and standard deviation per column of row-major samples (std at least 1e-6). */
export function standardizer(samples: Float32Array, columns: number): Standardizer {
  const rows = samples.length / columns;
  const mean = new Array<number>(columns).fill(0);
  const sq = new Array<number>(columns).fill(0);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) mean[c]! += samples[r * columns + c]!;
  for (let c = 0; c < columns; c++) mean[c]! /= Math.max(1, rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) sq[c]! += (samples[r * columns + c]! - mean[c]!) ** 2;
  return { mean, std: sq.map((s) => Math.max(1e-6, Math.sqrt(s / Math.max(1, rows)))) };
}
