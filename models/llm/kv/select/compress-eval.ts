/**
 * Decoding held-out windows token by token with a selected KV cache: perplexity on the targets from
 * `firstTarget` on, attention recovery over the compressed steps, and KV bytes read per step. The
 * first `fullLayers` layers keep full attention (as AttentionPredictor leaves its first 2), for every
 * method alike. Each window's result is cached by content hash.
 */
import { ContentCache, contentHash } from '../../../../util/index.ts';
import { FullKvCache, KvCache, type LayerKvCache } from '../../engine/kv-cache.ts';
import type { LlamaModel } from '../../engine/model.ts';
import { tokenNll } from '../../eval/perplexity.ts';
import { yieldToEventLoop } from '../eval/cache-scorer.ts';
import { AttentionPredictorPolicy } from './attention-predictor.ts';
import { H2o, Quest, StreamingLlm } from './baselines.ts';
import { NextStepOracle, PreviousStepRanking } from './oracle.ts';
import { budgetLayout, type BudgetLayout } from './layout.ts';
import type { AttentionPredictorNet } from './predictor-net.ts';
import type { SelectionPolicy } from './policy.ts';
import { SelectingKvCache, tokenBytes } from './selecting-cache.ts';

export const SELECT_METHODS = ['attention-predictor', 'h2o', 'quest', 'streaming'] as const;
export type SelectMethod = (typeof SELECT_METHODS)[number];
/** For analysis (oracle.ts): rankings from the step's own attention (the ceilings) and from the previous step's full row. */
export const CEILING_METHODS = ['oracle-max', 'oracle-sum', 'previous-max'] as const;
export type PolicyMethod = SelectMethod | (typeof CEILING_METHODS)[number];

export interface SelectionSetup {
  readonly method: SelectMethod;
  readonly budget: number;
  readonly layout: BudgetLayout;
  readonly fullLayers: number;
  readonly firstTarget: number;
  readonly net?: AttentionPredictorNet;
  /** Names the predictor's weights in the result cache. */
  readonly netKey?: string;
  /** One set per query head (the authors' AttentionPredictor) instead of one per KV head. */
  readonly perQueryHead?: boolean;
  /** AttentionPredictor's calibration period in compressed steps (5 when absent). */
  readonly calibrateEvery?: number;
}

/** The policy of a method over `heads` selection heads (KV heads, or query heads per query head). */
export function policyFor(s: Pick<SelectionSetup, 'budget' | 'layout' | 'net' | 'calibrateEvery'> & { method: PolicyMethod }, heads: number, capacity: number): SelectionPolicy {
  switch (s.method) {
    case 'oracle-max': return new NextStepOracle(s.layout, 'max');
    case 'oracle-sum': return new NextStepOracle(s.layout, 'sum');
    case 'previous-max': return new PreviousStepRanking(s.layout);
    case 'streaming': return new StreamingLlm(s.budget);
    case 'h2o': return new H2o(s.budget, heads, capacity);
    case 'quest': return new Quest(s.layout);
    case 'attention-predictor':
      if (!s.net) throw new Error('attention-predictor needs its network');
      return new AttentionPredictorPolicy(s.layout, s.net, heads, capacity, s.calibrateEvery ?? 5);
  }
}

export interface WindowSelection {
  readonly nll: number;
  readonly tokens: number;
  /** Kept mass summed over (compressed step, layer, head, query row), and the count. */
  readonly recovered: number;
  readonly rows: number;
  /** KV bytes read, summed over steps and layers, and the steps. */
  readonly bytes: number;
  readonly steps: number;
  /** Compressed steps that read every key (AttentionPredictor's calibration), summed over layers and heads. */
  readonly calibrations: number;
  /** Index t: `recovered` and `rows` of step t (t + 1 tokens cached) alone (absent from results cached before they were recorded). */
  readonly stepRecovered?: readonly number[];
  readonly stepRows?: readonly number[];
}

const VERSION = 'kv-select-1';

const selectionKey = (model: LlamaModel, w: Uint16Array, s: SelectionSetup, modelKey: string) =>
  contentHash(modelKey, model.backend.description, Array.from(w), s.method, s.budget, s.layout, s.fullLayers, s.firstTarget, s.netKey ?? '', VERSION, ...(s.perQueryHead ? ['per-query-head'] : []), ...(s.method === 'attention-predictor' && (s.calibrateEvery ?? 5) !== 5 ? [`calibrate-every-${s.calibrateEvery}`] : []));

/** A cached result, unless `bySteps` asks for the per-step figures it lacks (then the window is decoded again). */
function cachedSelection(store: ContentCache<WindowSelection>, key: string, bySteps: boolean): WindowSelection | undefined {
  const hit = store.get(key);
  return hit && (!bySteps || hit.stepRows) ? hit : undefined;
}

