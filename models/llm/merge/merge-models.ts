/**
 * Merging fine-tuned backbones tensor by tensor: Task Arithmetic, TIES and DARE (which take the
 * true base to form task vectors) and LoRE (which estimates its own base). Tensors that no model
 * changed are kept as they are.
 */
import type { LlamaWeights } from '../checkpoint.ts';
import { dare, taskArithmetic, ties } from './baselines.ts';
import { loreTensor } from './lore.ts';
import { differingTensors, tensorsOf, withTensors } from './model-tensors.ts';
import { singularValues } from './svt.ts';

export const MERGE_METHODS = ['task-arithmetic', 'ties', 'dare', 'lore'] as const;
export type MergeMethod = (typeof MERGE_METHODS)[number];

export interface MergeParams {
  /** Scale of the merged task vector (of their sum for the baselines, of their mean for LoRE). */
  readonly lambda: number;
  /** TIES: share of each task vector's entries kept. */
  readonly density?: number;
  /** DARE: drop probability. */
  readonly drop?: number;
  /** LoRE: mu of each tensor as this share of the mean largest singular value of theta_i - mean(theta). */
  readonly muShare?: number;
  /** LoRE: at most this many rounds of coordinate descent, stopping once a round lowers the objective by less than `tolerance` of it. */
  readonly iterations?: number;
  readonly tolerance?: number;
  readonly seed?: number;
}

export interface LoreDiagnostics {
  /** ||theta0 - true base||_F / ||true base||_F over the changed tensors, and the same for mean(theta_i). */
  readonly implicitBaseDistance: number;
  readonly meanModelDistance: number;
  /** Sum over tensors of the objective, per iteration (a tensor that stopped earlier counts with its last value). */
  readonly objective: number[];
  /** The most rounds any tensor took. */
  readonly iterations: number;
  /** Mean rank of the estimated task vectors (singular values kept) over the changed matrices. */
  readonly meanRank: number;
}

export interface MergeResult {
  readonly weights: LlamaWeights;
  readonly lore?: LoreDiagnostics;
}

/** LoRE's estimate: per changed tensor, the implicit base and the mean of the low-rank task vectors. */
export interface LoreEstimate {
  readonly tensors: Map<string, { readonly base: Float64Array; readonly meanDelta: Float64Array }>;
  readonly diagnostics: LoreDiagnostics;
}

/**
 * Runs LoRE's coordinate descent on every tensor in which the fine-tuned models differ (chosen
 * without the true base, which serves the diagnostics only).
 */
export function loreEstimate(models: readonly LlamaWeights[], trueBase: LlamaWeights, muShare: number, iterations: number, tolerance = 0): LoreEstimate {
  const all = models.map(tensorsOf), baseT = tensorsOf(trueBase);
  const tensors = new Map<string, { base: Float64Array; meanDelta: Float64Array }>();
  const objective: number[] = [];
  let dBase = 0, dMean = 0, nBase = 0, ranks = 0, matrices = 0;
  const perTensor: number[][] = [];
  for (const k of differingTensors(models)) {
    const { name, rows, cols } = baseT[k].info;
    const b = baseT[k].data, thetas = all.map((m) => m[k].data);
    const mean = new Float64Array(b.length);
    for (const t of thetas) for (let j = 0; j < b.length; j++) mean[j] += t[j] / thetas.length;
    const sigma1 = thetas.map((t) => singularValues(Float64Array.from(t, (v, j) => v - mean[j]), rows, cols)[0]);
    const r = loreTensor(thetas, rows, cols, muShare * (sigma1.reduce((a, c) => a + c, 0) / sigma1.length), iterations, tolerance);
    perTensor.push(r.objective);
    const meanDelta = new Float64Array(b.length);
    for (const d of r.deltas) for (let j = 0; j < b.length; j++) meanDelta[j] += d[j] / r.deltas.length;
    for (let j = 0; j < b.length; j++) { dBase += (r.base[j] - b[j]) ** 2; dMean += (mean[j] - b[j]) ** 2; nBase += b[j] * b[j]; }
    if (rows > 1) { matrices++; ranks += r.deltas.reduce((s, d) => s + singularValues(d, rows, cols).filter((x) => x > 1e-9).length, 0) / r.deltas.length; }
    tensors.set(name, { base: r.base, meanDelta });
  }
  const rounds = Math.max(0, ...perTensor.map((o) => o.length));
  for (let i = 0; i < rounds; i++) objective.push(perTensor.reduce((s, o) => s + o[Math.min(i, o.length - 1)], 0));
  return { tensors, diagnostics: { implicitBaseDistance: Math.sqrt(dBase / nBase), meanModelDistance: Math.sqrt(dMean / nBase), objective, iterations: rounds, meanRank: matrices ? ranks / matrices : 0 } };
}

/** The LoRE merge: implicit base + lambda * mean of the task vectors (`template`, one of the fine-tuned models, gives the tensors they share). */
export function applyLore(e: LoreEstimate, template: LlamaWeights, lambda: number): LlamaWeights {
  return withTensors(template, new Map([...e.tensors].map(([name, t]) => [name, Float32Array.from(t.base, (v, j) => v + lambda * t.meanDelta[j])])));
}

/** `base` is the true base (used by the baselines, and by LoRE only for its diagnostics). */
export function mergeModels(method: MergeMethod, models: readonly LlamaWeights[], base: LlamaWeights, p: MergeParams): MergeResult {
  if (method === 'lore') {
    const e = loreEstimate(models, base, p.muShare ?? 0.1, p.iterations ?? 10, p.tolerance ?? 0);
    return { weights: applyLore(e, models[0], p.lambda), lore: e.diagnostics };
  }
  const all = models.map(tensorsOf), baseT = tensorsOf(base);
  const out = new Map<string, Float32Array>();
  for (const k of differingTensors([base, ...models])) {
    const b = baseT[k].data;
    const taus = all.map((m) => Float64Array.from(m[k].data, (v, j) => v - b[j]));
    const tau = method === 'task-arithmetic' ? taskArithmetic(taus, p.lambda)
      : method === 'ties' ? ties(taus, p.density ?? 0.2, p.lambda)
        : dare(taus, p.drop ?? 0.5, p.lambda, (p.seed ?? 1) + k * 104_729);
    out.set(baseT[k].info.name, Float32Array.from(b, (v, j) => v + tau[j]));
  }
  return { weights: withTensors(base, out) };
}

/** Singular values of each changed matrix's task vector theta - base (for the spectra plots). */
export function taskVectorSpectra(model: LlamaWeights, base: LlamaWeights): { name: string; values: number[] }[] {
  const m = tensorsOf(model), b = tensorsOf(base);
  return differingTensors([base, model]).filter((k) => b[k].info.rows > 1).map((k) => {
    const { name, rows, cols } = b[k].info;
    return { name, values: Array.from(singularValues(Float64Array.from(m[k].data, (v, j) => v - b[k].data[j]), rows, cols)) };
  });
}
