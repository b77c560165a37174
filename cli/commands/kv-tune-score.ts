/**
 * `kv tune --configs`: score given configurations instead of searching, with the noise of a margin.
 * Each configuration's perplexity against uniform KV4's is taken on the whole tuning sample, on its
 * two halves (alternate tuning windows: two disjoint samples of the same text), per tuning window, and
 * on the test windows (whole and per window: the paired standard error of a test margin). The two halves' margins differ by sampling noise alone (same configurations,
 * same model): their spread estimates how far apart two configurations must be on the tuning sample
 * before a search can rank them.
 */
import { meanEstimate } from '../../models/common/index.ts';
import { CacheScorer, KvTuner, averageBits, pairByName, perplexityOf, type CacheScore, type PrecisionPair } from '../../models/llm/kv/index.ts';
import { UserError } from '../../util/index.ts';
import type { KvSetup } from './kv-common.ts';

/** 'KV4' (uniform) or one pair per layer, space-separated; configurations separated by ';'. */
export function parseConfigurations(raw: string, layers: number): PrecisionPair[][] {
  return raw.split(';').map((c) => c.trim()).filter((c) => c.length > 0).map((c) => {
    const names = c.split(/\s+/);
    const pairs = names.map((n) => pairByName(n) ?? (() => { throw new UserError(`unknown precision pair '${n}'`, '--configs', 'use KV8, K8V4, KV4, K4V2, KV2, K4V8 or K8V2'); })());
    if (pairs.length === 1) return Array.from({ length: layers }, () => pairs[0]);
    if (pairs.length !== layers) throw new UserError(`'${c}' has ${pairs.length} pairs; the model has ${layers} layers`, '--configs', 'give one pair (uniform) or one per layer');
    return pairs;
  });
}

export interface ScoredConfiguration {
  readonly pairs: string[];
  readonly avgBits: number;
  readonly tunePerplexity: number;
  readonly tuneHalves: [number, number];
  readonly testPerplexity: number;
  /** Perplexity over uniform KV4's, minus one: whole tuning sample, each half, test; per tuning window and per test window its mean and standard error. */
  readonly marginVsKV4: { tune: number; halves: [number, number]; test: number; perWindowMean: number; perWindowSe: number; testPerWindowMean: number; testPerWindowSe: number };
}

export interface ConfigurationScores {
  readonly tuneTargets: number;
  readonly halfTargets: [number, number];
  readonly testTargets: number;
  readonly configurations: ScoredConfiguration[];
  /** Over the configurations other than KV4: RMS of (margin on half A - margin on half B), and the implied SD of a margin on the whole tuning sample (RMS / 2). */
  readonly noise: { rmsHalfDifference: number; marginSd: number };
}

export async function scoreConfigurations(s: KvSetup, tuner: KvTuner, configs: PrecisionPair[][]): Promise<ConfigurationScores> {
  if (s.tune.length < 2) throw new UserError('the noise estimate needs at least 2 tuning windows', '--tune-windows');
  const layers = s.model.config.layers;
  const kv4 = Array.from({ length: layers }, () => pairByName('KV4')!);
  const scorer = (windows: readonly Uint16Array[]) => new CacheScorer(s.model, s.modelKey, windows);
  const halves = [scorer(s.tune.filter((_, i) => i % 2 === 0)), scorer(s.tune.filter((_, i) => i % 2 === 1))];
  const single = s.tune.map((w) => scorer([w]));
  const singleTest = s.test.map((w) => scorer([w]));
  const all = async (pairs: PrecisionPair[]) => {
    const conf = tuner.configuration(pairs);
    const r = { tune: await tuner.tune.score(conf), halves: [await halves[0].score(conf), await halves[1].score(conf)], test: await tuner.test.score(conf), windows: [] as CacheScore[], testWindows: [] as CacheScore[] };
    for (const x of single) r.windows.push(await x.score(conf));
    for (const x of singleTest) r.testWindows.push(await x.score(conf));
    return r;
  };
  const ref = await all(kv4);
  const out: ScoredConfiguration[] = [];
  for (const pairs of [kv4, ...configs.filter((c) => c.some((p) => p.name !== 'KV4'))]) {
    const r = await all(pairs);
    const margin = (a: CacheScore, b: CacheScore) => perplexityOf(a) / perplexityOf(b) - 1;
    const perWindow = meanEstimate(r.windows.map((w, i) => margin(w, ref.windows[i])));
    const perTestWindow = meanEstimate(r.testWindows.map((w, i) => margin(w, ref.testWindows[i])));
    out.push({
      pairs: pairs.map((p) => p.name), avgBits: averageBits(pairs),
      tunePerplexity: perplexityOf(r.tune), tuneHalves: [perplexityOf(r.halves[0]), perplexityOf(r.halves[1])], testPerplexity: perplexityOf(r.test),
      marginVsKV4: { tune: margin(r.tune, ref.tune), halves: [margin(r.halves[0], ref.halves[0]), margin(r.halves[1], ref.halves[1])], test: margin(r.test, ref.test), perWindowMean: perWindow.value, perWindowSe: perWindow.standardError, testPerWindowMean: perTestWindow.value, testPerWindowSe: perTestWindow.standardError },
    });
  }
  const diffs = out.slice(1).map((c) => c.marginVsKV4.halves[0] - c.marginVsKV4.halves[1]);
  const rms = Math.sqrt(diffs.reduce((a, d) => a + d * d, 0) / Math.max(1, diffs.length));
  return { tuneTargets: ref.tune.tokens, halfTargets: [ref.halves[0].tokens, ref.halves[1].tokens], testTargets: ref.test.tokens, configurations: out, noise: { rmsHalfDifference: rms, marginSd: rms / 2 } };
}
