import type { PlaceProblem } from './model.ts';

/**
 * Free placement area on a grid of bins (one row tall, a few rows wide), minus fixed obstacles,
 * with a summed-area table for region capacities.
 */
export class CapacityGrid {
  readonly nx: number;
  readonly ny: number;
  readonly x0: number;
  readonly y0: number;
  readonly binWidth: number;
  readonly binHeight: number;
  /** Summed-area table of free area, (nx + 1) * (ny + 1). */
  private readonly sat: Float64Array;

  constructor(problem: PlaceProblem, fixedX: Float64Array, fixedY: Float64Array, binRows = 4) {
    const rows = problem.floorplan.rows;
    const h = rows[0]!.height;
    this.x0 = Math.min(...rows.map((r) => r.x));
    this.y0 = Math.min(...rows.map((r) => r.y));
    const x1 = Math.max(...rows.map((r) => r.x + r.sites * r.siteWidth));
    const y1 = Math.max(...rows.map((r) => r.y + r.height));
    this.binHeight = h;
    this.binWidth = h * binRows;
    this.nx = Math.max(1, Math.ceil((x1 - this.x0) / this.binWidth));
    this.ny = Math.max(1, Math.round((y1 - this.y0) / h));
    const free = new Float64Array(this.nx * this.ny);
    const addSpan = (xa: number, xb: number, ya: number, yb: number, sign: number) => {
      const bx0 = Math.max(0, Math.floor((xa - this.x0) / this.binWidth));
      const bx1 = Math.min(this.nx - 1, Math.floor((xb - this.x0 - 1e-9) / this.binWidth));
      const by0 = Math.max(0, Math.floor((ya - this.y0) / h));
      const by1 = Math.min(this.ny - 1, Math.floor((yb - this.y0 - 1e-9) / h));
      for (let by = by0; by <= by1; by++) {
        const oy = Math.min(yb, this.y0 + (by + 1) * h) - Math.max(ya, this.y0 + by * h);
        if (oy <= 0) continue;
        for (let bx = bx0; bx <= bx1; bx++) {
          const ox = Math.min(xb, this.x0 + (bx + 1) * this.binWidth) - Math.max(xa, this.x0 + bx * this.binWidth);
          if (ox > 0) free[by * this.nx + bx]! += sign * ox * oy;
        }
      }
    };
    for (const r of rows) addSpan(r.x, r.x + r.sites * r.siteWidth, r.y, r.y + r.height, 1);
    problem.cells.forEach((c, i) => {
      if (c.fixed && !c.isPort && c.width > 0 && c.height > 0) addSpan(fixedX[i]!, fixedX[i]! + c.width, fixedY[i]!, fixedY[i]! + c.height, -1);
    });
    this.sat = new Float64Array((this.nx + 1) * (this.ny + 1));
    const w = this.nx + 1;
    for (let by = 0; by < this.ny; by++) {
      for (let bx = 0; bx < this.nx; bx++) {
        this.sat[(by + 1) * w + bx + 1] = Math.max(0, free[by * this.nx + bx]!) + this.sat[by * w + bx + 1]! + this.sat[(by + 1) * w + bx]! - this.sat[by * w + bx]!;
      }
    }
  }

  /** Free area of bins [bx0, bx1) x [by0, by1). */
  capacity(bx0: number, bx1: number, by0: number, by1: number): number {
    const w = this.nx + 1;
    return this.sat[by1 * w + bx1]! - this.sat[by0 * w + bx1]! - this.sat[by1 * w + bx0]! + this.sat[by0 * w + bx0]!;
  }
}

/**
 * Rough legalization (the upper bound of SimPL-style placement): recursive bisection of the die
 * into halves, cells split between them in coordinate order in proportion to the halves' free
 * area, down to single bins where cells line up in x order. Relative order is kept, so a spread
 * placement stays close to the quadratic one. Moves the centres `cx`, `cy` of `cells` in place.
 */
