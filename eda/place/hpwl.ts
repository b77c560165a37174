import { pinPosition, type PlaceNet, type PlaceProblem, type Placement } from './model.ts';

/** Half-perimeter of one net's pins at a placement (microns); 0 below two pins. */
export function netHpwl(problem: PlaceProblem, net: PlaceNet, p: Placement): number {
  if (net.pins.length < 2) return 0;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const pin of net.pins) {
    const [x, y] = pinPosition(problem.cells[pin.cell]!, pin, p.x[pin.cell]!, p.y[pin.cell]!, p.orient[pin.cell]!);
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return x1 - x0 + (y1 - y0);
}

/** Total half-perimeter wirelength (microns) over every net with two or more pins. */
export function totalHpwl(problem: PlaceProblem, p: Placement): number {
  let sum = 0;
  for (const net of problem.nets) sum += netHpwl(problem, net, p);
  return sum;
}

/** Total HPWL with unflipped pins and cells at the given lower-left coordinates (global placement's view). */
export function quickHpwl(problem: PlaceProblem, x: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (const net of problem.nets) {
    if (net.pins.length < 2) continue;
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (const pin of net.pins) {
      const px = x[pin.cell]! + pin.dx;
      const py = y[pin.cell]! + pin.dy;
      if (px < x0) x0 = px;
      if (px > x1) x1 = px;
      if (py < y0) y0 = py;
      if (py > y1) y1 = py;
    }
    sum += x1 - x0 + (y1 - y0);
  }
  return sum;
}
