/** One transformer block: RMSNorm, attention, residual; RMSNorm, feed-forward, residual. */
import type { GemmBackend } from '../../common/gemm/index.ts';
import type { LlamaConfig } from '../config.ts';
import type { LlamaLayerWeights } from '../checkpoint.ts';
import { Attention, type AttentionObserver } from './attention.ts';
import { SwiGluFeedForward, type FeedForward } from './feed-forward.ts';
import type { LayerKvCache } from './kv-cache.ts';
import { addInPlace, rmsNorm, scratch } from './math.ts';

export class Block {
  readonly attention: Attention;
  /** Replaceable: any FeedForward (a mixture of experts, a fused module). */
  ffn: FeedForward;

  /** `layer` labels this block's products in the ledger (its index in the original model). */
  constructor(readonly backend: GemmBackend, readonly weights: LlamaLayerWeights, readonly config: LlamaConfig, readonly layer: number) {
    this.attention = new Attention(backend, weights, config);
    this.ffn = new SwiGluFeedForward(backend, weights, config.dim, config.hiddenDim);
  }

  /** The attention's input, reused from step to step (the attention consumes it; the FFN's is fresh: a replacement may keep it). */
  private attentionInput?: Float32Array;

  /** x (M x dim) updated in place. */
  forward(x: Float32Array, m: number, positions: Int32Array, cache: LayerKvCache, observer?: AttentionObserver): void {
    this.attentionInput = scratch(this.attentionInput, x.length);
    addInPlace(x, this.attention.forward(rmsNorm(x, m, this.weights.rmsAttention, this.attentionInput), m, positions, cache, this.layer, observer));
    addInPlace(x, this.ffn.forward(rmsNorm(x, m, this.weights.rmsFfn), m, this.layer));
  }
}
