import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/index.ts';
import { checkLegality, detailedPlace, globalPlace, legalize, netHpwl, pinPosition, totalHpwl, type Placement } from '../../../eda/place/index.ts';
import { randomProblem } from './random-problem.ts';

/** HPWL by brute force: the largest pin-pair distance in x plus in y. */
function bruteForceHpwl(problem: ReturnType<typeof randomProblem>['problem'], p: Placement): number {
  let sum = 0;
  for (const net of problem.nets) {
    const pts = net.pins.map((pin) => pinPosition(problem.cells[pin.cell]!, pin, p.x[pin.cell]!, p.y[pin.cell]!, p.orient[pin.cell]!));
    let dx = 0;
    let dy = 0;
    for (const a of pts) for (const b of pts) {
      dx = Math.max(dx, Math.abs(a[0] - b[0]));
      dy = Math.max(dy, Math.abs(a[1] - b[1]));
    }
    sum += dx + dy;
  }
  return sum;
}

describe('placement of random netlists', () => {
  it('HPWL equals the brute-force pin-pair computation, flipped rows included', () => {
    const { problem } = randomProblem(3, 60, 6, 0.5);
    const rand = seededRandom(9);
    const orients = ['N', 'FS', 'FN', 'S'];
    const p: Placement = { x: Float64Array.from(problem.cells, () => rand() * 20), y: Float64Array.from(problem.cells, () => rand() * 10), orient: problem.cells.map(() => orients[Math.floor(rand() * 4)]!) };
    expect(totalHpwl(problem, p)).toBeCloseTo(bruteForceHpwl(problem, p), 9);
    expect(netHpwl(problem, problem.nets[0]!, p)).toBeGreaterThan(0);
  });

  for (const [seed, cells, rows, util, taps] of [[1, 300, 12, 0.5, 0], [2, 500, 14, 0.8, 40], [4, 200, 5, 0.85, 30]] as const) {
    it(`global + legal + detailed: every cell on a row and site, inside the die, no overlaps (${cells} cells, utilization ${util}${taps ? ', taps' : ''})`, () => {
      const { problem, x, y } = randomProblem(seed, cells, rows, util, taps);
      const gp = globalPlace(problem, x, y, { maxIterations: 30 });
      const legal = legalize(problem, gp.x, gp.y);
      const before = checkLegality(problem, legal);
      expect(before.offRow).toEqual([]);
      expect(before.outsideDie).toEqual([]);
      expect(before.overlaps).toEqual([]);
      const final = detailedPlace(problem, legal);
      const after = checkLegality(problem, final);
      expect(after.offRow).toEqual([]);
      expect(after.outsideDie).toEqual([]);
      expect(after.overlaps).toEqual([]);
      // Fixed cells never move; detailed placement never makes the wirelength worse.
      problem.cells.forEach((c, i) => {
        if (c.fixed) {
          expect(final.x[i]).toBe(x[i]);
          expect(final.y[i]).toBe(y[i]);
        }
      });
      expect(totalHpwl(problem, final)).toBeLessThanOrEqual(totalHpwl(problem, legal) + 1e-9);
    });
  }

  it('the legality check finds an overlap, an off-site cell and a cell outside the die', () => {
    const { problem, x, y } = randomProblem(5, 50, 4, 0.4);
    const legal = legalize(problem, globalPlace(problem, x, y, { maxIterations: 10 }).x, y.map((v, i) => (problem.cells[i]!.fixed ? v : problem.floorplan.rows[0]!.y)));
    expect(checkLegality(problem, legal).overlaps).toEqual([]);
    const bad: Placement = { x: Float64Array.from(legal.x), y: Float64Array.from(legal.y), orient: legal.orient };
    bad.x[1] = bad.x[0]!;
    bad.y[1] = bad.y[0]!;
    bad.x[2] = bad.x[2]! + 0.05;
    bad.x[3] = problem.floorplan.die.x2 + 5;
    const r = checkLegality(problem, bad);
    expect(r.overlaps.some(([a, b]) => [a, b].includes('c0') && [a, b].includes('c1'))).toBe(true);
    expect(r.offRow).toContain('c2');
    expect(r.outsideDie).toContain('c3');
  });
});
