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

/**
 * The weights of one MLP as plain arrays, for `mlpForward`: per layer the k x n matrix (each
 * output's weights contiguous) and the bias; the input standardization is folded into the first layer.
 */
export interface MlpWeights {
  readonly sizes: readonly number[];
  readonly w: Float64Array[];
  readonly b: Float64Array[];
}

export function mlpWeights(weights: ReadonlyMap<string, NamedArray>, spec: MlpSpec, scale: Standardizer): MlpWeights {
  const w: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 0; l + 1 < spec.sizes.length; l++) {
    const n = spec.sizes[l]!;
    const k = spec.sizes[l + 1]!;
    const wl = weights.get(`${spec.name}.w${l}`)!.data;
    const bl = Float64Array.from(weights.get(`${spec.name}.b${l}`)!.data);
    const wt = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        // (x - mean) / std . W + b = x . (W / std) + (b - sum_i mean_i / std_i W_i)
        const v = l === 0 ? wl[i * k + j]! / scale.std[i]! : wl[i * k + j]!;
        if (l === 0) bl[j]! -= scale.mean[i]! * v;
        wt[j * n + i] = v;
      }
    }
    w.push(wt);
    b.push(bl);
  }
  return { sizes: spec.sizes, w, b };
}

// One row's hidden activations: small enough to stay in the first-level cache.
let hiddenA = new Float64Array(64);
let hiddenB = new Float64Array(64);

/**
 * Forward pass on a batch: `rows` raw feature rows of `input` (row-major) to `rows x out` values
 * in `output`. Row by row through every layer, four outputs accumulated at once so each input is
 * loaded once per four (the plain one-output-at-a-time loop is about twice as slow in V8).
 */
export function mlpForward(m: MlpWeights, input: Float64Array, rows: number, output: Float64Array): void {
  const sizes = m.sizes;
  const layers = sizes.length - 1;
  const widest = Math.max(...sizes.slice(1));
  if (hiddenA.length < widest) {
    hiddenA = new Float64Array(widest);
    hiddenB = new Float64Array(widest);
  }
  for (let r = 0; r < rows; r++) {
    let src = input;
    let at = r * sizes[0]!;
    for (let l = 0; l < layers; l++) {
      const last = l + 1 === layers;
      const dst = last ? output : l % 2 === 0 ? hiddenA : hiddenB;
      denseLayer(src, at, sizes[l]!, sizes[l + 1]!, m.w[l]!, m.b[l]!, dst, last ? r * sizes[layers]! : 0, !last);
      src = dst;
      at = 0;
    }
  }
}

/** dst[o + j] = (relu?)(bias[j] + sum_i src[x + i] w[j * n + i]) for j < k. */
function denseLayer(src: Float64Array, x: number, n: number, k: number, w: Float64Array, bias: Float64Array, dst: Float64Array, o: number, relu: boolean): void {
  let j = 0;
  for (; j + 4 <= k; j += 4) {
    let a0 = bias[j]!;
    let a1 = bias[j + 1]!;
    let a2 = bias[j + 2]!;
    let a3 = bias[j + 3]!;
    const w0 = j * n;
    const w1 = w0 + n;
    const w2 = w1 + n;
    const w3 = w2 + n;
    for (let i = 0; i < n; i++) {
      const v = src[x + i]!;
      a0 += v * w[w0 + i]!;
      a1 += v * w[w1 + i]!;
      a2 += v * w[w2 + i]!;
      a3 += v * w[w3 + i]!;
    }
    dst[o + j] = !relu || a0 > 0 ? a0 : 0;
    dst[o + j + 1] = !relu || a1 > 0 ? a1 : 0;
    dst[o + j + 2] = !relu || a2 > 0 ? a2 : 0;
    dst[o + j + 3] = !relu || a3 > 0 ? a3 : 0;
  }
  for (; j < k; j++) {
    let a = bias[j]!;
    const wj = j * n;
    for (let i = 0; i < n; i++) a += src[x + i]! * w[wj + i]!;
    dst[o + j] = !relu || a > 0 ? a : 0;
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
