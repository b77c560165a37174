import { describe, expect, it } from 'vitest';
import { clusterLayers, nsga2, nonDominatedSort, paretoIndices, type Individual } from '../../../../models/llm/kv/index.ts';

/** Every genome of the space (gene i in 0..options[i]-1). */
function allGenomes(options: readonly number[]): number[][] {
  return options.reduce<number[][]>((acc, n) => acc.flatMap((g) => Array.from({ length: n }, (_, v) => [...g, v])), [[]]);
}

/** Objective vectors no other vector dominates, as sorted strings. */
function trueFront(points: readonly (readonly number[])[]): string[] {
  const dom = (a: readonly number[], b: readonly number[]) => a.every((x, i) => x <= b[i]) && a.some((x, i) => x < b[i]);
  return [...new Set(points.filter((p) => !points.some((q) => dom(q, p))).map((p) => p.join(',')))].sort();
}

describe('NSGA-II', () => {
  // Schaffer's two-objective problem on four integer genes x in -3..5: f1 = sum x^2, f2 = sum (x - 2)^2.
  // The Pareto set is x in {0, 1, 2} per gene; the front is computed exhaustively (9^4 genomes).
  const options = [9, 9, 9, 9];
  const f = (g: readonly number[]) => [g.reduce((s, x) => s + (x - 3) ** 2, 0), g.reduce((s, x) => s + (x - 5) ** 2, 0)];

  it('finds the exhaustive Pareto front of a known toy problem', async () => {
    const truth = trueFront(allGenomes(options).map(f));
    const r = await nsga2({ options, evaluate: f, trials: 1500, population: 24, seed: 3 });
    const found = [...new Set(r.front.map((x) => x.objectives.join(',')))].sort();
    expect(found).toEqual(truth);
    expect(r.evaluated.length).toBeLessThanOrEqual(1500);
  });

  it('never evaluates a genome outside the constraint, and keeps its front inside it', async () => {
    const seen: number[][] = [];
    const r = await nsga2({
      options, trials: 400, seed: 5,
      evaluate: (g) => { seen.push([...g]); return f(g); },
      violation: (g) => Math.max(0, g.reduce((s, x) => s + x, 0) - 14),
    });
    expect(seen.every((g) => g.reduce((s, x) => s + x, 0) <= 14)).toBe(true);
    expect(new Set(seen.map((g) => g.join())).size).toBe(seen.length); // each genome evaluated once
    const feasible = allGenomes(options).filter((g) => g.reduce((s, x) => s + x, 0) <= 14);
    expect([...new Set(r.front.map((x) => x.objectives.join(',')))].sort()).toEqual(trueFront(feasible.map(f)));
  });

  it('stops at the trial budget', async () => {
    let calls = 0;
    const r = await nsga2({ options, evaluate: (g) => { calls++; return f(g); }, trials: 7, seed: 2 });
    expect(calls).toBe(7);
    expect(r.evaluated.length).toBe(7);
  });

  it('sorts hand-made points into fronts', () => {
    const ind = (a: number, b: number, violation = 0): Individual => ({ genome: [], objectives: [a, b], violation });
    const pop = [ind(1, 5), ind(2, 2), ind(5, 1), ind(3, 3), ind(4, 4), ind(0, 0, 1)];
    expect(nonDominatedSort(pop)).toEqual([[0, 1, 2], [3], [4], [5]]);
  });
});

describe('intra-layer pruning and inter-layer clustering', () => {
  it('keeps the Pareto pairs of bits against error', () => {
    expect(paretoIndices([{ bits: 8, error: 1 }, { bits: 6, error: 1.5 }, { bits: 6, error: 1.2 }, { bits: 4, error: 3 }, { bits: 5, error: 4 }])).toEqual([0, 2, 3]);
  });
  it('groups layers with similar profiles', () => {
    const profiles = [[0, 0.1], [5, 5], [0.1, 0], [5.2, 4.9], [10, 0]];
    expect(clusterLayers(profiles, 3)).toEqual([[0, 2], [1, 3], [4]]);
    expect(clusterLayers(profiles, 10)).toEqual([[0], [1], [2], [3], [4]]);
  });
});
