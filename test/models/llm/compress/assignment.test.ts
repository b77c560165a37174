import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../hw/index.ts';
import { balancedAssignment, linearAssignment } from '../../../../models/llm/compress/index.ts';

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

const randomCost = (rows: number, cols: number, seed: number) => {
  const rng = createRng(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.floor(rng.next() * 20)));
};

describe('linear assignment (munkres)', () => {
  it('finds the minimum total cost of every permutation on random 6x6 problems', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const cost = randomCost(6, 6, seed);
      const a = linearAssignment(cost);
      expect(new Set(a).size).toBe(6);
      const best = Math.min(...permutations(6).map((p) => p.reduce((s, c, r) => s + cost[r][c], 0)));
      expect(Array.from(a).reduce((s, c, r) => s + cost[r][c], 0)).toBe(best);
    }
  });
});

/** Every way to put n items into `clusters` clusters of `size` each, by brute force. */
function balancedAssignments(n: number, clusters: number, size: number): number[][] {
  const out: number[][] = [];
  const counts = new Array(clusters).fill(0);
  const a: number[] = [];
  const go = (i: number) => {
    if (i === n) { out.push([...a]); return; }
    for (let c = 0; c < clusters; c++) {
      if (counts[c] === size) continue;
      counts[c]++; a.push(c); go(i + 1); a.pop(); counts[c]--;
    }
  };
  go(0);
  return out;
}

describe('balanced assignment', () => {
  it('is balanced and optimal against brute force (8 items, 4 clusters of 2; 9 items, 3 of 3)', () => {
    for (const [clusters, size] of [[4, 2], [3, 3]]) {
      const n = clusters * size;
      const all = balancedAssignments(n, clusters, size);
      for (let seed = 1; seed <= 10; seed++) {
        const cost = randomCost(n, clusters, 100 * clusters + seed);
        const a = balancedAssignment(cost, clusters, size);
        for (let c = 0; c < clusters; c++) expect(Array.from(a).filter((x) => x === c).length).toBe(size);
        const total = (x: ArrayLike<number>) => Array.from(x).reduce((s, c, i) => s + cost[i][c], 0);
        expect(total(a)).toBe(Math.min(...all.map(total)));
      }
    }
  });
});
