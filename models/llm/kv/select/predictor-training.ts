/**
 * Training data and training for AttentionPredictor: the full model's attention over windows of its
 * training text (never the held-out text), one T x T matrix per layer and KV head (the maximum over
 * the query heads sharing it); a sample is H consecutive rows block-max pooled (the input) and the
 * next row pooled the same way (the target). A seeded share of all (layer, head, step) samples is
 * drawn for each block size the budgets use. With `sparse`, the history rows look like those the
 * predictor sees at decode time: one row in every `calibrateEvery` (at a random phase) is the full
 * row, the others only the tokens a budget kept (sink and local windows and the row's own top blocks,
 * i.e. a perfect prediction), renormalized over them as the attention over the kept tokens is.
 */
import { createRng } from '../../../../hw/index.ts';
import { ContentCache, contentHash, ProgressBar } from '../../../../util/index.ts';
import type { NamedArray } from '../../../common/index.ts';
import type { LlamaModel } from '../../engine/model.ts';
import { blockMax } from './attention-predictor.ts';
import { budgetLayout, fillBudget, scoredRange } from './layout.ts';
import { AttentionPredictorNet, trainPredictor, type TrainSample } from './predictor-net.ts';

/**
 * Per window, per compressed layer and KV head: the T x T attention rows (the maximum over the query
 * heads sharing the KV head), or with `perQueryHead` one matrix per query head.
 */
export function attentionHistories(model: LlamaModel, windows: readonly Uint16Array[], fullLayers: number, perQueryHead = false): Float32Array[][] {
  const { heads, kvHeads } = model.config;
  const group = heads / kvHeads;
  const out: Float32Array[][] = [];
  for (const w of windows) {
    const T = w.length - 1;
    const mats: Float32Array[] = [];
    model.forward(Array.from(w.subarray(0, T)), model.newCache(), {
      logits: 'none',
      observer: (layer, _head, probs, _rows, n) => {
        if (layer < fullLayers) return;
        if (perQueryHead) {
          for (let g = 0; g < group; g++) mats.push(probs.slice(g * T * n, (g + 1) * T * n));
          return;
        }
        const a = new Float32Array(T * n);
        for (let g = 0; g < group; g++) for (let t = 0; t < T; t++) for (let j = 0; j <= t; j++) a[t * n + j] = Math.max(a[t * n + j], probs[(g * T + t) * n + j]);
        mats.push(a);
      },
    });
    out.push(mats);
  }
  return out;
}

export interface SampleOptions {
  readonly history: number;
  readonly blocks: readonly number[];
  /** Share of (matrix, step) pairs drawn per block size. */
  readonly share: number;
  /** Steps before this many cached tokens are never compressed, so not sampled. */
  readonly minTokens: number;
  readonly seed: number;
  /** Decode-time history rows: budgets (tokens) per block size, and the calibration period. */
  readonly sparse?: { readonly budgets: readonly number[]; readonly maxBlock: number; readonly calibrateEvery: number };
  /**
   * Inputs and targets pooled over the tokens between the sink and local windows of a budget of the
   * sample's block size (as decode time pools them with `excludeWindows`).
   */
  readonly excludeWindows?: { readonly budgets: readonly number[]; readonly maxBlock: number };
}

/** Row s of `a` (s + 1 entries) as the attention over `budget` kept tokens would give it. */
function keptRow(a: Float32Array, T: number, s: number, budget: number, maxBlock: number, excludeWindows: boolean): Float32Array {
  const n = s + 1, row = a.subarray(s * T, s * T + n), layout = budgetLayout(budget, maxBlock, excludeWindows), { from, to } = scoredRange(n, layout);
  const scores = new Float32Array(Math.ceil(n / layout.block));
  blockMax(row, n, layout.block, scores, 0, scores.length, from, to);
  const kept = fillBudget(n, layout, scores);
  const out = new Float32Array(n);
  let mass = 0;
  for (const i of kept) mass += row[i];
  for (const i of kept) out[i] = mass > 0 ? row[i] / mass : 0;
  return out;
}

