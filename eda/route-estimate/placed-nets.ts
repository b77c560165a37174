import { orientPoint, type Def, type Lef, type LefRect, type TimingGraph } from '../timing/index.ts';
import type { NetPin } from './rc-net.ts';

/** A net's placed pins, driver first, with the graph pin index of each. */
export interface PlacedNet {
  readonly name: string;
  readonly net: number;
  readonly pins: NetPin[];
  readonly graphPins: number[];
}

/** A pin's shapes in die coordinates (microns): rectangles [x1, y1, x2, y2]. */
export type PinShapes = [number, number, number, number][];

/** The parasitics node name of a graph pin: `inst:pin`, or the port's name. */
export function spefPinName(graph: TimingGraph, pin: number): string {
  const p = graph.pins[pin]!;
  if (p.isPort) return p.name;
  const inst = graph.instances[p.inst]!.name;
  return `${inst}:${p.name.slice(inst.length + 1)}`;
}

function placeRect(r: LefRect, o: string, w: number, h: number, ox: number, oy: number): [number, number, number, number] {
  const [ax, ay] = orientPoint(o, r.x1, r.y1, w, h);
  const [bx, by] = orientPoint(o, r.x2, r.y2, w, h);
  return [ox + Math.min(ax, bx), oy + Math.min(ay, by), ox + Math.max(ax, bx), oy + Math.max(ay, by)];
}

/**
 * The shapes of every placed graph pin: the LEF pin rectangles of its cell, placed and oriented
 * (the cell's centre when the LEF draws none), and a point at each placed port.
 */
export function pinShapes(graph: TimingGraph, def: Def, lef: Lef): Map<number, PinShapes> {
  const dbu = def.dbuPerMicron || lef.dbuPerMicron || 1000;
  const comps = new Map(def.components.map((c) => [c.name, c]));
  const ports = new Map(def.pins.map((p) => [p.name, p]));
  const out = new Map<number, PinShapes>();
  graph.pins.forEach((p, i) => {
    if (p.isPort) {
      const dp = ports.get(p.name);
      if (dp?.x !== undefined && dp.y !== undefined) out.set(i, [[dp.x / dbu, dp.y / dbu, dp.x / dbu, dp.y / dbu]]);
      return;
    }
    const inst = graph.instances[p.inst]!;
    const comp = comps.get(inst.name);
    if (!comp || comp.x === undefined || comp.y === undefined) return;
    const macro = lef.macros.get(comp.macro);
    const w = macro?.width ?? 0;
    const h = macro?.height ?? 0;
    const ox = comp.x / dbu;
    const oy = comp.y / dbu;
    const rects = macro?.pins.get(p.name.slice(inst.name.length + 1))?.rects ?? [];
    if (rects.length === 0) {
      const [cx, cy] = orientPoint(comp.orient, w / 2, h / 2, w, h);
      out.set(i, [[ox + cx, oy + cy, ox + cx, oy + cy]]);
    } else out.set(i, rects.map((r) => placeRect(r, comp.orient, w, h, ox, oy)));
  });
  return out;
}

/** The point of a pin's shapes nearest to (x, y): where a router would reach the pin from there. */
export function accessPoint(shapes: PinShapes, x: number, y: number): [number, number] {
  let best: [number, number] = [x, y];
  let bestD = Infinity;
  for (const [x1, y1, x2, y2] of shapes) {
    const px = Math.min(Math.max(x, x1), x2);
    const py = Math.min(Math.max(y, y1), y2);
    const d = Math.abs(px - x) + Math.abs(py - y);
    if (d < bestD) {
      bestD = d;
      best = [px, py];
    }
  }
  return best;
}

function centre(shapes: PinShapes): [number, number] {
  const [x1, y1, x2, y2] = shapes[0]!;
  return [(x1 + x2) / 2, (y1 + y2) / 2];
}

/**
 * The nets of a timing graph with their pin locations from a placement. Each pin is reached at
 * the point of its LEF shapes nearest to the centre of the net's other pins (ports at their DEF
 * pin). Nets without a driver or with fewer than two placed pins are left out: they carry no wire.
 */
export function placedNets(graph: TimingGraph, def: Def, lef: Lef, shapes = pinShapes(graph, def, lef)): PlacedNet[] {
  const out: PlacedNet[] = [];
  graph.nets.forEach((n, ni) => {
    const driver = n.drivers[0];
    if (driver === undefined || !shapes.has(driver)) return;
    const graphPins = [driver, ...n.loads.filter((l) => shapes.has(l))];
    if (graphPins.length < 2) return;
    const centres = graphPins.map((p) => centre(shapes.get(p)!));
    let sx = 0;
    let sy = 0;
    for (const [x, y] of centres) {
      sx += x;
      sy += y;
    }
    const k = graphPins.length;
    out.push({
      name: n.name, net: ni, graphPins,
      pins: graphPins.map((p, i) => {
        // The centre of the other pins: for two pins, the other pin itself.
        const [x, y] = accessPoint(shapes.get(p)!, (sx - centres[i]![0]) / (k - 1), (sy - centres[i]![1]) / (k - 1));
        return { name: spefPinName(graph, p), x, y };
      }),
    });
  });
  return out;
}
