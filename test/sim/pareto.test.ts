// The Pareto front against an independent reference: in two objectives, sort by the first and keep
// each point that improves on the best second objective seen so far.
import { describe, expect, it } from 'vitest';
import { paretoFront } from '../../sim/explore/index.ts';
import { seededRandom } from '../../util/index.ts';

function sweepFront(points: readonly (readonly [number, number])[]): number[] {
  const order = points.map((_, i) => i).sort((a, b) => points[a][0] - points[b][0] || points[a][1] - points[b][1]);
  const front: number[] = [];
  let bestY = Infinity;
  for (const i of order) {
    if (points[i][1] < bestY) {
      front.push(i);
      bestY = points[i][1];
    }
  }
  return front.sort((a, b) => a - b);
}

describe('paretoFront', () => {
  it('equals the sort-and-scan front on random 2-D point sets (distinct coordinates)', () => {
    const random = seededRandom(5);
    for (let t = 0; t < 200; t++) {
      const n = 1 + Math.floor(random() * 40);
      const pts = Array.from({ length: n }, () => [random(), random()] as const);
      expect(paretoFront(pts)).toEqual(sweepFront(pts));
    }
  });

  it('in four objectives, every point off the front is dominated and none on it is', () => {
    const random = seededRandom(9);
    const pts = Array.from({ length: 60 }, () => [random(), random(), random(), random()]);
    const front = new Set(paretoFront(pts));
    const dominated = (i: number) => pts.some((o, j) => j !== i && o.every((v, k) => v <= pts[i][k]) && o.some((v, k) => v < pts[i][k]));
    for (let i = 0; i < pts.length; i++) expect(front.has(i)).toBe(!dominated(i));
    // A duplicate of a front point does not dominate it: both stay.
    expect(paretoFront([[1, 2], [1, 2], [2, 3]])).toEqual([0, 1]);
  });
});
