/**
 * The FFN of a block as a replaceable module: the dense SwiGLU here; a mixture of experts carved
 * from it (or any other module with the same face) can take its place in `block.ffn`.
 */
import type { GemmBackend, PreparedWeights } from '../../common/gemm/index.ts';
import type { LlamaLayerWeights } from '../checkpoint.ts';
import { blockLabels } from './labels.ts';
import { scratch, swiGlu } from './math.ts';

export interface FeedForward {
  /** y (M x dim) for the normalised input x (M x dim) of block `layer`. */
  forward(x: Float32Array, m: number, layer: number): Float32Array;
}

/** down(SiLU(x W1^T) * (x W3^T)): gate, up and down as three products on the backend. */
export class SwiGluFeedForward implements FeedForward {
  readonly gate: PreparedWeights;
  readonly up: PreparedWeights;
  readonly down: PreparedWeights;
  /** The gated hidden activations, reused from step to step (consumed by the down product). */
  private hidden?: Float32Array;

  constructor(readonly backend: GemmBackend, w: Pick<LlamaLayerWeights, 'w1' | 'w2' | 'w3'>, dim: number, hidden: number) {
    this.gate = backend.prepare(w.w1, dim, hidden, 'nk');
    this.up = backend.prepare(w.w3, dim, hidden, 'nk');
    this.down = backend.prepare(w.w2, hidden, dim, 'nk');
  }

  forward(x: Float32Array, m: number, layer: number): Float32Array {
    const labels = blockLabels(layer);
    const g = this.backend.linear(x, m, this.gate, labels.gate);
    const u = this.backend.linear(x, m, this.up, labels.up);
    this.hidden = scratch(this.hidden, g.length);
    return this.backend.linear(swiGlu(g, u, this.hidden), m, this.down, labels.down);
  }
}
