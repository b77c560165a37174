/**
 * KVTuner on the engine: per-layer sensitivity, intra-layer pruning of precision pairs, inter-layer
 * clustering, and an NSGA-II search over perplexity and average bits under a bit budget. Every
 * perplexity in the search is on the tuning windows; the reported ones are on the test windows.
 */
import { ProgressBar } from '../../../../util/index.ts';
import type { LlamaModel } from '../../engine/model.ts';
import { CacheScorer, perplexityOf, type CacheConfiguration } from '../eval/cache-scorer.ts';
import { ALL_PAIRS, averageBits, pairBits, STANDARD_PAIRS, type PrecisionPair } from '../quant/precision-pairs.ts';
import { kiviChunks, QuantizedKvCache, type QuantMode } from '../quant/quantized-cache.ts';
import { captureAttention, layerAttentionError } from './attention-error.ts';
import { clusterLayers, paretoIndices } from './cluster.ts';
import { nsga2 } from './nsga2.ts';

export interface TuneOptions {
  /** Largest average bits a configuration may have. */
  readonly budget: number;
  /** NSGA-II evaluations. */
  readonly trials: number;
  /** Layer clusters sharing one pair. */
  readonly groups: number;
  readonly seed: number;
  readonly quiet?: boolean;
}

/** Bits standing for an unquantized (FP16) side in the sensitivity runs. */
const FULL = 16;

export interface LayerSensitivity {
  readonly layer: number;
  /** Relative attention-output error with only K (or only V) quantized, at 4 and 2 bits. */
  readonly attentionError: { readonly k4: number; readonly v4: number; readonly k2: number; readonly v2: number };
  /** Tuning perplexity with only this layer's K (or only its V) at 2 bits. */
  readonly perplexity: { readonly k2: number; readonly v2: number };
  /** Attention-output error with this layer at each pair (what pruning and clustering use). */
  readonly pairs: { readonly pair: string; readonly attentionError: number }[];
  /** Pairs kept by intra-layer pruning (its Pareto pairs of bits vs attention-output error). */
  readonly kept: string[];
}

export interface ConfigScore {
  readonly pairs: string[];
  readonly avgBits: number;
  /** Test perplexity. */
  readonly perplexity: number;
  readonly tunePerplexity: number;
}

export interface TuneResult {
  readonly mode: QuantMode;
  readonly budget: number;
  readonly fullPerplexity: number;
  readonly fullTunePerplexity: number;
  readonly sensitivity: LayerSensitivity[];
  readonly clusters: number[][];
  readonly candidates: string[][];
  readonly trials: number;
  readonly searched: { readonly avgBits: number; readonly tunePerplexity: number; readonly pairs: string[] }[];
  readonly uniform: Record<string, ConfigScore>;
  readonly pareto: ConfigScore[];
  readonly chosen: ConfigScore;
}

export class KvTuner {
  readonly tune: CacheScorer;
  readonly test: CacheScorer;

  constructor(readonly model: LlamaModel, modelKey: string, tuneWindows: readonly Uint16Array[], testWindows: readonly Uint16Array[], readonly mode: QuantMode) {
    this.tune = new CacheScorer(model, modelKey, tuneWindows);
    this.test = new CacheScorer(model, modelKey, testWindows);
  }

  /** The cache configuration of one pair per layer (undefined: that layer's cache stays full). */
  configuration(pairs: readonly (Pick<PrecisionPair, 'k' | 'v'> | undefined)[]): CacheConfiguration {
    const { kvHeads, heads, dim, seqLen } = this.model.config;
    return {
      key: `kvtuner/${this.mode}/${pairs.map((p) => (p ? `${p.k}:${p.v}` : 'full')).join(',')}`,
      layerCache: (l) => (pairs[l] ? new QuantizedKvCache(kvHeads, dim / heads, { mode: this.mode, pair: pairs[l]! }, seqLen) : undefined),
      chunks: this.mode === 'kivi' ? (n) => kiviChunks(n) : undefined,
    };
  }

  /** Perplexity of one configuration; `bar` advances by one (counted as resumed when every window came from the cache). */
  async perplexity(scorer: CacheScorer, pairs: readonly (Pick<PrecisionPair, 'k' | 'v'> | undefined)[], bar?: ProgressBar): Promise<number> {
    const s = await scorer.score(this.configuration(pairs));
    if (s.computed > 0) bar?.tick();
    else bar?.skip(1);
    return perplexityOf(s);
  }