export function predictorSamples(histories: readonly (readonly Float32Array[])[], T: number, o: SampleOptions): TrainSample[] {
  const rng = createRng(o.seed);
  const samples: TrainSample[] = [];
  const H = o.history;
  for (const block of o.blocks) {
    const nb = Math.ceil(T / block);
    for (const mats of histories) {
      for (const a of mats) {
        for (let t = Math.max(1, o.minTokens); t < T; t++) {
          if (rng.next() >= o.share) continue;
          const image = new Float32Array(H * nb);
          const sp = o.sparse, pool = sp ?? o.excludeWindows;
          const budgets = pool?.budgets.filter((b) => budgetLayout(b, pool.maxBlock).block === block) ?? [];
          const budget = budgets.length ? budgets[rng.int(0, budgets.length - 1)] : 0;
          const phase = sp ? rng.int(0, sp.calibrateEvery - 1) : 0;
          const exclude = o.excludeWindows !== undefined && budget > 0;
          const { from, to } = exclude ? scoredRange(t + 1, budgetLayout(budget, o.excludeWindows.maxBlock, true)) : { from: 0, to: t + 1 };
          for (let i = 0; i < H; i++) {
            const s = t - H + i;
            if (s < 0) continue;
            const full = !sp || !budget || s + 1 <= budget || (s - phase) % sp.calibrateEvery === 0;
            blockMax(full ? a.subarray(s * T, (s + 1) * T) : keptRow(a, T, s, budget, sp.maxBlock, exclude), s + 1, block, image, i * nb, nb, from, Math.min(to, s + 1));
          }
          const target = new Float32Array(nb);
          blockMax(a.subarray(t * T, (t + 1) * T), t + 1, block, target, 0, nb, from, to);
          samples.push({ image, target, blocks: nb });
        }
      }
    }
  }
  return samples;
}

export interface PredictorTraining extends SampleOptions {
  readonly epochs: number;
  readonly batch: number;
  readonly rate: number;
  readonly fullLayers: number;
  /** Histories of single query heads (for per-query-head selection) instead of KV heads' maxima. */
  readonly perQueryHead?: boolean;
}

export interface TrainedPredictor {
  readonly net: AttentionPredictorNet;
  /** Names the weights (for result caches). */
  readonly key: string;
  readonly samples: number;
  readonly losses: number[];
}

type Stored = { weights: Record<string, { shape: number[]; data: number[] }>; samples: number; losses: number[] };

/** Trains (or loads from the cache) the predictor on `windows` of training text. */
export async function trainedPredictor(model: LlamaModel, modelKey: string, windows: readonly Uint16Array[], o: PredictorTraining, quiet = false): Promise<TrainedPredictor> {
  const key = contentHash(modelKey, windows.map((w) => Array.from(w)), o, 'attention-predictor-1');
  const store = new ContentCache<Stored>('kv-predictor');
  let stored = store.get(key);
  const net = new AttentionPredictorNet(o.history, o.seed);
  if (stored) {
    net.restore(new Map(Object.entries(stored.weights).map(([n, w]) => [n, { shape: w.shape, data: Float32Array.from(w.data) } as NamedArray])));
    return { net, key, samples: stored.samples, losses: stored.losses };
  }
  const histories = attentionHistories(model, windows, o.fullLayers, o.perQueryHead);
  const samples = predictorSamples(histories, windows[0].length - 1, o);
  const perBlocks = new Map<number, number>();
  for (const x of samples) perBlocks.set(x.blocks, (perBlocks.get(x.blocks) ?? 0) + 1);
  const batches = [...perBlocks.values()].reduce((a, n) => a + Math.ceil(n / o.batch), 0);
  const bar = new ProgressBar('training the attention predictor', o.epochs * batches, process.stderr, quiet);
  const losses = await trainPredictor(net, samples, { ...o, onBatch: () => bar.tick() });
  bar.finish();
  stored = { weights: Object.fromEntries([...net.snapshot()].map(([n, w]) => [n, { shape: [...w.shape], data: Array.from(w.data) }])), samples: samples.length, losses };
  store.put(key, stored);
  return { net, key, samples: samples.length, losses };
}
