import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/index.ts';
import { halfPerimeter, singleTrunk, spanningPaths, spanningTree, steinerTree, trunkPath } from '../../../eda/route-estimate/index.ts';

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

/** Random nets of n pins on a grid x grid square, seeded. */
function randomNets(seed: number): (n: number, grid: number) => { xs: number[]; ys: number[] } {
  const rand = seededRandom(seed);
  return (n, grid) => ({ xs: Array.from({ length: n }, () => Math.round(rand() * grid)), ys: Array.from({ length: n }, () => Math.round(rand() * grid)) });
}

describe('rectilinear Steiner trees', () => {
  const net = randomNets(11);

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
      const { xs, ys } = net(4 + (k * 7) % 40, 100);
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

/** The single-trunk length by its definition: every horizontal trunk height and every vertical trunk position tried. */
function bruteTrunk(xs: number[], ys: number[]): number {
  let best = Infinity;
  for (const at of ys) best = Math.min(best, Math.max(...xs) - Math.min(...xs) + ys.reduce((s, y) => s + Math.abs(y - at), 0));
  for (const at of xs) best = Math.min(best, Math.max(...ys) - Math.min(...ys) + xs.reduce((s, x) => s + Math.abs(x - at), 0));
  return best;
}

describe('single-trunk trees and spanning paths (the timing model\'s O(pins) net geometry)', () => {
  const net = randomNets(5);

  it('the trunk is the shortest of its kind, equals the half-perimeter on 2 and 3 pins, and is never below it', () => {
    for (let k = 0; k < 400; k++) {
      const { xs, ys } = net(2 + (k % 30), 80);
      const t = singleTrunk(xs, ys);
      expect(t.length).toBeCloseTo(bruteTrunk(xs, ys), 9);
      if (xs.length <= 3) expect(t.length).toBeCloseTo(halfPerimeter(xs, ys), 9);
      expect(t.length).toBeGreaterThanOrEqual(halfPerimeter(xs, ys) - 1e-9);
      expect(t.halfPerimeter).toBe(halfPerimeter(xs, ys));
      // The first n points of longer arrays (the parser's reused buffers) give the same tree.
      const padded = (v: ArrayLike<number>) => Float64Array.from([...Array.from(v), 1e6, -1e6]);
      expect(singleTrunk(padded(xs), padded(ys), xs.length)).toEqual(t);
      // A path along the trunk: never shorter than the Manhattan distance, never longer than the tree.
      for (let i = 1; i < xs.length; i++) {
        const p = trunkPath(t, xs, ys, 0, i);
        expect(p).toBeGreaterThanOrEqual(Math.abs(xs[i]! - xs[0]!) + Math.abs(ys[i]! - ys[0]!) - 1e-9);
        expect(p).toBeLessThanOrEqual(t.length + 1e-9);
      }
    }
  });

  it('spanning paths: the spanning tree\'s length, and each pin\'s distance from the root along it', () => {
    for (let k = 0; k < 200; k++) {
      const { xs, ys } = net(2 + (k % 40), 100);
      const path = new Float64Array(xs.length);
      expect(spanningPaths(xs, ys, path)).toBeCloseTo(bruteMst(xs, ys), 9);
      // The same tree as spanningTree: its parents give the same root distances.
      const { parent } = spanningTree(xs, ys);
      const depth = (v: number): number => (v === 0 ? 0 : depth(parent[v]!) + Math.abs(xs[v]! - xs[parent[v]!]!) + Math.abs(ys[v]! - ys[parent[v]!]!));
      for (let i = 0; i < xs.length; i++) expect(path[i]).toBeCloseTo(depth(i), 9);
    }
  });
});
