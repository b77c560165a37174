/**
 * Linear assignment (the Hungarian algorithm of the `munkres` package) and the balanced assignment
 * CMoE's clustering needs: n items into clusters of exactly `size` items each, at minimum total
 * cost, by repeating every centroid `size` times as columns of a square problem.
 */
import { munkres } from 'munkres';

/** The column of each row in a minimum-cost assignment (rows <= columns; every row gets a distinct column). */
export function linearAssignment(cost: readonly (readonly number[])[]): Int32Array {
  const out = new Int32Array(cost.length).fill(-1);
  for (const [r, c] of munkres(cost as number[][])) out[r] = c;
  return out;
}

/**
 * The cluster of each of n = clusters x size items given cost[item][cluster], every cluster taking
 * exactly `size` items, minimising the summed cost.
 */
export function balancedAssignment(cost: readonly (readonly number[])[], clusters: number, size: number): Int32Array {
  const n = cost.length;
  if (n !== clusters * size) throw new Error(`balanced assignment of ${n} items needs clusters x size = ${clusters} x ${size}`);
  const expanded = cost.map((row) => Array.from({ length: n }, (_, j) => row[Math.floor(j / size)]));
  return linearAssignment(expanded).map((j) => Math.floor(j / size));
}
