/**
 * The inference engine: a Llama model whose every matrix product runs on a GemmBackend, with a KV
 * cache for prefill and decode. Blocks are a plain array (remove or replace them; a replacement
 * only needs `forward`), each block's FFN is replaceable, caches are replaceable per layer.
 */
import type { GemmBackend, PreparedWeights } from '../../common/gemm/index.ts';
import type { LlamaConfig } from '../config.ts';
import type { LlamaWeights } from '../checkpoint.ts';
import type { AttentionObserver } from './attention.ts';
import { Block } from './block.ts';
import { FullKvCache, KvCache, type KvPrecision, type LayerKvCache } from './kv-cache.ts';
import { LM_HEAD_LABEL } from './labels.ts';
import { rmsNorm } from './math.ts';

/** What the model needs of a block. */
export interface TransformerBlock {
  /** The label of its products (its index in the original model). */
  readonly layer: number;
  /** Updates x (M x dim) in place for tokens at `positions`, reading and extending `cache`. */
  forward(x: Float32Array, m: number, positions: Int32Array, cache: LayerKvCache, observer?: AttentionObserver): void;
}

export interface ForwardOptions {
  /** Logits of every new token ('all', for perplexity) or only the last ('last', to generate). Default 'all'. */
  readonly logits?: 'all' | 'last' | 'none';
  readonly observer?: AttentionObserver;
}

export class LlamaModel {
  readonly config: LlamaConfig;
  blocks: TransformerBlock[];
  private readonly classifier: PreparedWeights;

  constructor(readonly weights: LlamaWeights, readonly backend: GemmBackend) {
    this.config = weights.config;
    this.blocks = weights.layers.map((w, l) => new Block(backend, w, this.config, l));
    this.classifier = backend.prepare(weights.classifier, this.config.dim, this.config.vocab, 'nk');
  }

  /** The same weights on another backend (weights prepared again, e.g. quantized for the array). */
  withBackend(backend: GemmBackend): LlamaModel {
    return new LlamaModel(this.weights, backend);
  }

  /** A cache with one full layer cache per block, counted at `precision`. */
  newCache(precision: KvPrecision = 'fp16'): KvCache {
    const { heads, kvHeads, dim, seqLen } = this.config;
    return new KvCache(this.blocks.map(() => new FullKvCache(kvHeads, dim / heads, precision, seqLen)));
  }

  /**
   * Runs `tokens` after what `cache` holds (prefill when it is empty, decode for one token) and
   * returns their logits (M x vocab, or 1 x vocab for 'last'; empty for 'none').
   */
  forward(tokens: readonly number[], cache: KvCache, options: ForwardOptions = {}): Float32Array {
    const { dim, vocab } = this.config;
    const m = tokens.length;
    if (m === 0) return new Float32Array(0);
    if (cache.layers.length !== this.blocks.length) throw new Error(`cache has ${cache.layers.length} layers, the model ${this.blocks.length} blocks`);
    const x = new Float32Array(m * dim);
    const emb = this.weights.tokenEmbedding;
    for (let i = 0; i < m; i++) {
      const t = tokens[i];
      if (!(t >= 0 && t < vocab)) throw new Error(`token ${t} is outside the vocabulary of ${vocab}`);
      for (let j = 0; j < dim; j++) x[i * dim + j] = emb[t * dim + j];
    }
    const positions = new Int32Array(m);
    for (let i = 0; i < m; i++) positions[i] = cache.position + i;
    for (let i = 0; i < this.blocks.length; i++) this.blocks[i].forward(x, m, positions, cache.layers[i], options.observer);
    cache.position += m;
    const which = options.logits ?? 'all';
    if (which === 'none') return new Float32Array(0);
    const rows = which === 'last' ? x.subarray((m - 1) * dim) : x;
    const mr = which === 'last' ? 1 : m;
    return this.backend.linear(rmsNorm(rows, mr, this.weights.rmsFinal), mr, this.classifier, LM_HEAD_LABEL);
  }
}