export function spreadCells(problem: PlaceProblem, grid: CapacityGrid, cells: readonly number[], cx: Float64Array, cy: Float64Array, targetDensity = 0.7): void {
  const area = (c: number) => problem.cells[c]!.width * problem.cells[c]!.height;
  let totalArea = 0;
  for (const c of cells) totalArea += area(c);
  const density = Math.min(1, Math.max(targetDensity, (1.02 * totalArea) / Math.max(1e-12, grid.capacity(0, grid.nx, 0, grid.ny))));
  const binX = (v: number) => Math.min(grid.nx - 1, Math.max(0, Math.floor((v - grid.x0) / grid.binWidth)));
  const binY = (v: number) => Math.min(grid.ny - 1, Math.max(0, Math.floor((v - grid.y0) / grid.binHeight)));
  /**
   * The smallest window around the cells (inside the region) whose free area at the target
   * density holds them: cells only spread as far as they must (SimPL's look-ahead idea).
   */
  const window = (list: number[], rx0: number, rx1: number, ry0: number, ry1: number, need: number): [number, number, number, number] => {
    let x0 = rx1;
    let x1 = rx0;
    let y0 = ry1;
    let y1 = ry0;
    for (const c of list) {
      const bx = Math.min(rx1 - 1, Math.max(rx0, binX(cx[c]!)));
      const by = Math.min(ry1 - 1, Math.max(ry0, binY(cy[c]!)));
      if (bx < x0) x0 = bx;
      if (bx + 1 > x1) x1 = bx + 1;
      if (by < y0) y0 = by;
      if (by + 1 > y1) y1 = by + 1;
    }
    while (grid.capacity(x0, x1, y0, y1) * density < need) {
      if (x0 === rx0 && x1 === rx1 && y0 === ry0 && y1 === ry1) break;
      // Grow the shorter side (in microns) first, keeping the window square-ish.
      const growX = (x1 - x0) * grid.binWidth <= (y1 - y0) * grid.binHeight ? x0 > rx0 || x1 < rx1 : !(y0 > ry0 || y1 < ry1);
      if (growX) {
        if (x0 > rx0) x0--;
        if (x1 < rx1) x1++;
      } else {
        if (y0 > ry0) y0--;
        if (y1 < ry1) y1++;
      }
    }
    return [x0, x1, y0, y1];
  };
  const leaf = (list: number[], bx: number, by: number) => {
    list.sort((a, b) => cx[a]! - cx[b]!);
    let width = 0;
    for (const c of list) width += problem.cells[c]!.width;
    const gap = Math.max(0, (grid.binWidth - width) / list.length);
    let at = grid.x0 + bx * grid.binWidth + gap / 2;
    const y = grid.y0 + (by + 0.5) * grid.binHeight;
    for (const c of list) {
      const w = problem.cells[c]!.width;
      cx[c] = at + w / 2;
      cy[c] = y;
      at += w + gap;
    }
  };
  const recurse = (list: number[], rx0: number, rx1: number, ry0: number, ry1: number): void => {
    if (list.length === 0) return;
    let need = 0;
    for (const c of list) need += area(c);
    const [bx0, bx1, by0, by1] = window(list, rx0, rx1, ry0, ry1, need);
    const wide = (bx1 - bx0) * grid.binWidth >= (by1 - by0) * grid.binHeight;
    const splitX = bx1 - bx0 > 1 && (wide || by1 - by0 === 1);
    if (!splitX && by1 - by0 === 1) {
      leaf(list, bx0, by0);
      return;
    }
    const mid = splitX ? (bx0 + bx1) >> 1 : (by0 + by1) >> 1;
    const capA = splitX ? grid.capacity(bx0, mid, by0, by1) : grid.capacity(bx0, bx1, by0, mid);
    const capB = splitX ? grid.capacity(mid, bx1, by0, by1) : grid.capacity(bx0, bx1, mid, by1);
    const key = splitX ? cx : cy;
    list.sort((a, b) => key[a]! - key[b]!);
    const goal = capA + capB > 0 ? (need * capA) / (capA + capB) : need / 2;
    let acc = 0;
    let cut = 0;
    while (cut < list.length && acc + area(list[cut]!) / 2 <= goal) acc += area(list[cut++]!);
    if (splitX) {
      recurse(list.slice(0, cut), bx0, mid, by0, by1);
      recurse(list.slice(cut), mid, bx1, by0, by1);
    } else {
      recurse(list.slice(0, cut), bx0, bx1, by0, mid);
      recurse(list.slice(cut), bx0, bx1, mid, by1);
    }
  };
  for (const [x0, x1, y0, y1] of overfilledRegions(problem, grid, cells, cx, cy, density)) {
    const inside = cells.filter((c) => {
      const bx = binX(cx[c]!);
      const by = binY(cy[c]!);
      return bx >= x0 && bx < x1 && by >= y0 && by < y1;
    });
    recurse(inside, x0, x1, y0, y1);
  }
}

