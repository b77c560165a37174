import { createRng } from '../../hw/index.ts';
import type { Llama2cCheckpoint } from './llama2c-checkpoint.ts';

/** The linear layers of a Llama block, named as the workload library names its GEMMs. */
export type LlamaLinear = 'attn.qkv' | 'attn.out' | 'ffn.gate+up' | 'ffn.down';

/** The rows one linear layer received: tokens x inFeatures, row-major. */
export interface CapturedInputs {
  readonly layer: number;
  readonly linear: LlamaLinear;
  readonly inFeatures: number;
  readonly rows: Float32Array;
}

function rmsNorm(out: Float64Array, x: Float64Array, weight: Float32Array): void {
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += x[i] * x[i];
  const inv = 1 / Math.sqrt(ss / x.length + 1e-5);
  for (let i = 0; i < x.length; i++) out[i] = weight[i] * x[i] * inv;
}

/** out = W x for an nn.Linear weight (outFeatures x inFeatures). */
function linear(out: Float64Array, w: Float32Array, x: Float64Array, outFeatures: number): void {
  const n = x.length;
  for (let i = 0; i < outFeatures; i++) {
    let s = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) s += w[row + j] * x[j];
    out[i] = s;
  }
}

/** RoPE as llama2.c applies it: adjacent pairs, frequency from the position within the head. */
function rope(v: Float64Array, length: number, headSize: number, pos: number): void {
  for (let i = 0; i < length; i += 2) {
    const angle = pos * 10000 ** (-(i % headSize) / headSize);
    const [c, s] = [Math.cos(angle), Math.sin(angle)];
    const [a, b] = [v[i], v[i + 1]];
    v[i] = a * c - b * s;
    v[i + 1] = a * s + b * c;
  }
}

/**
 * Runs the model token by token (with a KV cache), sampling each next token at temperature 1 from
 * a seeded generator starting at BOS, and records the input rows of every linear layer: real
 * activations of the model on text it generates itself (the tokenizer is not available, so no
 * external text can be fed). Returns the sampled tokens too.
 */
