import { seededRandom } from '../../util/index.ts';
import { quickHpwl } from './hpwl.ts';
import type { PlaceProblem } from './model.ts';
import { buildB2B, solveConjugateGradient } from './quadratic.ts';
import { CapacityGrid, spreadCells } from './spread.ts';

export interface GlobalOptions {
  /** Stop when the spread (upper-bound) HPWL is within this factor of the quadratic one (default 1.04). */
  readonly gap?: number;
  readonly maxIterations?: number;
  /** Anchor weight growth per iteration (SimPL's pseudo-net weight grows as step * (1 + iteration); default 0.1). */
  readonly anchorStep?: number;
  readonly seed?: number;
  /** Target density of spreading (default 0.7, OpenROAD's default; raised to the utilization when higher). */
  readonly targetDensity?: number;
  /** Called after each iteration with the lower- and upper-bound HPWL. */
  readonly onIteration?: (iteration: number, lower: number, upper: number) => void;
}

export interface GlobalResult {
  /** Spread lower-left positions of every cell (fixed cells unchanged). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly iterations: number;
  readonly lowerHpwl: number;
  readonly upperHpwl: number;
}

/**
 * Analytic global placement in the manner of SimPL (Kim, Lee, Markov, ICCAD'10): a quadratic
 * lower bound (B2B net model, conjugate gradients) and a rough-legalized upper bound (recursive
 * bisection spreading), tied by anchors from each cell to its upper-bound position whose weight
 * grows every iteration, until the two bounds' HPWL meet. Returns the upper bound.
 */
export function globalPlace(problem: PlaceProblem, x0: Float64Array, y0: Float64Array, options: GlobalOptions = {}): GlobalResult {
  const n = problem.cells.length;
  const variable = new Int32Array(n).fill(-1);
  const movable: number[] = [];
  problem.cells.forEach((c, i) => {
    if (!c.fixed) variable[i] = movable.push(i) - 1;
  });
  const x = Float64Array.from(x0);
  const y = Float64Array.from(y0);
  const rows = problem.floorplan.rows;
  const rowH = rows[0]!.height;
  const minDistance = rowH / 2;
  // Start from the middle of the rows with a little seeded jitter (B2B needs distinct positions).
  const rand = seededRandom(options.seed ?? 1);
  const cx0 = (Math.min(...rows.map((r) => r.x)) + Math.max(...rows.map((r) => r.x + r.sites * r.siteWidth))) / 2;
  const cy0 = (Math.min(...rows.map((r) => r.y)) + Math.max(...rows.map((r) => r.y + r.height))) / 2;
  for (const c of movable) {
    x[c] = cx0 + (rand() - 0.5) * rowH - problem.cells[c]!.width / 2;
    y[c] = cy0 + (rand() - 0.5) * rowH - problem.cells[c]!.height / 2;
  }
  const solve = (anchorX?: Float64Array, anchorY?: Float64Array, alpha = 0, tolerance = 1e-4) => {
    for (const [pos, anchor, dim] of [[x, anchorX, 'x'], [y, anchorY, 'y']] as const) {
      const sys = buildB2B(problem, pos, dim, variable, movable.length, minDistance, anchor ? { target: anchor, alpha } : undefined);
      const v = Float64Array.from(movable, (c) => pos[c]!);
      solveConjugateGradient(sys, v, tolerance, 150);
      movable.forEach((c, i) => (pos[c] = v[i]!));
    }
  };
  for (let k = 0; k < 5; k++) solve(undefined, undefined, 0, 1e-5);
  const grid = new CapacityGrid(problem, x, y);
  const ux = Float64Array.from(x);
  const uy = Float64Array.from(y);
  const maxIterations = options.maxIterations ?? 100;
  const gap = options.gap ?? 1.04;
  const step = options.anchorStep ?? 0.1;
  let lower = quickHpwl(problem, x, y);
  let upper = lower;
  let it = 0;
  for (; it < maxIterations; it++) {
    // Upper bound: spread the cells' centres, then back to lower-left corners.
    const cx = new Float64Array(n);
    const cy = new Float64Array(n);
    for (const c of movable) {
      cx[c] = x[c]! + problem.cells[c]!.width / 2;
      cy[c] = y[c]! + problem.cells[c]!.height / 2;
    }
    spreadCells(problem, grid, movable, cx, cy, options.targetDensity ?? 0.7);
    for (const c of movable) {
      ux[c] = cx[c]! - problem.cells[c]!.width / 2;
      uy[c] = cy[c]! - problem.cells[c]!.height / 2;
    }
    upper = quickHpwl(problem, ux, uy);
    options.onIteration?.(it, lower, upper);
    if (upper <= gap * lower) break;
    solve(ux, uy, step * (1 + it));
    lower = quickHpwl(problem, x, y);
  }
  return { x: ux, y: uy, iterations: it + 1, lowerHpwl: lower, upperHpwl: upper };
}
