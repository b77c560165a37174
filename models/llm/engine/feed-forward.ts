/**
 * The FFN of a block as a replaceable module: the dense SwiGLU here; a mixture of experts carved
 * from it (or any other module with the same face) can take its place in `block.ffn`.
 */
import type { GemmBackend, PreparedWeights } from '../../common/index.ts';
import type { LlamaLayerWeights } from '../checkpoint.ts';
import { swiGlu } from './math.ts';

export interface FeedForward {
  /** y (M x dim) for the normalised input x (M x dim) of block `layer`. */
  forward(x: Float32Array, m: number, layer: number): Float32Array;
}

/** down(SiLU(x W1^T) * (x W3^T)): gate, up and down as three products on the backend. */
export class SwiGluFeedForward implements FeedForward {
  readonly gate: PreparedWeights;
  readonly up: PreparedWeights;
  readonly down: PreparedWeights;

  constructor(readonly backend: GemmBackend, w: Pick<LlamaLayerWeights, 'w1' | 'w2' | 'w3'>, dim: number, hidden: number) {
    this.gate = backend.prepare(w.w1, dim, hidden, 'nk');
    this.up = backend.prepare(w.w3, dim, hidden, 'nk');
    this.down = backend.prepare(w.w2, hidden, dim, 'nk');
  }

  forward(x: Float32Array, m: number, layer: number): Float32Array {
    const g = this.backend.linear(x, m, this.gate, { kind: 'gate', layer });
    const u = this.backend.linear(x, m, this.up, { kind: 'up', layer });
    return this.backend.linear(swiGlu(g, u), m, this.down, { kind: 'down', layer });
  }
}
