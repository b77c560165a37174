/**
 * The products an FFN's neurons run as, on any GemmBackend: rows and columns gathered from the dense
 * weights, one expert's gate, up and down products, and the dense SwiGLU with gate and up as one
 * product (their rows stacked: a batch-1 kernel fuses two products that share their input, and pays
 * the array's fill and drain once). Stacking output columns changes no column's quantization groups
 * (they run along K), so the fused product's values are those of the separate ones.
 */
import type { GemmBackend, PreparedWeights } from '../../../common/gemm/index.ts';
import type { LlamaLayerWeights } from '../../checkpoint.ts';
import { Block } from '../../engine/block.ts';
import type { FeedForward } from '../../engine/feed-forward.ts';
import type { LlamaModel } from '../../engine/model.ts';
import { swiGlu } from '../../engine/math.ts';

export type FfnWeights = Pick<LlamaLayerWeights, 'w1' | 'w2' | 'w3'>;

/** Rows `ids` of an (rows x cols) matrix. */
export function pickRows(w: Float32Array, cols: number, ids: ArrayLike<number>): Float32Array {
  const out = new Float32Array(ids.length * cols);
  for (let i = 0; i < ids.length; i++) out.set(w.subarray(ids[i] * cols, (ids[i] + 1) * cols), i * cols);
  return out;
}

/** Columns `ids` of an (rows x cols) matrix, as rows x ids.length. */
export function pickColumns(w: Float32Array, rows: number, cols: number, ids: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows * ids.length);
  for (let r = 0; r < rows; r++) for (let i = 0; i < ids.length; i++) out[r * ids.length + i] = w[r * cols + ids[i]];
  return out;
}

/** Matrices stacked one after another (rows of nn.Linear layout). */
export function stack(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/**
 * SiLU(gate) * up for `m` rows of a product whose row stride is `stride`, the n gate outputs at
 * column `gateAt` and the n up outputs at `upAt`.
 */
export function swiGluColumns(z: Float32Array, m: number, stride: number, gateAt: number, upAt: number, n: number): Float32Array {
  const out = new Float32Array(m * n);
  for (let t = 0; t < m; t++) {
    for (let j = 0; j < n; j++) {
      const g = z[t * stride + gateAt + j];
      out[t * n + j] = (g / (1 + Math.exp(-g))) * z[t * stride + upAt + j];
    }
  }
  return out;
}

/** One group of neurons' gate, up and down products, prepared on the backend. */
export class Expert {
  readonly gate: PreparedWeights;
  readonly up: PreparedWeights;
  readonly down: PreparedWeights;

  constructor(readonly backend: GemmBackend, w: FfnWeights, dim: number, hidden: number, readonly neurons: Int32Array) {
    const n = neurons.length;
    this.gate = backend.prepare(pickRows(w.w1, dim, neurons), dim, n, 'nk');
    this.up = backend.prepare(pickRows(w.w3, dim, neurons), dim, n, 'nk');
    this.down = backend.prepare(pickColumns(w.w2, dim, hidden, neurons), n, dim, 'nk');
  }

  forward(x: Float32Array, m: number, layer: number): Float32Array {
    const g = this.backend.linear(x, m, this.gate, { kind: 'gate', layer });
    const u = this.backend.linear(x, m, this.up, { kind: 'up', layer });
    return this.backend.linear(swiGlu(g, u), m, this.down, { kind: 'down', layer });
  }
}

/** The dense SwiGLU FFN with gate and up as one product ('gate-up', 2 x hidden outputs), then down. */
export class GateUpFeedForward implements FeedForward {
  readonly gateUp: PreparedWeights;
  readonly down: PreparedWeights;

  constructor(readonly backend: GemmBackend, w: FfnWeights, readonly dim: number, readonly hidden: number) {
    this.gateUp = backend.prepare(stack([w.w1, w.w3]), dim, 2 * hidden, 'nk');
    this.down = backend.prepare(w.w2, hidden, dim, 'nk');
  }

  forward(x: Float32Array, m: number, layer: number): Float32Array {
    const z = this.backend.linear(x, m, this.gateUp, { kind: 'gate-up', layer });
    return this.backend.linear(swiGluColumns(z, m, 2 * this.hidden, 0, this.hidden, this.hidden), m, this.down, { kind: 'down', layer });
  }
}

/** Puts a GateUpFeedForward (of the model's own weights) in every block of `model`; returns the model. */
export function fuseGateUp(model: LlamaModel): LlamaModel {
  const { dim, hiddenDim } = model.config;
  model.blocks.forEach((b, i) => {
    if (!(b instanceof Block)) throw new Error('fusing gate and up needs the model\'s own blocks');
    b.ffn = new GateUpFeedForward(model.backend, model.weights.layers[i], dim, hiddenDim);
  });
  return model;
}
