// Recipe search guided by the predictor: score many candidate recipes (random ones, then mutations of
// the best) with LSOformer, spend the ABC budget on the most promising, and keep the best real result.
// The budget is spent in two rounds: the second round mutates around what ABC actually measured.
import { ABC_SCRIPTS, RECIPE_OPERATIONS, runAigRecipes, type RecipeOperation } from '../../../eda/synth/recipes/index.ts';
import type { YosysBackend } from '../../../eda/synth/index.ts';
import { readAiger } from '../../../eda/aig/index.ts';
import { SeededRandom } from '../../common/index.ts';
import { aigGraph } from './aig-graph.ts';
import { opIds } from './data.ts';
import type { TrainedModel } from './train.ts';
import { designTensors, disposeDesignTensors, predictStandardized } from './train.ts';
import { toLabel } from './targets.ts';

export interface SearchOptions {
  /** The AIG to optimise (binary AIGER, the start of every recipe). */
  readonly aig: Uint8Array;
  readonly model: TrainedModel;
  /** Candidates scored by the predictor (per round). */
  readonly candidates: number;
  /** Recipes run in ABC for the search (the budget), and for the random-search baseline. */
  readonly abcRuns: number;
  readonly length: number;
  readonly seed: number;
  readonly backend: YosysBackend;
}

export interface QorPoint { nodes: number; levels: number }
export interface SearchResult {
  readonly start: QorPoint;
  readonly best: QorPoint & { recipe: string[]; predictedNodes: number };
  readonly resyn2: QorPoint;
  readonly compress2rs: QorPoint;
  readonly randomSearch: QorPoint & { recipe: string[] };
  readonly abcRuns: number;
  readonly candidatesScored: number;
}

/** C(m, k) / C(n, k): the chance that k draws without replacement from n all fall among m given ones. */
function subsetOdds(m: number, n: number, k: number): number {
  let p = 1;
  for (let j = 0; j < k; j++) p *= Math.max(0, m - j) / (n - j);
  return p;
}

/**
 * Random search with K runs, exactly, from N recipes already measured on the design (the data set's
 * random recipes, drawn from the same distribution): the expected best of K drawn without replacement,
 * and the chances that a result `x` is strictly better than, or equal to, that best.
 */
export function randomSearchOdds(finals: readonly number[], k: number, x: number): { expectedBest: number; pBetter: number; pTie: number } {
  const v = [...finals].sort((a, b) => a - b);
  const n = v.length;
  if (k > n) throw new Error(`random search of ${k} runs from ${n} measured recipes`);
  // The best is the i-th smallest (by position) with chance C(n-1-i, k-1) / C(n, k).
  let expectedBest = 0;
  for (let i = 0; i + k <= n; i++) expectedBest += v[i] * subsetOdds(n - 1 - i, n - 1, k - 1) * (k / n);
  const above = v.filter((y) => y > x).length;
  const atOrAbove = v.filter((y) => y >= x).length;
  return { expectedBest, pBetter: subsetOdds(above, n, k), pTie: subsetOdds(atOrAbove, n, k) - subsetOdds(above, n, k) };
}

type Recipe = RecipeOperation[];
const key = (r: readonly string[]) => r.join(';');
const better = (a: QorPoint, b: QorPoint) => a.nodes < b.nodes || (a.nodes === b.nodes && a.levels < b.levels);

function randomRecipe(rng: SeededRandom, length: number): Recipe {
  return Array.from({ length }, () => RECIPE_OPERATIONS[rng.int(RECIPE_OPERATIONS.length)]);
}

/** A point mutation, a swap of two steps, or a crossover with another parent. */
function mutate(rng: SeededRandom, parent: Recipe, other: Recipe): Recipe {
  const child = [...parent];
  const kind = rng.int(3);
  if (kind === 0) for (let n = 1 + rng.int(3); n > 0; n--) child[rng.int(child.length)] = RECIPE_OPERATIONS[rng.int(RECIPE_OPERATIONS.length)];
  else if (kind === 1) {
    const i = rng.int(child.length);
    const j = rng.int(child.length);
    [child[i], child[j]] = [child[j], child[i]];
  } else {
    const cut = 1 + rng.int(child.length - 1);
    for (let i = cut; i < child.length; i++) child[i] = other[i];
  }
  return child;
}