export function captureLinearInputs(model: Llama2cCheckpoint, tokens: number, seed: number): { tokens: number[]; captures: CapturedInputs[] } {
  const { dim, hiddenDim, layers, heads, kvHeads, vocab, seqLen } = model.config;
  const steps = Math.min(tokens, seqLen);
  const headSize = dim / heads;
  const kvDim = headSize * kvHeads;
  const rng = createRng(seed);
  const captures: CapturedInputs[] = [];
  for (let l = 0; l < layers; l++) {
    for (const [linear, inFeatures] of [['attn.qkv', dim], ['attn.out', dim], ['ffn.gate+up', dim], ['ffn.down', hiddenDim]] as const) {
      captures.push({ layer: l, linear, inFeatures, rows: new Float32Array(steps * inFeatures) });
    }
  }
  const record = (l: number, which: number, pos: number, v: Float64Array) => captures[l * 4 + which].rows.set(v, pos * v.length);
  const keys = Array.from({ length: layers }, () => new Float64Array(steps * kvDim));
  const values = Array.from({ length: layers }, () => new Float64Array(steps * kvDim));
  const x = new Float64Array(dim), xb = new Float64Array(dim), xb2 = new Float64Array(dim);
  const q = new Float64Array(dim), k = new Float64Array(kvDim), v = new Float64Array(kvDim);
  const h1 = new Float64Array(hiddenDim), h3 = new Float64Array(hiddenDim);
  const att = new Float64Array(steps), logits = new Float64Array(vocab);
  let token = 1; // BOS
  const sampled: number[] = [];
  for (let pos = 0; pos < steps; pos++) {
    for (let i = 0; i < dim; i++) x[i] = model.tokenEmbedding[token * dim + i];
    for (let l = 0; l < layers; l++) {
      const w = model.layers[l];
      rmsNorm(xb, x, w.rmsAttention);
      record(l, 0, pos, xb);
      linear(q, w.wq, xb, dim);
      linear(k, w.wk, xb, kvDim);
      linear(v, w.wv, xb, kvDim);
      rope(q, dim, headSize, pos);
      rope(k, kvDim, headSize, pos);
      keys[l].set(k, pos * kvDim);
      values[l].set(v, pos * kvDim);
      for (let h = 0; h < heads; h++) {
        const kvOffset = Math.floor(h / (heads / kvHeads)) * headSize;
        let max = -Infinity;
        for (let t = 0; t <= pos; t++) {
          let s = 0;
          for (let i = 0; i < headSize; i++) s += q[h * headSize + i] * keys[l][t * kvDim + kvOffset + i];
          att[t] = s / Math.sqrt(headSize);
          max = Math.max(max, att[t]);
        }
        let sum = 0;
        for (let t = 0; t <= pos; t++) sum += (att[t] = Math.exp(att[t] - max));
        for (let i = 0; i < headSize; i++) {
          let s = 0;
          for (let t = 0; t <= pos; t++) s += att[t] * values[l][t * kvDim + kvOffset + i];
          xb[h * headSize + i] = s / sum;
        }
      }
      record(l, 1, pos, xb);
      linear(xb2, w.wo, xb, dim);
      for (let i = 0; i < dim; i++) x[i] += xb2[i];
      rmsNorm(xb, x, w.rmsFfn);
      record(l, 2, pos, xb);
      linear(h1, w.w1, xb, hiddenDim);
      linear(h3, w.w3, xb, hiddenDim);
      for (let i = 0; i < hiddenDim; i++) h1[i] = (h1[i] / (1 + Math.exp(-h1[i]))) * h3[i];
      record(l, 3, pos, h1);
      linear(xb2, w.w2, h1, dim);
      for (let i = 0; i < dim; i++) x[i] += xb2[i];
    }
    rmsNorm(xb, x, model.rmsFinal);
    linear(logits, model.classifier, xb, vocab);
    token = sampleSoftmax(logits, rng.next());
    sampled.push(token);
  }
  return { tokens: sampled, captures };
}

function sampleSoftmax(logits: Float64Array, u: number): number {
  let max = -Infinity;
  for (const l of logits) max = Math.max(max, l);
  let sum = 0;
  for (const l of logits) sum += Math.exp(l - max);
  let acc = 0;
  for (let i = 0; i < logits.length; i++) {
    acc += Math.exp(logits[i] - max) / sum;
    if (u < acc) return i;
  }
  return logits.length - 1;
}

/**
 * The weight matrix of a linear layer in GEMM layout (K = inFeatures rows x N = outFeatures
 * columns, row-major), i.e. the transpose of nn.Linear's; attn.qkv and ffn.gate+up concatenate
 * their projections along N, as the workload library does.
 */
export function gemmWeights(model: Llama2cCheckpoint, layer: number, linear: LlamaLinear): { k: number; n: number; w: Float32Array } {
  const { dim, hiddenDim, heads, kvHeads } = model.config;
  const kvDim = (dim / heads) * kvHeads;
  const l = model.layers[layer];
  const parts: [Float32Array, number][] =
    linear === 'attn.qkv' ? [[l.wq, dim], [l.wk, kvDim], [l.wv, kvDim]]
      : linear === 'attn.out' ? [[l.wo, dim]]
        : linear === 'ffn.gate+up' ? [[l.w1, hiddenDim], [l.w3, hiddenDim]]
          : [[l.w2, dim]];
  const k = linear === 'ffn.down' ? hiddenDim : dim;
  const n = parts.reduce((s, [, out]) => s + out, 0);
  const w = new Float32Array(k * n);
  let n0 = 0;
  for (const [m, out] of parts) {
    for (let o = 0; o < out; o++) for (let i = 0; i < k; i++) w[i * n + n0 + o] = m[o * k + i];
    n0 += out;
  }
  return { k, n, w };
}
