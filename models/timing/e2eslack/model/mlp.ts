import * as tf from '@tensorflow/tfjs';
import type { NamedArray, Parameters } from '../../../common/index.ts';
import { SimdMlp } from './mlp-simd.ts';

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

/** A forward pass specialised to one network's weights: `rows` feature rows of `input` to `rows x out` values. */
type MlpKernel = (input: Float64Array, rows: number, output: Float64Array) => void;

/**
 * One network's inference: row buffers and a forward pass. `input(rows)` is a buffer to write
 * `rows` feature rows into (row-major; valid until the next `input` call); `forward(input, rows)`
 * returns the `rows x out` outputs (valid until the next `forward`). The WebAssembly SIMD kernel
 * (mlp-simd.ts) where the runtime has it, else the compiled JavaScript one; the two give the
 * same outputs bit for bit.
 */
export interface MlpRunner {
  input(rows: number): Float64Array;
  forward(input: Float64Array, rows: number): Float64Array;
}

const runners = new WeakMap<MlpWeights, MlpRunner>();

export function mlpRunner(m: MlpWeights): MlpRunner {
  let r = runners.get(m);
  if (!r) {
    r = SimdMlp.of(m) ?? compiledMlp(m);
    runners.set(m, r);
  }
  return r;
}

/** Forward pass on a batch: `rows` raw feature rows of `input` (row-major) to `rows x out` values in `output`. */
export function mlpForward(m: MlpWeights, input: Float64Array, rows: number, output: Float64Array): void {
  output.set(mlpRunner(m).forward(input, rows).subarray(0, rows * m.sizes[m.sizes.length - 1]!));
}

/**
 * The network compiled into straight-line JavaScript with the weights as constants (as the
 * simulator's row kernels are): per row, every layer's sums are unrolled, so the JIT keeps the
 * activations in registers and loads no weight from memory. In single precision, as the networks
 * were trained (tfjs float32) and as the WebAssembly SIMD kernel runs them: inputs and weights
 * rounded to float32, every product and sum rounded to float32 (Math.fround; a product of two
 * float32 values is exact in double, and a double sum of two float32 values rounds to the
 * correctly rounded float32 sum), each sum from its bias, inputs in order, so the outputs are the
 * SIMD kernel's bit for bit.
 */
export function compiledMlp(m: MlpWeights): MlpRunner {
  const kernel = compileMlp(m);
  const nIn = m.sizes[0]!;
  const nOut = m.sizes[m.sizes.length - 1]!;
  let x = new Float64Array(0);
  let y = new Float64Array(0);
  return {
    input(rows) {
      if (x.length < rows * nIn) x = new Float64Array(Math.max(rows * nIn, x.length * 2));
      return x;
    },
    forward(input, rows) {
      if (y.length < rows * nOut) y = new Float64Array(Math.max(rows * nOut, y.length * 2));
      kernel(input, rows, y);
      return y;
    },
  };
}

/** A weight rounded to float32 as a JavaScript literal that reads back to the same value (negative zero kept). */
function literal(v: number): string {
  const f = Math.fround(v);
  return Object.is(f, -0) ? '-0' : `(${String(f)})`;
}

function compileMlp(m: MlpWeights): MlpKernel {
  const { sizes } = m;
  const layers = sizes.length - 1;
  const nIn = sizes[0]!;
  const nOut = sizes[layers]!;
  const body: string[] = [`const o = r * ${nIn};`];
  let prev = Array.from({ length: nIn }, (_, i) => `x${i}`);
  for (let i = 0; i < nIn; i++) body.push(`const x${i} = f(input[o + ${i}]);`);
  for (let l = 0; l < layers; l++) {
    const n = sizes[l]!;
    const w = m.w[l]!;
    const b = m.b[l]!;
    const last = l + 1 === layers;
    const next: string[] = [];
    for (let j = 0; j < sizes[l + 1]!; j++) {
      const s = `s${l}_${j}`;
      body.push(`let ${s} = ${literal(b[j]!)};`, ...prev.map((v, i) => `${s} = f(${s} + f(${v} * ${literal(w[j * n + i]!)}));`));
      if (last) body.push(`output[r * ${nOut} + ${j}] = ${s};`);
      else {
        // ReLU as the SIMD kernel's pmax: NaN and negatives give 0.
        body.push(`if (!(${s} > 0)) ${s} = 0;`);
        next.push(s);
      }
    }
    prev = next;
  }
  const src = `const f = Math.fround;\nfor (let r = 0; r < rows; r++) {\n${body.join('\n')}\n}`;
  return new Function('input', 'rows', 'output', src) as MlpKernel;
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
