import type { PlaceProblem, Placement } from './model.ts';

export interface LegalityReport {
  /** Movable cells not on a row's y or not on a whole site of it, or outside the row. */
  readonly offRow: string[];
  /** Cells (movable or obstacles) outside the die. */
  readonly outsideDie: string[];
  /** Pairs of overlapping cells. */
  readonly overlaps: [string, string][];
}

/** Checks a placement: every movable cell on a row and site, inside the die, no two cells overlapping. */
export function checkLegality(problem: PlaceProblem, p: Placement, eps = 1e-6): LegalityReport {
  const rows = problem.floorplan.rows;
  const die = problem.floorplan.die;
  const offRow: string[] = [];
  const outsideDie: string[] = [];
  problem.cells.forEach((c, i) => {
    if (c.isPort) return;
    const x = p.x[i]!;
    const y = p.y[i]!;
    if (x < die.x1 - eps || y < die.y1 - eps || x + c.width > die.x2 + eps || y + c.height > die.y2 + eps) outsideDie.push(c.name);
    if (c.fixed) return;
    const row = rows.find((r) => Math.abs(r.y - y) < eps);
    const site = row ? (x - row.x) / row.siteWidth : NaN;
    if (!row || Math.abs(site - Math.round(site)) > 1e-6 || site < -eps || x + c.width > row.x + row.sites * row.siteWidth + eps) offRow.push(c.name);
  });
  // Sweep in x: active cells whose x-span is still open are checked for y overlap.
  const boxes = problem.cells.map((c, i) => ({ i, c })).filter(({ c }) => !c.isPort && c.width > 0 && c.height > 0)
    .sort((a, b) => p.x[a.i]! - p.x[b.i]!);
  const overlaps: [string, string][] = [];
  let active: typeof boxes = [];
  for (const b of boxes) {
    const bx = p.x[b.i]!;
    active = active.filter((a) => p.x[a.i]! + a.c.width > bx + eps);
    for (const a of active) {
      const ay = p.y[a.i]!;
      const by = p.y[b.i]!;
      if (ay < by + b.c.height - eps && by < ay + a.c.height - eps) overlaps.push([a.c.name, b.c.name]);
    }
    active.push(b);
  }
  return { offRow, outsideDie, overlaps };
}
