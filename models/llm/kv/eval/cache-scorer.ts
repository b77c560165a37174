/**
 * Perplexity of a model whose layer caches are replaced (quantized, compressed), on fixed windows.
 * A configuration that leaves the first L layers' caches full starts from the hidden states the
 * full model has after layer L - 1 (computed once per window), so per-layer sensitivity runs cost
 * only the layers from the first changed one. Every window's result is cached by content hash as
 * soon as it is computed, and the scorer yields to the event loop after each one, so Ctrl-C or a
 * plain kill acts within one window and a rerun resumes with nothing finished lost.
 */
import { ContentCache, contentHash, pausePointAsync } from '../../../../util/index.ts';
import type { TransformerBlock } from '../../engine/model.ts';
import { KvCache, type LayerKvCache } from '../../engine/kv-cache.ts';
import type { LlamaModel } from '../../engine/model.ts';
import { tokenNll } from '../../eval/perplexity.ts';

export interface CacheScore {
  /** Summed negative log-likelihood (nats) and targets. */
  readonly nll: number;
  readonly tokens: number;
}

/** What to score: a layer cache per layer (undefined: a full cache), and how to feed each window. */
export interface CacheConfiguration {
  /** Names the configuration in the result cache (must change whenever the caches would). */
  readonly key: string;
  readonly layerCache: (layer: number) => LayerKvCache | undefined;
  /** Chunk lengths a window of `tokens` is fed in (default: one prefill). */
  readonly chunks?: (tokens: number) => number[];
  /** Only targets at window indices >= this count (default 1: every target). */
  readonly firstTarget?: number;
}

const SCORER_VERSION = 'kv-score-1';

export function perplexityOf(s: CacheScore): number {
  return Math.exp(s.nll / s.tokens);
}

/** Lets pending signals and timers run between long synchronous pieces of work. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Window evaluations of every scorer in this process: computed here, or read from the cache. */
export const windowEvaluations = { computed: 0, cached: 0 };

export class CacheScorer {
  private readonly store = new ContentCache<CacheScore>('kv-eval');
  /** Per window, the hidden states (T x dim) after each block of the full model. */
  private hidden: Float32Array[][] | undefined;

  /** `modelKey` names the weights and backend (with the windows, the cache keys). */
  constructor(readonly model: LlamaModel, readonly modelKey: string, readonly windows: readonly Uint16Array[]) {}

  /** The summed score of a configuration over the windows, and how many windows were computed (not read from the cache). */
  async score(c: CacheConfiguration): Promise<CacheScore & { computed: number }> {
    let nll = 0, tokens = 0, computed = 0;
    for (const [i, w] of this.windows.entries()) {
      const key = contentHash(this.modelKey, this.model.backend.description, Array.from(w), c.key, c.firstTarget ?? 1, SCORER_VERSION);
      let s = this.store.get(key);
      if (s) windowEvaluations.cached++;
      else {
        s = this.scoreWindow(i, c);
        this.store.put(key, s);
        computed++;
        windowEvaluations.computed++;
        await pausePointAsync(`kv-window-${windowEvaluations.computed}`);
      }
      await yieldToEventLoop();
      nll += s.nll;
      tokens += s.tokens;
    }
    return { nll, tokens, computed };
  }

  private scoreWindow(index: number, c: CacheConfiguration): CacheScore {
    const model = this.model, { vocab, dim } = model.config;
    const w = this.windows[index];
    const input = Array.from(w.subarray(0, w.length - 1));
    const layers = model.blocks.length;
    const caches = Array.from({ length: layers }, (_, l) => c.layerCache(l));
    const firstChanged = caches.findIndex((x) => x !== undefined);
    const full = model.newCache();
    const cache = new KvCache(caches.map((x, l) => x ?? full.layers[l]));
    const original = model.blocks;
    if (firstChanged > 0) {
      const after = this.hiddenStates(index)[firstChanged - 1];
      const replay: TransformerBlock = { layer: original[0].layer, forward: (x, m, positions) => x.set(after.subarray(positions[0] * dim, (positions[0] + m) * dim)) };
      const skip = (b: TransformerBlock): TransformerBlock => ({ layer: b.layer, forward: () => {} });
      model.blocks = original.map((b, l) => (l === 0 ? replay : l < firstChanged ? skip(b) : b));
    }
    try {
      const chunks = c.chunks?.(input.length) ?? [input.length];
      const first = c.firstTarget ?? 1;
      let nll = 0, tokens = 0, at = 0;
      for (const len of chunks) {
        const logits = model.forward(input.slice(at, at + len), cache);
        for (let i = 0; i < len; i++) {
          const target = at + i + 1;
          if (target < first) continue;
          nll += tokenNll(logits, i * vocab, vocab, w[target]);
          tokens++;
        }
        at += len;
      }
      return { nll, tokens };
    } finally {
      model.blocks = original;
    }
  }

  /** The full model's hidden states after each block, for window `index` (computed once). */
  private hiddenStates(index: number): Float32Array[] {
    this.hidden ??= [];
    if (!this.hidden[index]) {
      const model = this.model, { dim } = model.config;
      const w = this.windows[index];
      const states: Float32Array[] = [];
      const original = model.blocks;
      model.blocks = original.map((b) => ({ layer: b.layer, forward: (x, m, positions, cache, observer) => { b.forward(x, m, positions, cache, observer); states.push(x.slice(0, m * dim)); } }));
      try {
        model.forward(Array.from(w.subarray(0, w.length - 1)), model.newCache(), { logits: 'none' });
      } finally {
        model.blocks = original;
      }
      this.hidden[index] = states;
    }
    return this.hidden[index];
  }
}