/**
 * SimPL's look-ahead legalization regions: clusters of bins filled above the target density,
 * each grown (keeping it square-ish) until its free area at the target density holds the cells
 * inside it; overlapping regions are merged and regrown. Cells elsewhere are left where they are.
 */
function overfilledRegions(problem: PlaceProblem, grid: CapacityGrid, cells: readonly number[], cx: Float64Array, cy: Float64Array, density: number): [number, number, number, number][] {
  const { nx, ny } = grid;
  const used = new Float64Array(nx * ny);
  const binOf = (c: number) => {
    const bx = Math.min(nx - 1, Math.max(0, Math.floor((cx[c]! - grid.x0) / grid.binWidth)));
    const by = Math.min(ny - 1, Math.max(0, Math.floor((cy[c]! - grid.y0) / grid.binHeight)));
    return by * nx + bx;
  };
  for (const c of cells) used[binOf(c)]! += problem.cells[c]!.width * problem.cells[c]!.height;
  // Summed-area table of used area, for the area inside any window.
  const w = nx + 1;
  const sat = new Float64Array((nx + 1) * (ny + 1));
  for (let by = 0; by < ny; by++) for (let bx = 0; bx < nx; bx++) sat[(by + 1) * w + bx + 1] = used[by * nx + bx]! + sat[by * w + bx + 1]! + sat[(by + 1) * w + bx]! - sat[by * w + bx]!;
  const usedIn = (x0: number, x1: number, y0: number, y1: number) => sat[y1 * w + x1]! - sat[y0 * w + x1]! - sat[y1 * w + x0]! + sat[y0 * w + x0]!;
  const over = (i: number) => used[i]! > density * grid.capacity(i % nx, (i % nx) + 1, Math.floor(i / nx), Math.floor(i / nx) + 1) + 1e-9;
  const seen = new Uint8Array(nx * ny);
  let regions: [number, number, number, number][] = [];
  for (let i = 0; i < nx * ny; i++) {
    if (seen[i] || !over(i)) continue;
    // Flood-fill a cluster of overfilled bins.
    let x0 = nx;
    let x1 = 0;
    let y0 = ny;
    let y1 = 0;
    const stack = [i];
    seen[i] = 1;
    while (stack.length > 0) {
      const b = stack.pop()!;
      const bx = b % nx;
      const by = Math.floor(b / nx);
      x0 = Math.min(x0, bx);
      x1 = Math.max(x1, bx + 1);
      y0 = Math.min(y0, by);
      y1 = Math.max(y1, by + 1);
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
        const ax = bx + dx;
        const ay = by + dy;
        if (ax < 0 || ay < 0 || ax >= nx || ay >= ny) continue;
        const a = ay * nx + ax;
        if (!seen[a] && over(a)) {
          seen[a] = 1;
          stack.push(a);
        }
      }
    }
    regions.push([x0, x1, y0, y1]);
  }
  const grow = (r: [number, number, number, number]): [number, number, number, number] => {
    let [x0, x1, y0, y1] = r;
    while (grid.capacity(x0, x1, y0, y1) * density < usedIn(x0, x1, y0, y1)) {
      if (x0 === 0 && x1 === nx && y0 === 0 && y1 === ny) break;
      const growX = (x1 - x0) * grid.binWidth <= (y1 - y0) * grid.binHeight ? x0 > 0 || x1 < nx : !(y0 > 0 || y1 < ny);
      if (growX) {
        if (x0 > 0) x0--;
        if (x1 < nx) x1++;
      } else {
        if (y0 > 0) y0--;
        if (y1 < ny) y1++;
      }
    }
    return [x0, x1, y0, y1];
  };
  regions = regions.map(grow);
  // Merge overlapping regions until none overlap.
  for (let merged = true; merged; ) {
    merged = false;
    outer: for (let a = 0; a < regions.length; a++) {
      for (let b = a + 1; b < regions.length; b++) {
        const ra = regions[a]!;
        const rb = regions[b]!;
        if (ra[0] < rb[1] && rb[0] < ra[1] && ra[2] < rb[3] && rb[2] < ra[3]) {
          regions[a] = grow([Math.min(ra[0], rb[0]), Math.max(ra[1], rb[1]), Math.min(ra[2], rb[2]), Math.max(ra[3], rb[3])]);
          regions.splice(b, 1);
          merged = true;
          break outer;
        }
      }
    }
  }
  return regions;
}
