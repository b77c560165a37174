import { aigStats, truthTables, type Aig } from '../../../eda/aig/index.ts';
import { ProgressBar, yieldToEventLoop } from '../../../util/index.ts';
import { recordFunction, type PairRecord } from './data/dataset.ts';
import { popcount32, type TruthFunction } from './data/truth-function.ts';

/** One generated circuit: the AIG (well-formed by construction), or undefined when a generator gave none. */
export interface Generated {
  readonly aig: Aig | undefined;
  /** Whether the model's unconstrained prediction was already a well-formed AIG. */
  readonly rawValid: boolean;
  /** Outputs the sampler completed with one extra AND (exact-output step). */
  readonly repairedOutputs: number;
}

/** A generator: `samples` independent circuits for each function (sample 0 is the single-sample answer). */
export interface Generator {
  readonly name: string;
  generate(targets: readonly TruthFunction[], samples: number, seed: number): Generated[][];
}

/** How a circuit matches a function: every output bit of every minterm compared. */
export function scoreCircuit(aig: Aig, target: TruthFunction): { exact: boolean; bitAccuracy: number } {
  const { tables } = truthTables(aig);
  const M = 2 ** target.inputs;
  let wrong = 0;
  target.tables.forEach((f, o) => {
    const t = tables[o];
    for (let w = 0; w < f.length; w++) wrong += popcount32((t[w] ^ f[w]) >>> 0);
  });
  return { exact: wrong === 0, bitAccuracy: 1 - wrong / (M * target.tables.length) };
}

export interface MethodMetrics {
  readonly method: string;
  readonly functions: number;
  readonly samples: number;
  /** Fraction of all samples that are well-formed acyclic AIGs with the requested interface. */
  readonly validity: number;
  /** The same for the unconstrained argmax of the model's predictions (before the constrained draw). */
  readonly rawValidity: number;
  readonly exactSingle: number;
  /** At least one of the K samples exact (our truth-table check chooses). */
  readonly exactBestOf: number;
  /** Mean fraction of correct output bits of the single sample. */
  readonly bitAccuracy: number;
  /** Exact single samples: median of ANDs / ABC's ANDs, and of levels / ABC's levels. */
  readonly andRatioSingle: number | null;
  readonly levelRatioSingle: number | null;
  /** Best of K (the exact sample with the fewest ANDs): the same ratios. */
  readonly andRatioBestOf: number | null;
  readonly levelRatioBestOf: number | null;
  /** Mean ANDs of the exact best-of-K circuits and ABC's mean ANDs over the same functions. */
  readonly meanAndsBestOf: number | null;
  readonly meanAbcAndsBestOf: number | null;
  /** Fraction of single samples whose output needed the sampler's extra AND. */
  readonly repairedSingle: number;
  readonly seconds: number;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * Runs a generator on held-out pairs and scores every sample against the function and against
 * ABC's circuit. Yields to the event loop after every chunk, so Ctrl-C or a kill stops it.
 */
export async function evaluateGenerator(gen: Generator, records: readonly PairRecord[], samples: number, seed: number, chunk = 8, quiet = false): Promise<MethodMetrics> {
  const t0 = performance.now();
  let valid = 0;
  let rawValid = 0;
  let total = 0;
  let exactSingle = 0;
  let exactBest = 0;
  let repaired = 0;
  const bits: number[] = [];
  const andSingle: number[] = [];
  const levelSingle: number[] = [];
  const andBest: number[] = [];
  const levelBest: number[] = [];
  const andsBest: number[] = [];
  const abcBest: number[] = [];
  const bar = new ProgressBar(`eval ${gen.name}`, records.length, process.stderr, quiet);
  for (let start = 0; start < records.length; start += chunk) {
    const part = records.slice(start, start + chunk);
    const targets = part.map(recordFunction);
    const out = gen.generate(targets, samples, seed + start);
    part.forEach((r, k) => {
      const target = targets[k];
      let best: { ands: number; levels: number } | undefined;
      out[k].forEach((s, i) => {
        total++;
        if (s.rawValid) rawValid++;
        if (!s.aig || s.aig.inputs.length !== target.inputs || s.aig.outputs.length !== target.tables.length) {
          if (i === 0) bits.push(0);
          return;
        }
        valid++;
        const score = scoreCircuit(s.aig, target);
        const stats = aigStats(s.aig);
        if (i === 0) {
          bits.push(score.bitAccuracy);
          if (s.repairedOutputs > 0) repaired++;
          if (score.exact) {
            exactSingle++;
            andSingle.push(stats.ands / Math.max(1, r.ands));
            levelSingle.push(stats.levels / Math.max(1, r.levels));
          }
        }
        if (score.exact && (!best || stats.ands < best.ands)) best = { ands: stats.ands, levels: stats.levels };
      });
      if (best) {
        exactBest++;
        andBest.push(best.ands / Math.max(1, r.ands));
        levelBest.push(best.levels / Math.max(1, r.levels));
        andsBest.push(best.ands);
        abcBest.push(r.ands);
      }
    });
    bar.tick(part.length);
    await yieldToEventLoop();
  }
  bar.finish();
  const n = records.length;
  return {
    method: gen.name,
    functions: n,
    samples,
    validity: valid / Math.max(1, total),
    rawValidity: rawValid / Math.max(1, total),
    exactSingle: exactSingle / n,
    exactBestOf: exactBest / n,
    bitAccuracy: mean(bits) ?? 0,
    andRatioSingle: median(andSingle),
    levelRatioSingle: median(levelSingle),
    andRatioBestOf: median(andBest),
    levelRatioBestOf: median(levelBest),
    meanAndsBestOf: mean(andsBest),
    meanAbcAndsBestOf: mean(abcBest),
    repairedSingle: repaired / n,
    seconds: (performance.now() - t0) / 1000,
  };
}
