import type { PlaceProblem } from './model.ts';

/** Position along the die boundary, counter-clockwise from the lower-left corner, and back. */
function toPerimeter(die: PlaceProblem['floorplan']['die'], x: number, y: number): number {
  const w = die.x2 - die.x1;
  const h = die.y2 - die.y1;
  const dl = x - die.x1;
  const dr = die.x2 - x;
  const db = y - die.y1;
  const dt = die.y2 - y;
  const m = Math.min(dl, dr, db, dt);
  if (m === db) return Math.min(Math.max(x - die.x1, 0), w);
  if (m === dr) return w + Math.min(Math.max(y - die.y1, 0), h);
  if (m === dt) return w + h + Math.min(Math.max(die.x2 - x, 0), w);
  return 2 * w + h + Math.min(Math.max(die.y2 - y, 0), h);
}

function fromPerimeter(die: PlaceProblem['floorplan']['die'], t: number): [number, number] {
  const w = die.x2 - die.x1;
  const h = die.y2 - die.y1;
  if (t < w) return [die.x1 + t, die.y1];
  if (t < w + h) return [die.x2, die.y1 + t - w];
  if (t < 2 * w + h) return [die.x2 - (t - w - h), die.y2];
  return [die.x1, die.y2 - (t - 2 * w - h)];
}

/**
 * Puts free ports on evenly spaced slots around the die edge: each port wants the boundary point
 * nearest the centroid of the pins it connects to; ports keep that order around the boundary and
 * the rotation with the least total displacement is chosen. Without placed cells (first call)
 * the order is the ports' order.
 */
export function placePorts(problem: PlaceProblem, ports: readonly number[], x: Float64Array, y: Float64Array, useCentroids: boolean): void {
  if (ports.length === 0) return;
  const die = problem.floorplan.die;
  const perimeter = 2 * (die.x2 - die.x1 + die.y2 - die.y1);
  const want = new Map<number, number>();
  ports.forEach((p, i) => want.set(p, (i * perimeter) / ports.length));
  if (useCentroids) {
    const sum = new Map<number, [number, number, number]>();
    for (const net of problem.nets) {
      const mine = net.pins.filter((p) => want.has(p.cell));
      if (mine.length === 0) continue;
      const others = net.pins.filter((p) => !want.has(p.cell));
      for (const m of mine) {
        const s = sum.get(m.cell) ?? [0, 0, 0];
        for (const o of others) {
          s[0] += x[o.cell]! + o.dx;
          s[1] += y[o.cell]! + o.dy;
          s[2]++;
        }
        sum.set(m.cell, s);
      }
    }
    for (const [p, [sx, sy, k]] of sum) if (k > 0) want.set(p, toPerimeter(die, sx / k, sy / k));
  }
  const order = [...ports].sort((a, b) => want.get(a)! - want.get(b)!);
  const n = order.length;
  const slot = (k: number) => ((k + 0.5) * perimeter) / n;
  const circular = (a: number, b: number) => {
    const d = Math.abs(a - b) % perimeter;
    return Math.min(d, perimeter - d);
  };
  let bestShift = 0;
  let bestCost = Infinity;
  for (let s = 0; s < n; s++) {
    let cost = 0;
    for (let i = 0; i < n && cost < bestCost; i++) cost += circular(want.get(order[i]!)!, slot((i + s) % n));
    if (cost < bestCost) {
      bestCost = cost;
      bestShift = s;
    }
  }
  order.forEach((p, i) => {
    const [px, py] = fromPerimeter(die, slot((i + bestShift) % n));
    x[p] = px;
    y[p] = py;
  });
}
