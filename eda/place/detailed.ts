import { pinPosition, type PlaceProblem, type Placement } from './model.ts';
import { rowSegments } from './legalize.ts';

/** Nets with more pins than this are left out of the move gains (one cell barely moves their box). */
const maxNetPins = 64;

interface RowState {
  /** Cells of the row by x (movable only), kept sorted. */
  cells: number[];
  /** Free segments [x0, x1) in microns (between fixed obstacles). */
  segments: [number, number][];
}

/**
 * Detailed placement on a legal placement: each cell tries to move into free space, or to swap
 * with a cell of the same width, at the centre of its optimal region (the median box of its
 * nets without it), then windows of three neighbours in a row try their orders; a move is kept
 * when the HPWL of the nets it touches goes down. Stays legal throughout.
 */
export function detailedPlace(problem: PlaceProblem, legal: Placement, passes = 2): Placement {
  const x = Float64Array.from(legal.x);
  const y = Float64Array.from(legal.y);
  const orient = [...legal.orient];
  const p: Placement = { x, y, orient };
  const rows = problem.floorplan.rows;
  const netsOf: number[][] = problem.cells.map(() => []);
  problem.nets.forEach((net, ni) => {
    if (net.pins.length > maxNetPins) return;
    for (const pin of net.pins) if (netsOf[pin.cell]!.at(-1) !== ni) netsOf[pin.cell]!.push(ni);
  });
  const segs = rowSegments(problem, x, y);
  const state: RowState[] = rows.map((r, ri) => ({ cells: [], segments: segs[ri]!.map((s) => [r.x + s.s0 * r.siteWidth, r.x + s.s1 * r.siteWidth]) }));
  const rowOf = new Int32Array(problem.cells.length).fill(-1);
  problem.cells.forEach((c, i) => {
    if (c.fixed) return;
    const ri = rows.findIndex((r) => Math.abs(r.y - y[i]!) < 1e-6);
    rowOf[i] = ri;
    state[ri]!.cells.push(i);
  });
  for (const s of state) s.cells.sort((a, b) => x[a]! - x[b]!);
  const netCost = (ni: number) => {
    const net = problem.nets[ni]!;
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (const pin of net.pins) {
      const [px, py] = pinPosition(problem.cells[pin.cell]!, pin, x[pin.cell]!, y[pin.cell]!, orient[pin.cell]!);
      if (px < x0) x0 = px;
      if (px > x1) x1 = px;
      if (py < y0) y0 = py;
      if (py > y1) y1 = py;
    }
    return x1 - x0 + (y1 - y0);
  };
  const cost = (cells: number[]) => {
    const seen = new Set<number>();
    let sum = 0;
    for (const c of cells) for (const ni of netsOf[c]!) if (!seen.has(ni)) {
      seen.add(ni);
      sum += netCost(ni);
    }
    return sum;
  };
  /** Median box of the cell's nets without the cell: its optimal region's centre. */
  const optimal = (c: number): [number, number] | undefined => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const ni of netsOf[c]!) {
      let x0 = Infinity;
      let x1 = -Infinity;
      let y0 = Infinity;
      let y1 = -Infinity;
      for (const pin of problem.nets[ni]!.pins) {
        if (pin.cell === c) continue;
        const [px, py] = pinPosition(problem.cells[pin.cell]!, pin, x[pin.cell]!, y[pin.cell]!, orient[pin.cell]!);
        x0 = Math.min(x0, px);
        x1 = Math.max(x1, px);
        y0 = Math.min(y0, py);
        y1 = Math.max(y1, py);
      }
      if (x0 > x1) continue;
      xs.push(x0, x1);
      ys.push(y0, y1);
    }
    if (xs.length === 0) return undefined;
    xs.sort((a, b) => a - b);
    ys.sort((a, b) => a - b);
    const m = xs.length / 2;
    return [(xs[m - 1]! + xs[m]!) / 2, (ys[m - 1]! + ys[m]!) / 2];
  };
  const place = (c: number, ri: number, cx: number) => {
    const old = rowOf[c]!;
    if (old !== ri) {
      const from = state[old]!.cells;
      from.splice(from.indexOf(c), 1);
      rowOf[c] = ri;
      y[c] = rows[ri]!.y;
      orient[c] = rows[ri]!.orient;
    }
    x[c] = cx;
    const list = state[ri]!.cells;
    const at = list.indexOf(c);
    if (at >= 0) list.splice(at, 1);
    let k = 0;
    while (k < list.length && x[list[k]!]! < cx) k++;
    list.splice(k, 0, c);
  };
  /** Free intervals of a row (microns) between its cells and obstacles. */
  const gaps = (ri: number): [number, number][] => {
    const out: [number, number][] = [];
    const cells = state[ri]!.cells;
    let k = 0;
    for (const [s0, s1] of state[ri]!.segments) {
      let at = s0;
      while (k < cells.length && x[cells[k]!]! < s1) {
        const c = cells[k++]!;
        if (x[c]! > at) out.push([at, x[c]!]);
        at = Math.max(at, x[c]! + problem.cells[c]!.width);
      }
      if (s1 > at) out.push([at, s1]);
    }
    return out;
  };
  const nearestRow = (yy: number) => {
    let best = 0;
    rows.forEach((r, i) => {
      if (Math.abs(r.y + r.height / 2 - yy) < Math.abs(rows[best]!.y + rows[best]!.height / 2 - yy)) best = i;
    });
    return best;
  };
  const movable = problem.cells.flatMap((c, i) => (c.fixed ? [] : [i]));
  for (let pass = 0; pass < passes; pass++) {
    for (const c of movable) {
      const target = optimal(c);
      if (!target) continue;
      const cell = problem.cells[c]!;
      const ri0 = nearestRow(target[1]);
      // Try the target row and its neighbours.
      for (const ri of [ri0, ri0 - 1, ri0 + 1]) {
        if (ri < 0 || ri >= rows.length || rows[ri]!.height + 1e-9 < cell.height) continue;
        const row = rows[ri]!;
        const before = cost([c]);
        const ox = x[c]!;
        const or = rowOf[c]!;
        let done = false;
        // A gap wide enough near the target.
        for (const [g0, g1] of gaps(ri)) {
          if (g1 - g0 + 1e-9 < cell.width || g1 < target[0] - 10 * row.height || g0 > target[0] + 10 * row.height) continue;
          const want = Math.min(Math.max(target[0] - cell.width / 2, g0), g1 - cell.width);
          const sx = row.x + Math.round((want - row.x) / row.siteWidth) * row.siteWidth;
          const nx = Math.min(Math.max(sx, g0), g1 - cell.width);
          if (Math.abs((nx - row.x) / row.siteWidth - Math.round((nx - row.x) / row.siteWidth)) > 1e-6) continue;
          place(c, ri, nx);
          if (cost([c]) < before - 1e-9) {
            done = true;
            break;
          }
          place(c, or, ox);
        }
        if (done) break;
        // A same-width cell nearest the target.
        let other = -1;
        for (const d of state[ri]!.cells) {
          if (d === c || Math.abs(problem.cells[d]!.width - cell.width) > 1e-9) continue;
          if (other < 0 || Math.abs(x[d]! - target[0]) < Math.abs(x[other]! - target[0])) other = d;
        }
        if (other < 0) continue;
        const both = cost([c, other]);
        const dx = x[other]!;
        const dr = rowOf[other]!;
        place(other, or, ox);
        place(c, ri, dx);
        if (cost([c, other]) < both - 1e-9) break;
        place(c, or, ox);
        place(other, dr, dx);
      }
    }
    // Windows of three neighbours: try every order packed from the window's left edge.
    for (let ri = 0; ri < rows.length; ri++) {
      const list = state[ri]!.cells;
      for (let k = 0; k + 2 < list.length; k++) {
        const win = [list[k]!, list[k + 1]!, list[k + 2]!];
        const left = x[win[0]!]!;
        const right = x[win[2]!]! + problem.cells[win[2]!]!.width;
        const width = win.reduce((s, c) => s + problem.cells[c]!.width, 0);
        if (width > right - left + 1e-9) continue;
        // The window must not straddle an obstacle.
        if (!state[ri]!.segments.some(([s0, s1]) => left >= s0 - 1e-9 && right <= s1 + 1e-9)) continue;
        const saved = win.map((c) => x[c]!);
        const base = cost(win);
        let best = base;
        let bestX: number[] | undefined;
        for (const perm of [[0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]) {
          let at = left;
          for (const i of perm) {
            x[win[i]!] = at;
            at += problem.cells[win[i]!]!.width;
          }
          const cst = cost(win);
          if (cst < best - 1e-9) {
            best = cst;
            bestX = win.map((c) => x[c]!);
          }
        }
        const final = bestX ?? saved;
        win.forEach((c, i) => (x[c] = final[i]!));
        if (bestX) list.sort((a, b) => x[a]! - x[b]!);
      }
    }
  }
  return p;
}

