import { spanningTree } from './steiner.ts';

/**
 * The single-trunk Steiner tree, an O(pins) net topology estimate: one trunk along the x (or y)
 * extent of the pins at their median y (or x), a straight branch from each pin to the trunk; the
 * orientation with the shorter total is kept. It needs no spanning tree, so a placement-stage
 * timing model can afford it on every net; it is the optimum for 2 and 3 pins (the half-perimeter) and, like
 * every tree over the pins, never shorter than the half-perimeter.
 */
export interface SingleTrunk {
  /** Total length (microns). */
  readonly length: number;
  /** True when the trunk is horizontal (runs along x at `at` = the median y). */
  readonly horizontal: boolean;
  readonly at: number;
  /** The pins' half-perimeter (halfPerimeter's value: the extents are found on the way). */
  readonly halfPerimeter: number;
}

/** Median of the first n values (the lower one of an even count), by selection in a copy (no sort: clock nets have thousands of pins). */
function median(v: ArrayLike<number>, n: number, scratch: Float64Array): number {
  // Most nets have two or three pins.
  if (n === 2) return Math.min(v[0]!, v[1]!);
  if (n === 3) return Math.max(Math.min(v[0]!, v[1]!), Math.min(Math.max(v[0]!, v[1]!), v[2]!));
  for (let i = 0; i < n; i++) scratch[i] = v[i]!;
  return select(scratch, n, (n - 1) >> 1);
}

/** The k-th smallest of a[0 .. n) (Hoare's selection, middle pivot; reorders a). */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

let scratch = new Float64Array(64);

/** The single-trunk tree of the first n points (node 0 the driver; all of them by default). */
export function singleTrunk(xs: ArrayLike<number>, ys: ArrayLike<number>, n = xs.length): SingleTrunk {
  if (n < 2) return { length: 0, horizontal: true, at: n === 1 ? ys[0]! : 0, halfPerimeter: 0 };
  if (scratch.length < n) scratch = new Float64Array(n * 2);
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, xs[i]!);
    x1 = Math.max(x1, xs[i]!);
    y0 = Math.min(y0, ys[i]!);
    y1 = Math.max(y1, ys[i]!);
  }
  const my = median(ys, n, scratch);
  const mx = median(xs, n, scratch);
  let h = x1 - x0;
  let v = y1 - y0;
  for (let i = 0; i < n; i++) {
    h += Math.abs(ys[i]! - my);
    v += Math.abs(xs[i]! - mx);
  }
  const halfPerimeter = x1 - x0 + (y1 - y0);
  return h <= v ? { length: h, horizontal: true, at: my, halfPerimeter } : { length: v, horizontal: false, at: mx, halfPerimeter };
}

/** Length along a single-trunk tree from pin `from` to pin `to`: down to the trunk, along it, up to the pin. */
export function trunkPath(t: SingleTrunk, xs: ArrayLike<number>, ys: ArrayLike<number>, from: number, to: number): number {
  return t.horizontal
    ? Math.abs(ys[from]! - t.at) + Math.abs(xs[from]! - xs[to]!) + Math.abs(ys[to]! - t.at)
    : Math.abs(xs[from]! - t.at) + Math.abs(ys[from]! - ys[to]!) + Math.abs(xs[to]! - t.at);
}

/** A spanning tree's length (Prim, O(n^2)), each node's path length from node 0 along it written to `path`. */
export function spanningPaths(xs: ArrayLike<number>, ys: ArrayLike<number>, path: Float64Array): number {
  return spanningTree(xs, ys, path).length;
}
