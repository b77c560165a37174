// The evaluation splits, fixed by a seed and the design list before any model is trained:
// - inductive: a random 20% of the designs are test designs, never seen in training;
// - epfl: the whole EPFL family is the test set (a family unseen in training);
// - case1: OpenABC-D's Case I, every design in training with its first 80% of recipes, tested on the rest.
import { SeededRandom } from '../../common/index.ts';
import type { LsoDesign } from './data.ts';

export const SPLITS = ['inductive', 'epfl', 'case1'] as const;
export type SplitName = (typeof SPLITS)[number];

/** A set of recipe runs: per design index, the run indices. */
export type RunSet = { design: number; runs: number[] }[];

export interface Split {
  readonly name: SplitName;
  readonly train: RunSet;
  /** Held out of training, for early stopping. */
  readonly validation: RunSet;
  readonly test: RunSet;
}

const all = (d: LsoDesign, i: number) => ({ design: i, runs: d.runs.map((_, k) => k) });

/** Design-disjoint: `test` designs out; a tenth of the remaining designs validate. */
function byDesigns(name: SplitName, designs: readonly LsoDesign[], isTest: (d: LsoDesign) => boolean, seed: number): Split {
  const rest = designs.map((d, i) => ({ d, i })).filter(({ d }) => !isTest(d));
  const shuffled = new SeededRandom(seed + 7).shuffle(rest);
  const validationCount = Math.max(1, Math.round(rest.length * 0.1));
  return {
    name,
    validation: shuffled.slice(0, validationCount).map(({ d, i }) => all(d, i)),
    train: shuffled.slice(validationCount).map(({ d, i }) => all(d, i)),
    test: designs.map((d, i) => ({ d, i })).filter(({ d }) => isTest(d)).map(({ d, i }) => all(d, i)),
  };
}

/** The inductive split's test designs (also the recipe search's held-out designs). */
export function inductiveTestIds(designs: readonly { id: string }[], seed: number): Set<string> {
  const shuffled = new SeededRandom(seed).shuffle(designs.map((d) => d.id).sort());
  return new Set(shuffled.slice(0, Math.max(1, Math.round(designs.length * 0.2))));
}

export function makeSplit(name: SplitName, designs: readonly LsoDesign[], seed: number): Split {
  if (name === 'inductive') {
    const test = inductiveTestIds(designs, seed);
    return byDesigns(name, designs, (d) => test.has(d.id), seed);
  }
  if (name === 'epfl') return byDesigns(name, designs, (d) => d.corpus === 'epfl', seed);
  // Case I: recipes in data-set order; the first 80% train (their last eighth validates), the rest test.
  const cut = (d: LsoDesign) => Math.round(d.runs.length * 0.8);
  const valFrom = (d: LsoDesign) => Math.round(cut(d) * 0.875);
  return {
    name,
    train: designs.map((d, i) => ({ design: i, runs: d.runs.map((_, k) => k).filter((k) => k < valFrom(d)) })),
    validation: designs.map((d, i) => ({ design: i, runs: d.runs.map((_, k) => k).filter((k) => k >= valFrom(d) && k < cut(d)) })),
    test: designs.map((d, i) => ({ design: i, runs: d.runs.map((_, k) => k).filter((k) => k >= cut(d)) })),
  };
}