export async function searchRecipe(o: SearchOptions): Promise<SearchResult> {
  const rng = new SeededRandom(o.seed);
  const graph = aigGraph(readAiger(o.aig, 'design.aig'));
  const start = { nodes: graph.ands, levels: graph.depth };
  const tensors = designTensors({ graph }, o.model.config.maxBins);
  const predicted = new Map<string, number>();
  const score = (recipes: Recipe[]) => {
    const fresh = recipes.filter((r) => !predicted.has(key(r)));
    if (fresh.length === 0) return;
    const out = predictStandardized(o.model, tensors, fresh.map((r) => opIds(r, 'recipe')));
    fresh.forEach((r, i) => predicted.set(key(r), toLabel(out.final[i][0], 0, start, o.model.standardizer)));
  };
  /** Evolves the candidate pool from `parents` and returns the best-predicted recipes not yet run. */
  const propose = (parents: Recipe[], count: number, ran: Set<string>): Recipe[] => {
    let pool = [...parents];
    for (let generation = 0; generation < 3; generation++) {
      const children = Array.from({ length: o.candidates }, () => (pool.length > 0 && rng.next() < 0.7 ? mutate(rng, pool[rng.int(pool.length)], pool[rng.int(pool.length)]) : randomRecipe(rng, o.length)));
      score(children);
      pool = [...new Map([...pool, ...children].map((r) => [key(r), r])).values()].sort((a, b) => predicted.get(key(a))! - predicted.get(key(b))!).slice(0, 32);
    }
    return pool.filter((r) => !ran.has(key(r))).slice(0, count);
  };
  try {
    const ran = new Set<string>();
    const firstRound = propose([], Math.ceil(o.abcRuns / 2), ran);
    const randomRecipes = Array.from({ length: o.abcRuns }, () => randomRecipe(rng, o.length));
    // One ABC run for the first round, the random-search baseline and ABC's own scripts.
    const first = await runAigRecipes({ aig: o.aig, recipes: [...firstRound, ...randomRecipes, ABC_SCRIPTS.resyn2, ABC_SCRIPTS.compress2rs], backend: o.backend });
    const finalOf = (i: number) => first[i].steps[first[i].steps.length - 1];
    const measured = firstRound.map((r, i) => ({ recipe: r, ...finalOf(i) }));
    firstRound.forEach((r) => ran.add(key(r)));
    const realBest = [...measured].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).slice(0, 8).map((m) => m.recipe);
    const secondRound = propose(realBest, o.abcRuns - firstRound.length, ran);
    const second = secondRound.length ? await runAigRecipes({ aig: o.aig, recipes: secondRound, backend: o.backend }) : [];
    measured.push(...secondRound.map((r, i) => ({ recipe: r, ...second[i].steps[second[i].steps.length - 1] })));
    const best = measured.reduce((a, b) => (better(b, a) ? b : a));
    const random = randomRecipes.map((r, i) => ({ recipe: r, ...finalOf(firstRound.length + i) })).reduce((a, b) => (better(b, a) ? b : a));
    return {
      start,
      best: { recipe: best.recipe, nodes: best.nodes, levels: best.levels, predictedNodes: predicted.get(key(best.recipe))! },
      resyn2: finalOf(firstRound.length + o.abcRuns),
      compress2rs: finalOf(firstRound.length + o.abcRuns + 1),
      randomSearch: { recipe: random.recipe, nodes: random.nodes, levels: random.levels },
      abcRuns: measured.length,
      candidatesScored: predicted.size,
    };
  } finally {
    disposeDesignTensors(tensors);
  }
}
