/**
 * The merging experiment: each method's hyper-parameters chosen by the average dev accuracy over
 * the tasks (each task model's own head on the merged backbone), then its test accuracy; the
 * individual models and the multi-task model as reference points; task-vector spectra; LoRE's
 * diagnostics (its implicit base against the true base).
 */
import type { LlamaWeights } from '../checkpoint.ts';
import type { Tokenizer } from '../tokenizer/index.ts';
import type { TaskData, TaskModel } from '../tasks/index.ts';
import { applyLore, loreEstimate, mergeModels, taskVectorSpectra, type LoreDiagnostics, type MergeMethod, type MergeParams } from './merge-models.ts';
import { firstChangedBlock } from './model-tensors.ts';
import { averageAccuracy, pairedDifference, type Estimate } from './paired-difference.ts';
import { PrefixEvaluator } from './prefix-evaluator.ts';

/**
 * The dev grids (LoRE's lambda scales the MEAN of the task vectors, the others' their sum), kept small:
 * each point costs a dev evaluation of every task on this machine's shared cores. LoRE's lambda 1 is
 * the paper's average merging (theta0 + the mean of the delta_i), which at a fixed point of the
 * coordinate descent is the plain mean of the models whatever mu is (theta0 = mean(theta_i - delta_i));
 * lambda > 1 adds (lambda - 1) times the mean low-rank task vector to that mean, lambda = k (the
 * number of models) the sum of the low-rank task vectors. The descent runs to a relative change of
 * 1e-3 per round (at most 60 rounds).
 */
export const MERGE_GRIDS: Record<MergeMethod, readonly MergeParams[]> = {
  'task-arithmetic': [0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1].map((lambda) => ({ lambda })),
  // TIES: extended along the ridge of its dev averages (a sparser trim wants a larger scale) until the best point is interior.
  ties: ([[0.01, [3, 4]], [0.02, [1.5, 2, 2.5, 3, 3.5]], [0.03, [1.5, 2, 2.5, 3]], [0.05, [1, 1.5, 2, 2.5]], [0.1, [1, 1.5, 2, 2.5]], [0.2, [1, 1.5]], [0.5, [1, 1.5]]] as const)
    .flatMap(([density, lambdas]) => lambdas.map((lambda) => ({ density, lambda }))),
  dare: [0.5, 0.9].flatMap((drop) => [0.3, 0.5, 1].map((lambda) => ({ drop, lambda, seed: 1 }))),
  lore: [0.1, 0.3].flatMap((muShare) => [1, 1.5, 2, 3, 4, 5, 6].map((lambda) => ({ muShare, lambda, iterations: 60, tolerance: 1e-3 }))),
};

/** Dev averages closer than this are a tie (the same counts summed in another order), which the first grid point wins. */
const DEV_TIE = 1e-9;

export interface MethodResult {
  readonly method: MergeMethod;
  readonly params: MergeParams;
  /** Test accuracy by task. */
  readonly accuracy: Record<string, number>;
  readonly average: number;
  /** Mean over tasks of accuracy / the individual model's accuracy. */
  readonly normalizedAverage: number;
  /** Standard error of the test average (tasks independent, examples binomial). */
  readonly standardError: number;
  /** LoRE's test average minus this method's, on the same examples, with its paired standard error (absent for LoRE itself). */
  readonly loreMinusThis?: Estimate;
  readonly devAverage: number;
  readonly grid: { readonly params: MergeParams; readonly devAverage: number }[];
  readonly lore?: LoreDiagnostics;
}

export interface MergeExperiment {
  readonly tasks: string[];
  /** The first block the fine-tunes changed (the blocks below are shared and evaluated once). */
  readonly firstChangedBlock: number;
  readonly individual: Record<string, number>;
  readonly multitask?: Record<string, number>;
  readonly methods: MethodResult[];
  readonly spectra: { readonly task: string; readonly matrices: { readonly name: string; readonly values: number[] }[] }[];
}

