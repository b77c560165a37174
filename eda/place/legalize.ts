import { UserError } from '../../util/index.ts';
import type { PlaceProblem, PlaceRow, Placement } from './model.ts';

/** A free stretch of one row between fixed obstacles, in sites of the row. */
interface Segment {
  readonly row: number;
  readonly s0: number;
  readonly s1: number;
  used: number;
  /** Abacus clusters, left to right: start site, width (sites), weight, q; cells in order. */
  clusters: { x: number; w: number; e: number; q: number; cells: number[] }[];
}

/** Free segments of every row after removing fixed (non-port) cells that overlap it. */
export function rowSegments(problem: PlaceProblem, x: Float64Array, y: Float64Array): Segment[][] {
  return problem.floorplan.rows.map((row, ri) => {
    const blocked: [number, number][] = [];
    problem.cells.forEach((c, i) => {
      if (!c.fixed || c.isPort || c.width <= 0) return;
      if (y[i]! >= row.y + row.height - 1e-9 || y[i]! + c.height <= row.y + 1e-9) return;
      const a = Math.floor((x[i]! - row.x) / row.siteWidth + 1e-6);
      const b = Math.ceil((x[i]! + c.width - row.x) / row.siteWidth - 1e-6);
      if (b > 0 && a < row.sites) blocked.push([Math.max(0, a), Math.min(row.sites, b)]);
    });
    blocked.sort((p, q) => p[0] - q[0]);
    const segs: Segment[] = [];
    let at = 0;
    for (const [a, b] of blocked) {
      if (a > at) segs.push({ row: ri, s0: at, s1: a, used: 0, clusters: [] });
      at = Math.max(at, b);
    }
    if (at < row.sites) segs.push({ row: ri, s0: at, s1: row.sites, used: 0, clusters: [] });
    return segs;
  });
}

/** Where a cell of `w` sites wanting site `xs` would land if appended to the segment (Abacus trial), without changing it. */
function trial(seg: Segment, xs: number, w: number): number {
  let e = 1;
  let q = xs;
  let width = w;
  let k = seg.clusters.length - 1;
  let x = Math.min(Math.max(Math.round(q / e), seg.s0), seg.s1 - width);
  while (k >= 0) {
    const c = seg.clusters[k]!;
    if (c.x + c.w <= x) break;
    // Merge the trial cluster into c: its cells follow c's.
    q = c.q + q - e * c.w;
    e = c.e + e;
    width = c.w + width;
    x = Math.min(Math.max(Math.round(q / e), seg.s0), seg.s1 - width);
    k--;
  }
  return x + width - w;
}

/** Appends a cell to the segment (Abacus placeRow), collapsing clusters. */
function append(seg: Segment, cell: number, xs: number, w: number): void {
  let cur = { x: 0, w, e: 1, q: xs, cells: [cell] };
  cur.x = Math.min(Math.max(Math.round(cur.q / cur.e), seg.s0), seg.s1 - cur.w);
  for (;;) {
    const prev = seg.clusters[seg.clusters.length - 1];
    if (!prev || prev.x + prev.w <= cur.x) break;
    seg.clusters.pop();
    cur = { x: 0, w: prev.w + cur.w, e: prev.e + cur.e, q: prev.q + cur.q - cur.e * prev.w, cells: prev.cells.concat(cur.cells) };
    cur.x = Math.min(Math.max(Math.round(cur.q / cur.e), seg.s0), seg.s1 - cur.w);
  }
  seg.clusters.push(cur);
  seg.used += w;
}

/** Width of a cell in sites of a row. */
export function sitesOf(width: number, row: PlaceRow): number {
  return Math.max(1, Math.ceil(width / row.siteWidth - 1e-6));
}

/**
 * Abacus legalization (Spindler et al., ISPD'08) on the site grid: cells in x order, each into
 * the row and free segment where appending it (and re-solving the row's clusters for least
 * squared displacement) moves it least; clusters sit on whole sites. Fixed cells stay. Returns
 * legal lower-left positions with each cell in its row's orientation.
 */
export function legalize(problem: PlaceProblem, wantX: Float64Array, wantY: Float64Array): Placement {
  const rows = problem.floorplan.rows;
  const segments = rowSegments(problem, wantX, wantY);
  const rowOrder = rows.map((_, i) => i).sort((a, b) => rows[a]!.y - rows[b]!.y);
  const movable = problem.cells.flatMap((c, i) => (c.fixed ? [] : [i])).sort((a, b) => wantX[a]! - wantX[b]!);
  for (const c of movable) {
    const cell = problem.cells[c]!;
    let best: { seg: Segment; xs: number; cost: number } | undefined;
    // Rows nearest in y first; stop once the y distance alone costs more than the best found.
    const y = wantY[c]!;
    let lo = lowerBound(rowOrder, (r) => rows[r]!.y >= y);
    let hi = lo;
    lo--;
    while (lo >= 0 || hi < rowOrder.length) {
      const dyLo = lo >= 0 ? y - rows[rowOrder[lo]!]!.y : Infinity;
      const dyHi = hi < rowOrder.length ? rows[rowOrder[hi]!]!.y - y : Infinity;
      const ri = dyLo <= dyHi ? rowOrder[lo--]! : rowOrder[hi++]!;
      const row = rows[ri]!;
      const dy = row.y - y;
      if (best && dy * dy >= best.cost) break;
      if (row.height + 1e-9 < cell.height) continue;
      const w = sitesOf(cell.width, row);
      const xs = (wantX[c]! - row.x) / row.siteWidth;
      for (const seg of segments[ri]!) {
        if (seg.s1 - seg.s0 - seg.used < w) continue;
        const gap = xs < seg.s0 ? seg.s0 - xs : xs > seg.s1 - w ? xs - (seg.s1 - w) : 0;
        const gapUm = gap * row.siteWidth;
        if (best && gapUm * gapUm + dy * dy >= best.cost) continue;
        const at = trial(seg, xs, w);
        const dx = (at - xs) * row.siteWidth;
        const cost = dx * dx + dy * dy;
        if (!best || cost < best.cost) best = { seg, xs, cost };
      }
    }
    if (!best) throw new UserError(`no row has room for cell ${cell.name} (${cell.macro}, ${cell.width} x ${cell.height} um)`, '--utilization', 'lower the utilization or enlarge the die');
    append(best.seg, c, best.xs, sitesOf(cell.width, rows[best.seg.row]!));
  }
  const x = Float64Array.from(wantX);
  const yOut = Float64Array.from(wantY);
  const orient = problem.cells.map((c) => c.orient ?? 'N');
  for (const segs of segments) {
    for (const seg of segs) {
      const row = rows[seg.row]!;
      for (const cl of seg.clusters) {
        let at = cl.x;
        for (const c of cl.cells) {
          x[c] = row.x + at * row.siteWidth;
          yOut[c] = row.y;
          orient[c] = row.orient;
          at += sitesOf(problem.cells[c]!.width, row);
        }
      }
    }
  }
  return { x, y: yOut, orient };
}

/** First index whose element satisfies `pred` (which must be monotone over the array). */
function lowerBound(arr: readonly number[], pred: (v: number) => boolean): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(arr[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
