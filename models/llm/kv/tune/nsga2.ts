/**
 * NSGA-II (Deb et al., 2002) over discrete genomes: gene i picks one of `options[i]` choices; every
 * objective is minimized. Constraint domination: a feasible genome beats an infeasible one, and of
 * two infeasible ones the smaller violation wins; infeasible genomes are never evaluated (their
 * violation is known from the genome), so `trials` counts evaluations of distinct feasible genomes.
 * Written here: the search is ~150 lines, and the npm NSGA-II packages seen are unmaintained
 * single-author ports with continuous genomes only.
 */
import { createRng, type Rng } from '../../../../hw/index.ts';

export interface Nsga2Options {
  /** Choices per gene. */
  readonly options: readonly number[];
  /** Objectives to minimize (called once per distinct feasible genome; may be asynchronous, e.g. to let signals through). */
  readonly evaluate: (genome: readonly number[]) => readonly number[] | Promise<readonly number[]>;
  /** How far a genome is outside the constraint (0: feasible). Default: always feasible. */
  readonly violation?: (genome: readonly number[]) => number;
  /** Evaluations allowed (distinct feasible genomes). */
  readonly trials: number;
  readonly population?: number;
  readonly seed?: number;
  /** Genomes evaluated first (e.g. the uniform configurations). */
  readonly initial?: readonly (readonly number[])[];
}

export interface Individual {
  readonly genome: readonly number[];
  readonly objectives: readonly number[];
  readonly violation: number;
}

/** a dominates b under constraint domination. */
export function dominates(a: Individual, b: Individual): boolean {
  if (a.violation !== b.violation) return a.violation < b.violation;
  let better = false;
  for (let i = 0; i < a.objectives.length; i++) {
    if (a.objectives[i] > b.objectives[i]) return false;
    if (a.objectives[i] < b.objectives[i]) better = true;
  }
  return better;
}

/** Fronts of the population (indices), best first. */
export function nonDominatedSort(pop: readonly Individual[]): number[][] {
  const dominatedBy = pop.map(() => [] as number[]);
  const count = pop.map(() => 0);
  pop.forEach((a, i) => pop.forEach((b, j) => {
    if (i !== j && dominates(a, b)) dominatedBy[i].push(j);
    else if (i !== j && dominates(b, a)) count[i]++;
  }));
  const fronts: number[][] = [];
  let current = pop.map((_, i) => i).filter((i) => count[i] === 0);
  while (current.length > 0) {
    fronts.push(current);
    const next: number[] = [];
    for (const i of current) for (const j of dominatedBy[i]) if (--count[j] === 0) next.push(j);
    current = next;
  }
  return fronts;
}

/** Crowding distance of each member of one front (same order as `front`). */
export function crowdingDistance(pop: readonly Individual[], front: readonly number[]): number[] {
  const d = front.map(() => 0);
  const objectives = pop[front[0]]?.objectives.length ?? 0;
  for (let o = 0; o < objectives; o++) {
    const order = front.map((_, i) => i).sort((a, b) => pop[front[a]].objectives[o] - pop[front[b]].objectives[o]);
    const lo = pop[front[order[0]]].objectives[o], hi = pop[front[order[order.length - 1]]].objectives[o];
    d[order[0]] = d[order[order.length - 1]] = Infinity;
    if (!(hi > lo) || !Number.isFinite(hi - lo)) continue;
    for (let r = 1; r < order.length - 1; r++) d[order[r]] += (pop[front[order[r + 1]]].objectives[o] - pop[front[order[r - 1]]].objectives[o]) / (hi - lo);
  }
  return d;
}

/** The individuals no other individual dominates (distinct genomes). */
export function paretoFront(all: readonly Individual[]): Individual[] {
  const feasible = all.filter((x) => x.violation === 0);
  return feasible.filter((a) => !feasible.some((b) => b !== a && dominates(b, a)));
}

/**
 * Runs the search; returns every individual evaluated (feasible ones) and its Pareto front. The
 * random stream depends only on the seed and the objectives, so a rerun whose evaluations come from
 * a cache retraces the same search.
 */
export async function nsga2(o: Nsga2Options): Promise<{ evaluated: Individual[]; front: Individual[] }> {
  const rng = createRng(o.seed ?? 1);
  const size = o.population ?? 16;
  const violation = o.violation ?? (() => 0);
  const seen = new Map<string, Individual>();
  const space = o.options.reduce((p, n) => p * n, 1);
  let evaluations = 0;
  const individual = async (genome: readonly number[]): Promise<Individual> => {
    const key = genome.join(',');
    let x = seen.get(key);
    if (!x) {
      const v = violation(genome);
      x = { genome: [...genome], objectives: v > 0 ? [] : await o.evaluate(genome), violation: v };
      if (v === 0) evaluations++;
      seen.set(key, x);
    }
    return x;
  };
  const randomGenome = () => o.options.map((n) => rng.int(0, n - 1));
  const budgetLeft = () => evaluations < o.trials && evaluations < space;
  let pop: Individual[] = [];
  for (const g of o.initial ?? []) if (budgetLeft()) pop.push(await individual(g));
  for (let tries = 0; pop.length < size && budgetLeft() && tries < 100 * size; tries++) {
    const x = await individual(randomGenome());
    if (!pop.includes(x)) pop.push(x);
  }
  const rank = new Map<Individual, [number, number]>();
  const ranked = (p: Individual[]) => {
    rank.clear();
    nonDominatedSort(p).forEach((f, r) => crowdingDistance(p, f).forEach((d, i) => rank.set(p[f[i]], [r, d])));
  };
  const better = (a: Individual, b: Individual) => {
    const [ra, da] = rank.get(a)!, [rb, db] = rank.get(b)!;
    return ra < rb || (ra === rb && da > db) ? a : b;
  };
  const tournament = () => better(pop[rng.int(0, pop.length - 1)], pop[rng.int(0, pop.length - 1)]);
  for (let stale = 0; budgetLeft() && stale < 50; ) {
    ranked(pop);
    const children: Individual[] = [];
    const before = evaluations;
    for (let tries = 0; children.length < size && budgetLeft() && tries < 20 * size; tries++) {
      const x = await individual(mutate(crossover(tournament().genome, tournament().genome, rng), o.options, rng));
      if (!pop.includes(x) && !children.includes(x)) children.push(x);
    }
    stale = evaluations === before ? stale + 1 : 0; // a generation that found nothing new
    const merged = [...pop, ...children];
    ranked(merged);
    pop = [...merged].sort((a, b) => (better(a, b) === a ? -1 : 1)).slice(0, size);
  }
  const evaluated = [...seen.values()].filter((x) => x.violation === 0);
  return { evaluated, front: paretoFront(evaluated) };
}

/** Uniform crossover. */
function crossover(a: readonly number[], b: readonly number[], rng: Rng): number[] {
  return a.map((g, i) => (rng.next() < 0.5 ? g : b[i]));
}

/** Each gene redrawn with probability 1 / genes (at least one gene changes when all are kept). */
function mutate(g: number[], options: readonly number[], rng: Rng): number[] {
  let changed = false;
  const out = g.map((x, i) => {
    if (options[i] > 1 && rng.next() < 1 / g.length) { changed = true; return (x + rng.int(1, options[i] - 1)) % options[i]; }
    return x;
  });
  if (!changed) {
    const i = rng.int(0, g.length - 1);
    if (options[i] > 1) out[i] = (out[i] + rng.int(1, options[i] - 1)) % options[i];
  }
  return out;
}
