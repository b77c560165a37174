/**
 * CMoE's calibration: the normalised input of every block's FFN on calibration text, each token's
 * hidden scores h = SiLU(x^ W_gate^^T) * (x^ W_up^^T) (x^ and the weight rows L2-normalised), the
 * top-K_a neurons by |h| marked per token, and each neuron's activation rate (how often it is marked).
 */
import { yieldToEventLoop } from '../../../../util/index.ts';
import { Block } from '../../engine/block.ts';
import type { FeedForward } from '../../engine/feed-forward.ts';
import type { LlamaModel } from '../../engine/model.ts';

/** Every block's FFN input (the RMS-normalised residual, tokens x dim) over the windows, per layer. */
export async function captureFfnInputs(model: LlamaModel, windows: readonly Uint16Array[]): Promise<Float32Array[]> {
  const blocks = model.blocks.map((b) => {
    if (!(b instanceof Block)) throw new Error('calibration needs the model\'s own blocks');
    return b;
  });
  const parts: Float32Array[][] = blocks.map(() => []);
  const saved = blocks.map((b) => b.ffn);
  blocks.forEach((b, i) => {
    const inner = saved[i];
    const recorder: FeedForward = { forward: (x, m, layer) => { parts[i].push(x.slice()); return inner.forward(x, m, layer); } };
    b.ffn = recorder;
  });
  try {
    for (const w of windows) {
      model.forward(Array.from(w), model.newCache(), { logits: 'none' });
      await yieldToEventLoop(); // Ctrl-C between windows
    }
  } finally {
    blocks.forEach((b, i) => { b.ffn = saved[i]; });
  }
  return parts.map(concat);
}

function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, a) => s + a.length, 0));
  let at = 0;
  for (const a of parts) { out.set(a, at); at += a.length; }
  return out;
}

/** Thrown by the recorder once the wanted layer's input is captured: the rest of the forward is not needed. */
class Captured extends Error {}

/**
 * The FFN input of one block (`layer`) over the windows, each forward stopped right after it: the
 * input of a layer whose earlier FFNs are carved, for fitting its balancing bias on what it will see.
 */
export async function captureFfnInput(model: LlamaModel, windows: readonly Uint16Array[], layer: number): Promise<Float32Array> {
  const block = model.blocks[layer];
  if (!(block instanceof Block)) throw new Error('calibration needs the model\'s own blocks');
  const saved = block.ffn, parts: Float32Array[] = [];
  block.ffn = { forward: (x) => { parts.push(x.slice()); throw new Captured(); } };
  try {
    for (const w of windows) {
      try { model.forward(Array.from(w), model.newCache(), { logits: 'none' }); } catch (e) { if (!(e instanceof Captured)) throw e; }
      await yieldToEventLoop();
    }
  } finally {
    block.ffn = saved;
  }
  return concat(parts);
}

/** Rows of an (rows x cols) matrix scaled to unit L2 norm (zero rows stay zero). */
export function normalizeRows(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < rows; i++) {
    let ss = 0;
    for (let j = 0; j < cols; j++) ss += a[i * cols + j] ** 2;
    const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let j = 0; j < cols; j++) out[i * cols + j] = a[i * cols + j] * inv;
  }
  return out;
}

export interface ActivationProfile {
  readonly tokens: number;
  readonly hidden: number;
  /** tokens x hidden, 1 where the neuron is among the token's top K_a by |h|. */
  readonly markers: Uint8Array;
  /** Per neuron, the share of tokens that mark it. */
  readonly rates: Float64Array;
}

/**
 * Markers and rates of one FFN from its inputs x (tokens x dim) and its gate and up weights
 * (hidden x dim, nn.Linear layout).
 */
export function activationProfile(x: Float32Array, tokens: number, w1: Float32Array, w3: Float32Array, dim: number, hidden: number, ka: number): ActivationProfile {
  if (!(Number.isInteger(ka) && ka >= 1 && ka <= hidden)) throw new Error(`K_a ${ka} must be in 1..${hidden}`);
  const xn = normalizeRows(x, tokens, dim), g = normalizeRows(w1, hidden, dim), u = normalizeRows(w3, hidden, dim);
  const markers = new Uint8Array(tokens * hidden);
  const counts = new Float64Array(hidden);
  const score = new Float64Array(hidden);
  const order = Array.from({ length: hidden }, (_, j) => j);
  for (let t = 0; t < tokens; t++) {
    for (let j = 0; j < hidden; j++) {
      let a = 0, b = 0;
      for (let d = 0; d < dim; d++) { a += xn[t * dim + d] * g[j * dim + d]; b += xn[t * dim + d] * u[j * dim + d]; }
      score[j] = Math.abs((a / (1 + Math.exp(-a))) * b);
    }
    order.sort((p, q) => score[q] - score[p] || p - q);
    for (let r = 0; r < ka; r++) { markers[t * hidden + order[r]] = 1; counts[order[r]]++; }
  }
  return { tokens, hidden, markers, rates: counts.map((c) => c / tokens) };
}