export function selectWindow(model: LlamaModel, w: Uint16Array, s: SelectionSetup, modelKey: string, bySteps = false): WindowSelection {
  const store = new ContentCache<WindowSelection>('kv-select');
  const key = selectionKey(model, w, s, modelKey);
  const hit = cachedSelection(store, key, bySteps);
  if (hit) return hit;
  const { kvHeads, heads, dim, vocab } = model.config;
  const hs = dim / heads, T = w.length - 1;
  const selecting: SelectingKvCache[] = [];
  const layers: LayerKvCache[] = model.blocks.map((_, l) => {
    if (l < s.fullLayers) return new FullKvCache(kvHeads, hs, 'int8', T);
    const group = heads / kvHeads;
    const c = new SelectingKvCache(kvHeads, hs, s.budget, policyFor(s, s.perQueryHead ? heads : kvHeads, T), T, s.perQueryHead, group);
    selecting.push(c);
    return c;
  });
  const cache = new KvCache(layers);
  let nll = 0, tokens = 0, fullBytes = 0;
  for (let t = 0; t < T; t++) {
    const logits = model.forward([w[t]], cache, { logits: 'last' });
    fullBytes += s.fullLayers * 2 * kvHeads * (t + 1) * tokenBytes(hs);
    if (t + 1 >= s.firstTarget) { nll += tokenNll(logits, 0, vocab, w[t + 1]); tokens++; }
  }
  const r: WindowSelection = {
    nll, tokens, calibrations: selecting.reduce((a, c) => a + c.stats.calibrations, 0),
    recovered: selecting.reduce((a, c) => a + c.stats.recovered, 0),
    rows: selecting.reduce((a, c) => a + c.stats.rows, 0),
    bytes: fullBytes + selecting.reduce((a, c) => a + c.stats.bytes, 0),
    steps: T,
    stepRecovered: Array.from({ length: T }, (_, t) => selecting.reduce((a, c) => a + c.stats.stepRecovered[t], 0)),
    stepRows: Array.from({ length: T }, (_, t) => selecting.reduce((a, c) => a + c.stats.stepRows[t], 0)),
  };
  store.put(key, r);
  return r;
}

export interface SelectionResult {
  readonly method: SelectMethod;
  readonly budget: number;
  readonly budgetTokens: number;
  readonly layout: BudgetLayout;
  readonly recovery: number;
  readonly perplexity: number;
  readonly tokens: number;
  /** KV bytes read per decoded token, averaged over the windows' steps (all layers). */
  readonly kvBytesPerToken: number;
  readonly calibrationsPerToken: number;
  /** With `bySteps`: each window's per-step kept mass and rows. */
  readonly windowSteps?: readonly { readonly stepRecovered: Float64Array; readonly stepRows: Int32Array }[];
}

/** Every window decoded (or read from the cache); yields to the event loop after each, so Ctrl-C acts between windows. */
export async function evaluateSelection(model: LlamaModel, windows: readonly Uint16Array[], method: SelectMethod, fraction: number, o: { fullLayers: number; firstTarget: number; maxBlock: number; excludeWindows?: boolean; calibrateEvery?: number; net?: AttentionPredictorNet; netKey?: string; perQueryHead?: boolean; modelKey: string; bySteps?: boolean; onWindow?: (cached: boolean) => void }): Promise<SelectionResult> {
  const budget = Math.max(1, Math.round(fraction * model.config.seqLen));
  const layout = budgetLayout(budget, o.maxBlock, o.excludeWindows);
  const setup: SelectionSetup = { method, budget, layout, fullLayers: o.fullLayers, firstTarget: o.firstTarget, net: o.net, netKey: o.netKey, perQueryHead: o.perQueryHead, calibrateEvery: o.calibrateEvery };
  const sums: WindowSelection[] = [];
  const store = new ContentCache<WindowSelection>('kv-select');
  for (const w of windows) {
    const cached = cachedSelection(store, selectionKey(model, w, setup, o.modelKey), o.bySteps ?? false);
    sums.push(cached ?? selectWindow(model, w, setup, o.modelKey, o.bySteps));
    o.onWindow?.(cached !== undefined);
    if (!cached) await yieldToEventLoop();
  }
  const sum = (f: (r: WindowSelection) => number) => sums.reduce((a, r) => a + f(r), 0);
  return {
    method, budget: fraction, budgetTokens: budget, layout,
    recovery: sum((r) => r.recovered) / sum((r) => r.rows),
    perplexity: Math.exp(sum((r) => r.nll) / sum((r) => r.tokens)),
    tokens: sum((r) => r.tokens),
    kvBytesPerToken: sum((r) => r.bytes) / sum((r) => r.steps),
    calibrationsPerToken: sum((r) => r.calibrations) / sum((r) => r.steps),
    ...(o.bySteps ? { windowSteps: sums.map((r) => ({ stepRecovered: Float64Array.from(r.stepRecovered ?? []), stepRows: Int32Array.from(r.stepRows ?? []) })) } : {}),
  };
}