export interface MergeInputs {
  readonly base: LlamaWeights;
  readonly tokenizer: Tokenizer;
  /** One fine-tuned model per task, in the order of `tasks`. */
  readonly models: readonly TaskModel[];
  readonly tasks: readonly TaskData[];
  readonly multitask?: TaskModel;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Lets signal handlers (Ctrl-C) run between the long synchronous evaluations. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

export async function runMergeExperiment(inp: MergeInputs, methods: readonly MergeMethod[], log: (line: string) => void, withSpectra = true): Promise<MergeExperiment> {
  const names = inp.tasks.map((t) => t.name);
  const backbones = inp.models.map((m) => m.weights);
  const from = firstChangedBlock([inp.base, ...backbones, ...(inp.multitask ? [inp.multitask.weights] : [])]);
  const maxTokens = Math.max(...inp.models.map((m) => m.maxTokens));
  const ev = new PrefixEvaluator(inp.base, from, inp.tokenizer, maxTokens);
  try {
    log(`caching the residual streams entering block ${from} of ${names.length} tasks' dev and test sets`);
    for (const t of inp.tasks) { ev.addSet(`dev.${t.name}`, t.dev); await tick(); ev.addSet(`test.${t.name}`, t.test); await tick(); }
    const onAll = (w: LlamaWeights, split: 'dev' | 'test') => Object.fromEntries(inp.models.map((m, i) => [names[i], ev.accuracy(w, m.head, `${split}.${names[i]}`)]));
    const testCorrect = (w: LlamaWeights) => inp.models.map((m, i) => ev.correct(w, m.head, `test.${names[i]}`));
    const correctByMethod = new Map<MergeMethod, Uint8Array[]>();
    const individual = Object.fromEntries(inp.models.map((m, i) => [names[i], ev.accuracy(m.weights, m.head, `test.${names[i]}`)]));
    log(`individual models: ${names.map((n) => `${n} ${(100 * individual[n]).toFixed(1)}%`).join(', ')}`);
    let multitask: Record<string, number> | undefined;
    if (inp.multitask) {
      const mt = inp.multitask, offsets = mt.provenance.classOffsets as number[], mtTasks = mt.provenance.tasks as string[];
      multitask = Object.fromEntries(names.map((n) => { const i = mtTasks.indexOf(n); return [n, i < 0 ? NaN : ev.accuracy(mt.weights, mt.head, `test.${n}`, [offsets[i], offsets[i + 1]])]; }));
      log(`multi-task model: ${names.map((n) => `${n} ${(100 * multitask![n]).toFixed(1)}%`).join(', ')}`);
    }
    const results: MethodResult[] = [];
    for (const method of methods) {
      const grid: { params: MergeParams; devAverage: number; weights: LlamaWeights; lore?: LoreDiagnostics }[] = [];
      const score = (params: MergeParams, weights: LlamaWeights, lore?: LoreDiagnostics) => {
        const devAverage = mean(Object.values(onAll(weights, 'dev')));
        grid.push({ params, devAverage, weights, lore });
        log(`${method} ${JSON.stringify(params)}: dev average ${(100 * devAverage).toFixed(1)}%`);
      };
      if (method === 'lore') {
        // One estimate per mu; lambda only rescales its merge.
        const byMu = new Map<number, MergeParams[]>();
        for (const p of MERGE_GRIDS.lore) byMu.set(p.muShare!, [...(byMu.get(p.muShare!) ?? []), p]);
        for (const [mu, ps] of byMu) {
          const e = loreEstimate(backbones, inp.base, mu, ps[0].iterations ?? 60, ps[0].tolerance ?? 1e-3);
          for (const p of ps) { score(p, applyLore(e, backbones[0], p.lambda), e.diagnostics); await tick(); }
        }
      } else for (const p of MERGE_GRIDS[method]) { score(p, mergeModels(method, backbones, inp.base, p).weights); await tick(); }
      const best = grid.reduce((a, b) => (b.devAverage > a.devAverage + DEV_TIE ? b : a));
      const correct = testCorrect(best.weights);
      correctByMethod.set(method, correct);
      const accuracy = Object.fromEntries(names.map((n, i) => [n, averageAccuracy([correct[i]]).value]));
      const { value: average, standardError } = averageAccuracy(correct);
      const normalizedAverage = mean(names.map((n) => accuracy[n] / individual[n]));
      log(`${method} (best on dev ${JSON.stringify(best.params)}): test ${names.map((n) => `${n} ${(100 * accuracy[n]).toFixed(1)}%`).join(', ')}; average ${(100 * average).toFixed(1)}%, normalised ${(100 * normalizedAverage).toFixed(1)}%`);
      results.push({ method, params: best.params, accuracy, average, standardError, normalizedAverage, devAverage: best.devAverage, grid: grid.map((g) => ({ params: g.params, devAverage: g.devAverage })), lore: best.lore });
    }
    const lore = correctByMethod.get('lore');
    const paired = lore ? results.map((r) => (r.method === 'lore' ? r : { ...r, loreMinusThis: pairedDifference(lore, correctByMethod.get(r.method)!) })) : results;
    for (const r of paired) if (r.loreMinusThis) log(`LoRE minus ${r.method}: ${(100 * r.loreMinusThis.value).toFixed(2)} points (paired standard error ${(100 * r.loreMinusThis.standardError).toFixed(2)})`);
    const spectra = withSpectra ? inp.models.map((m, i) => ({ task: names[i], matrices: taskVectorSpectra(m.weights, inp.base) })) : [];
    return { tasks: names, firstChangedBlock: from, individual, multitask, methods: paired, spectra };
  } finally {
    ev.dispose();
  }
}
