import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/index.ts';
import { halfPerimeter, spanningTree, steinerTree } from '../../../eda/route-estimate/index.ts';

/** Prim's MST length by the plain O(n^3) definition (closest pair between tree and rest each step). */
function bruteMst(xs: number[], ys: number[]): number {
  const inTree = [0];
  let total = 0;
  while (inTree.length < xs.length) {
    let best = Infinity;
    let pick = -1;
    for (let v = 0; v < xs.length; v++) {
      if (inTree.includes(v)) continue;
      for (const u of inTree) {
        const d = Math.abs(xs[u]! - xs[v]!) + Math.abs(ys[u]! - ys[v]!);
        if (d < best) {
          best = d;
          pick = v;
        }
      }
    }
    inTree.push(pick);
    total += best;
  }
  return total;
}

/** Length of a tree from its parent array. */
function treeLength(t: ReturnType<typeof steinerTree>): number {
  let s = 0;
  for (let v = 0; v < t.xs.length; v++) {
    const p = t.parent[v]!;
    if (p >= 0) s += Math.abs(t.xs[v]! - t.xs[p]!) + Math.abs(t.ys[v]! - t.ys[p]!);
  }
  return s;
}

describe('rectilinear Steiner trees', () => {
  const rand = seededRandom(11);
  const net = (n: number, grid: number) => ({ xs: Array.from({ length: n }, () => Math.round(rand() * grid)), ys: Array.from({ length: n }, () => Math.round(rand() * grid)) });

  it('equal the half-perimeter (the optimum) on 2- and 3-pin nets', () => {
    for (let k = 0; k < 500; k++) {
      const { xs, ys } = net(2 + (k % 2), 50);
      const t = steinerTree(xs, ys);
      expect(t.length).toBeCloseTo(halfPerimeter(xs, ys), 9);
      expect(treeLength(t)).toBeCloseTo(t.length, 9);
    }
  });

  it('are never longer than the spanning tree, never shorter than the half-perimeter, and span every pin', () => {
    for (let k = 0; k < 300; k++) {
      const { xs, ys } = net(4 + Math.floor(rand() * 40), 100);
      const mst = spanningTree(xs, ys);
      expect(mst.length).toBeCloseTo(bruteMst(xs, ys), 9);
      const t = steinerTree(xs, ys);
      expect(t.length).toBeLessThanOrEqual(mst.length + 1e-9);
      expect(t.length).toBeGreaterThanOrEqual(halfPerimeter(xs, ys) - 1e-9);
      expect(treeLength(t)).toBeCloseTo(t.length, 9);
      // Pins keep their place and every node reaches the root.
      for (let i = 0; i < xs.length; i++) {
        expect([t.xs[i], t.ys[i]]).toEqual([xs[i], ys[i]]);
        let v = i;
        for (let guard = 0; v > 0 && guard < t.xs.length; guard++) v = t.parent[v]!;
        expect(v).toBe(0);
      }
    }
  });

  it('save length on average against the spanning tree (4 to 12 pins)', () => {
    let mst = 0;
    let st = 0;
    for (let k = 0; k < 300; k++) {
      const { xs, ys } = net(4 + (k % 9), 100);
      mst += spanningTree(xs, ys).length;
      st += steinerTree(xs, ys).length;
    }
    // Random nets: optimal Steiner trees are about 11-12% shorter than spanning trees; heuristics ~8-10%.
    expect(st / mst).toBeLessThan(0.95);
  });
});
