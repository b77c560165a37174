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
  readonly iterations?: number;
  readonly seed?: number;
}

export interface LoreDiagnostics {
  /** ||theta0 - true base||_F / ||true base||_F over the changed tensors, and the same for mean(theta_i). */
  readonly implicitBaseDistance: number;
  readonly meanModelDistance: number;
  /** Sum over tensors of the objective, per iteration. */
  readonly objective: number[];
  /** Mean rank of the estimated task vectors (singular values kept) over the changed matrices. */
  readonly meanRank: number;
}

export interface MergeResult {
  readonly weights: LlamaWeights;
  readonly lore?: LoreDiagnostics;
}

/** `base` is the true base (used by the baselines, and by LoRE only for its diagnostics). */
export function mergeModels(method: MergeMethod, models: readonly LlamaWeights[], base: LlamaWeights, p: MergeParams): MergeResult {
  const changed = differingTensors([base, ...models]);
  const all = models.map(tensorsOf), baseT = tensorsOf(base);
  const out = new Map<string, Float32Array>();
  const objective: number[] = [];
  let dBase = 0, dMean = 0, nBase = 0, ranks = 0, matrices = 0;
  for (const k of changed) {
    const { name, rows, cols } = baseT[k].info;
    const b = baseT[k].data, thetas = all.map((m) => m[k].data);
    if (method === 'lore') {
      const mean = new Float64Array(b.length);
      for (const t of thetas) for (let j = 0; j < b.length; j++) mean[j] += t[j] / thetas.length;
      const sigma1 = thetas.map((t) => singularValues(Float64Array.from(t, (v, j) => v - mean[j]), rows, cols)[0]);
      const mu = (p.muShare ?? 0.1) * (sigma1.reduce((a, c) => a + c, 0) / sigma1.length);
      const r = loreTensor(thetas, rows, cols, mu, p.iterations ?? 10);
      r.objective.forEach((v, i) => { objective[i] = (objective[i] ?? 0) + v; });
      const merged = new Float32Array(b.length);
      for (let j = 0; j < b.length; j++) {
        let d = 0;
        for (const delta of r.deltas) d += delta[j] / r.deltas.length;
        merged[j] = r.base[j] + p.lambda * d;
        dBase += (r.base[j] - b[j]) ** 2;
        dMean += (mean[j] - b[j]) ** 2;
        nBase += b[j] * b[j];
      }
      if (rows > 1) { matrices++; ranks += r.deltas.reduce((s, d) => s + singularValues(d, rows, cols).filter((x) => x > 1e-9).length, 0) / r.deltas.length; }
      out.set(name, merged);
      continue;
    }
    const taus = thetas.map((t) => Float64Array.from(t, (v, j) => v - b[j]));
    const tau = method === 'task-arithmetic' ? taskArithmetic(taus, p.lambda)
      : method === 'ties' ? ties(taus, p.density ?? 0.2, p.lambda)
        : dare(taus, p.drop ?? 0.5, p.lambda, (p.seed ?? 1) + k * 104_729);
    out.set(name, Float32Array.from(b, (v, j) => v + tau[j]));
  }
  const weights = withTensors(base, out);
  if (method !== 'lore') return { weights };
  return { weights, lore: { implicitBaseDistance: Math.sqrt(dBase / nBase), meanModelDistance: Math.sqrt(dMean / nBase), objective, meanRank: matrices ? ranks / matrices : 0 } };
}

/** Singular values of each changed matrix's task vector theta - base (for the spectra plots). */
export function taskVectorSpectra(model: LlamaWeights, base: LlamaWeights): { name: string; values: number[] }[] {
  const m = tensorsOf(model), b = tensorsOf(base);
  return differingTensors([base, model]).filter((k) => b[k].info.rows > 1).map((k) => {
    const { name, rows, cols } = b[k].info;
    return { name, values: Array.from(singularValues(Float64Array.from(m[k].data, (v, j) => v - b[k].data[j]), rows, cols)) };
  });
}
