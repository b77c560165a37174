import { seededRandom } from '../../../util/index.ts';
import type { PlaceCell, PlaceNet, PlaceProblem, PlaceRow } from '../../../eda/place/index.ts';

/**
 * A random placement problem: cells 1-6 sites wide on `rows` rows, a fixed tap every `tapEvery`
 * sites in every row, ports on the die edge, random nets of 2-8 pins, for `utilization` of the rows.
 */
export function randomProblem(seed: number, cells: number, rows: number, utilization: number, tapEvery = 0): { problem: PlaceProblem; x: Float64Array; y: Float64Array } {
  const rand = seededRandom(seed);
  const siteWidth = 0.19;
  const height = 1.4;
  const widths = Array.from({ length: cells }, () => 1 + Math.floor(rand() * 6));
  const area = widths.reduce((s, w) => s + w, 0);
  const sites = Math.ceil(area / utilization / rows / (1 - (tapEvery ? 1 / tapEvery : 0)));
  const margin = 2 * height;
  const placeRows: PlaceRow[] = Array.from({ length: rows }, (_, r) => ({ name: `ROW_${r}`, site: 'core', x: margin, y: margin + r * height, sites, siteWidth, height, orient: r % 2 ? 'N' : 'FS' }));
  const list: PlaceCell[] = widths.map((w, i) => ({ name: `c${i}`, macro: `W${w}`, width: w * siteWidth, height, fixed: false }));
  const x: number[] = list.map(() => 0);
  const y: number[] = list.map(() => 0);
  if (tapEvery > 0) {
    for (let r = 0; r < rows; r++) {
      for (let s = tapEvery >> 1; s < sites; s += tapEvery) {
        list.push({ name: `tap_${r}_${s}`, macro: 'TAP', width: siteWidth, height, fixed: true, obstacle: true, orient: placeRows[r]!.orient });
        x.push(margin + s * siteWidth);
        y.push(placeRows[r]!.y);
      }
    }
  }
  const dieW = 2 * margin + sites * siteWidth;
  const dieH = 2 * margin + rows * height;
  const ports = 8;
  for (let p = 0; p < ports; p++) {
    list.push({ name: `p${p}`, macro: '', width: 0, height: 0, fixed: true, isPort: true, direction: p % 2 ? 'OUTPUT' : 'INPUT' });
    x.push(p < ports / 2 ? 0 : dieW);
    y.push(((p % (ports / 2)) + 0.5) * (dieH / (ports / 2)));
  }
  const nets: PlaceNet[] = [];
  for (let n = 0; n < cells; n++) {
    const k = 2 + Math.floor(rand() * 7);
    const pins = Array.from({ length: k }, () => {
      const c = Math.floor(rand() * cells);
      return { cell: c, pin: 'A', dx: rand() * list[c]!.width, dy: rand() * height };
    });
    if (rand() < 0.05) pins.push({ cell: cells + (tapEvery > 0 ? list.filter((c) => c.obstacle).length : 0) + Math.floor(rand() * ports), pin: undefined as unknown as string, dx: 0, dy: 0 });
    nets.push({ name: `n${n}`, pins });
  }
  return {
    problem: { design: `random${seed}`, cells: list, nets, floorplan: { die: { x1: 0, y1: 0, x2: dieW, y2: dieH }, rows: placeRows, dbu: 1000 } },
    x: Float64Array.from(x), y: Float64Array.from(y),
  };
}
