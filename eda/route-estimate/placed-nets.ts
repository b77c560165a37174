import { orientPoint, type Def, type DefComponent, type DefPin, type Lef, type LefMacro, type LefRect, type TimingGraph } from '../timing/index.ts';
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

type Box = Pick<LefRect, 'x1' | 'y1' | 'x2' | 'y2'>;

function placeRect(r: Box, o: string, w: number, h: number, ox: number, oy: number): [number, number, number, number] {
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

type Oriented = readonly [number, number, number, number];

/**
 * Per LEF macro and DEF orientation: each pin's first LEF rectangle (the macro's centre point
 * when it draws none) turned by the orientation within the macro, as placeRect places it before
 * the offset: [min x, min y, max x, max y]. It depends on the LEF alone, so it is found once per
 * macro, orientation and pin and kept (as a warm tool keeps its library); an instance looks up
 * its macro and orientation once, each of its pins its box by name.
 */
const orientedPinBoxes = new WeakMap<LefMacro, Map<string, Map<string, Oriented>>>();
function orientedBoxesOf(macro: LefMacro, o: string): Map<string, Oriented> {
  let byOrient = orientedPinBoxes.get(macro);
  if (!byOrient) orientedPinBoxes.set(macro, (byOrient = new Map()));
  let boxes = byOrient.get(o);
  if (!boxes) byOrient.set(o, (boxes = new Map()));
  return boxes;
}
function orientedBox(boxes: Map<string, Oriented>, macro: LefMacro, o: string, pin: string): Oriented {
  let b = boxes.get(pin);
  if (!b) {
    const r = macro.pins.get(pin)?.rects[0] ?? { x1: macro.width / 2, y1: macro.height / 2, x2: macro.width / 2, y2: macro.height / 2 };
    const [ax, ay] = orientPoint(o, r.x1, r.y1, macro.width, macro.height);
    const [bx, by] = orientPoint(o, r.x2, r.y2, macro.width, macro.height);
    b = [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
    boxes.set(pin, b);
  }
  return b;
}
/** A component whose macro the LEF lacks: its pins at its origin, as placeRect places a zero box in a 0 x 0 macro. */
const AT_ORIGIN: Oriented = [0, 0, 0, 0];

/** One box per graph pin (microns; NaN when unplaced): x1, y1, x2, y2 of `pin * 4`. */
export type PinBoxes = Float64Array;

/**
 * One box per graph pin: the pin's first LEF rectangle, placed and oriented, or the port's DEF
 * position as a point. A cheaper stand-in for `pinShapes` (no shape lists): what a placement-stage
 * model needs to reach a pin from its net's other pins.
 */
export function pinBoxes(graph: TimingGraph, def: Def, lef: Lef): PinBoxes {
  const dbu = def.dbuPerMicron || lef.dbuPerMicron || 1000;
  const n = graph.pins.length;
  const out = new Float64Array(n * 4).fill(NaN);
  const comps = new Map<string, DefComponent>();
  for (const c of def.components) comps.set(c.name, c);
  // Per instance: its origin, its macro's oriented pin boxes, the length of its name's prefix in its pins' names.
  const placed = graph.instances.map((inst) => {
    const comp = comps.get(inst.name);
    if (!comp || comp.x === undefined || comp.y === undefined) return undefined;
    const macro = lef.macros.get(comp.macro);
    return { ox: comp.x / dbu, oy: comp.y / dbu, macro, orient: comp.orient, boxes: macro ? orientedBoxesOf(macro, comp.orient) : undefined, skip: inst.name.length + 1 };
  });
  const ports = new Map<string, DefPin>();
  for (const p of def.pins) ports.set(p.name, p);
  for (let i = 0; i < n; i++) {
    const p = graph.pins[i]!;
    if (p.isPort) {
      const dp = ports.get(p.name);
      if (dp?.x !== undefined && dp.y !== undefined) out.fill(dp.x / dbu, i * 4, i * 4 + 4).fill(dp.y / dbu, i * 4 + 1, i * 4 + 2).fill(dp.y / dbu, i * 4 + 3, i * 4 + 4);
      continue;
    }
    const at = placed[p.inst];
    if (!at) continue;
    const b = at.boxes ? orientedBox(at.boxes, at.macro!, at.orient, p.libPin?.name ?? p.name.slice(at.skip)) : AT_ORIGIN;
    out[i * 4] = at.ox + b[0];
    out[i * 4 + 1] = at.oy + b[1];
    out[i * 4 + 2] = at.ox + b[2];
    out[i * 4 + 3] = at.oy + b[3];
  }
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

/** A net's placed pins (graph pin indices, driver first) and their access points, without names. */
export interface NetPoints {
  readonly net: number;
  readonly graphPins: number[];
  readonly xs: Float64Array;
  readonly ys: Float64Array;
}

/**
 * Every driven net with two or more placed pins, each pin reached at the point of its LEF shapes
 * nearest to the centre of the net's other pins (ports at their DEF pin).
 */
export function netPoints(graph: TimingGraph, shapes: ReadonlyMap<number, PinShapes>): NetPoints[] {
  const out: NetPoints[] = [];
  graph.nets.forEach((n, ni) => {
    const driver = n.drivers[0];
    if (driver === undefined || !shapes.has(driver)) return;
    const graphPins = [driver];
    for (const l of n.loads) if (shapes.has(l)) graphPins.push(l);
    const k = graphPins.length;
    if (k < 2) return;
    const cx = new Float64Array(k);
    const cy = new Float64Array(k);
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < k; i++) {
      const [x1, y1, x2, y2] = shapes.get(graphPins[i]!)![0]!;
      cx[i] = (x1 + x2) / 2;
      cy[i] = (y1 + y2) / 2;
      sx += cx[i]!;
      sy += cy[i]!;
    }
    const xs = new Float64Array(k);
    const ys = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      // The centre of the other pins: for two pins, the other pin itself.
      const [ax, ay] = accessPoint(shapes.get(graphPins[i]!)!, (sx - cx[i]!) / (k - 1), (sy - cy[i]!) / (k - 1));
      xs[i] = ax;
      ys[i] = ay;
    }
    out.push({ net: ni, graphPins, xs, ys });
  });
  return out;
}

/**
 * The nets of a timing graph with their pin locations from a placement (see `netPoints`) and the
 * parasitics node name of every pin. Nets without a driver or with fewer than two placed pins are
 * left out: they carry no wire.
 */
export function placedNets(graph: TimingGraph, def: Def, lef: Lef, shapes = pinShapes(graph, def, lef)): PlacedNet[] {
  return netPoints(graph, shapes).map((n) => ({
    name: graph.nets[n.net]!.name, net: n.net, graphPins: n.graphPins,
    pins: n.graphPins.map((p, i) => ({ name: spefPinName(graph, p), x: n.xs[i]!, y: n.ys[i]! })),
  }));
}