  /**
   * Sensitivity of every layer, and its pruned pairs. Attention-output errors come from the tuning
   * windows' captured Q, K, V (no forward pass per pair); perplexities need one run per layer and side.
   */
  async sensitivity(bar?: ProgressBar): Promise<LayerSensitivity[]> {
    const { layers, heads, dim } = this.model.config;
    const hs = dim / heads;
    const captures = this.tune.windows.map((w) => captureAttention(this.model, Array.from(w.subarray(0, w.length - 1))));
    const only = (l: number, p: Pick<PrecisionPair, 'k' | 'v'>) => Array.from({ length: layers }, (_, i) => (i === l ? p : undefined));
    const out: LayerSensitivity[] = [];
    for (let l = 0; l < layers; l++) {
      const err = (k: number, v: number) => {
        const e = captures.map((c) => layerAttentionError(c[l], c[l].keys[0].length / hs, hs, this.mode, k, v));
        return e.reduce((s, x) => s + x, 0) / e.length;
      };
      const pairs = ALL_PAIRS.map((p) => ({ pair: p.name, attentionError: err(p.k, p.v) }));
      const kept = paretoIndices(ALL_PAIRS.map((p, i) => ({ bits: pairBits(p), error: pairs[i].attentionError }))).map((i) => ALL_PAIRS[i].name);
      out.push({
        layer: l,
        attentionError: { k4: err(4, FULL), v4: err(FULL, 4), k2: err(2, FULL), v2: err(FULL, 2) },
        perplexity: { k2: await this.perplexity(this.tune, only(l, { k: 2, v: FULL }), bar), v2: await this.perplexity(this.tune, only(l, { k: FULL, v: 2 }), bar) },
        pairs, kept,
      });
    }
    return out;
  }

  /**
   * The whole search. Asynchronous only to let signals through between window evaluations: every
   * evaluation is cached as it finishes, and a rerun replays the same search from the cache.
   */
  async run(o: TuneOptions): Promise<TuneResult> {
    const { layers } = this.model.config;
    const none = Array.from({ length: layers }, () => undefined);
    const fullTunePerplexity = await this.perplexity(this.tune, none);
    const fullPerplexity = await this.perplexity(this.test, none);
    const sensBar = new ProgressBar('layer sensitivity', 2 * layers, process.stderr, o.quiet);
    const sensitivity = await this.sensitivity(sensBar);
    sensBar.finish();
    // Clusters of layers by their profile of attention-output errors over the pairs (log scale).
    const profiles = sensitivity.map((s) => s.pairs.map((p) => Math.log(p.attentionError)));
    const clusters = clusterLayers(profiles, o.groups);
    const candidates = clusters.map((c) => ALL_PAIRS.filter((p) => c.some((l) => sensitivity[l].kept.includes(p.name))));
    const pairsOf = (genome: readonly number[]) => {
      const out: PrecisionPair[] = new Array(layers);
      clusters.forEach((c, g) => c.forEach((l) => { out[l] = candidates[g][genome[g]]; }));
      return out;
    };
    const searchBar = new ProgressBar('NSGA-II trials', o.trials, process.stderr, o.quiet);
    const uniformGenomes = STANDARD_PAIRS.map((p) => candidates.map((c) => c.indexOf(p))).filter((g) => g.every((i) => i >= 0));
    const search = await nsga2({
      options: candidates.map((c) => c.length),
      evaluate: async (g) => { const pairs = pairsOf(g); return [await this.perplexity(this.tune, pairs, searchBar), averageBits(pairs)]; },
      violation: (g) => Math.max(0, averageBits(pairsOf(g)) - o.budget),
      trials: o.trials, seed: o.seed, initial: uniformGenomes,
    });
    searchBar.finish();
    const frontPairs = search.front.map((x) => pairsOf(x.genome)).sort((a, b) => averageBits(a) - averageBits(b));
    const uniformPairs = ALL_PAIRS.map((p) => Array.from({ length: layers }, () => p));
    const testBar = new ProgressBar('test perplexity', frontPairs.length + uniformPairs.length, process.stderr, o.quiet);
    const score = async (pairs: PrecisionPair[]): Promise<ConfigScore> => ({
      pairs: pairs.map((p) => p.name), avgBits: averageBits(pairs), perplexity: await this.perplexity(this.test, pairs, testBar), tunePerplexity: await this.perplexity(this.tune, pairs),
    });
    const uniform: Record<string, ConfigScore> = {};
    for (const p of uniformPairs) uniform[p[0].name] = await score(p);
    const pareto: ConfigScore[] = [];
    for (const p of frontPairs) pareto.push(await score(p));
    testBar.finish();
    // The chosen configuration: the lowest tuning perplexity within the budget (decided before the test figures are read).
    const chosen = pareto.reduce((best, c) => (c.tunePerplexity < best.tunePerplexity ? c : best));
    return {
      mode: this.mode, budget: o.budget, fullPerplexity, fullTunePerplexity, sensitivity, trials: search.evaluated.length,
      clusters, candidates: candidates.map((c) => c.map((p) => p.name)),
      searched: search.evaluated.map((x) => { const p = pairsOf(x.genome); return { avgBits: averageBits(p), tunePerplexity: x.objectives[0], pairs: p.map((q) => q.name) }; }),
      uniform, pareto, chosen,
    };
  }
}
