import { orientPoint, type Def, type Lef, type LefMacro, type LefRect, type TimingGraph } from '../timing/index.ts';
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

/** The per-key map of a two-level cache, made on first use. */
function innerMap<K extends object, V>(outer: WeakMap<K, Map<string, V>>, key: K): Map<string, V> {
  let m = outer.get(key);
  if (!m) outer.set(key, (m = new Map()));
  return m;
}

/** Per macro: each pin's first LEF rectangle in the macro's own frame (the macro's centre point when it draws none). */
const macroPinBoxes = new WeakMap<LefMacro, Map<string, Box>>();
function pinBox(macro: LefMacro, pin: string): Box {
  const m = innerMap(macroPinBoxes, macro);
  let r = m.get(pin);
  if (!r) {
    r = macro.pins.get(pin)?.rects[0] ?? { x1: macro.width / 2, y1: macro.height / 2, x2: macro.width / 2, y2: macro.height / 2 };
    m.set(pin, r);
  }
  return r;
}

/**
 * A LEF pin box turned by a DEF orientation within its macro (w x h), as placeRect places it
 * before the offset: [min x, min y, max x, max y]. It depends on the LEF alone, so it is found
 * once per box and orientation and kept (as a warm tool keeps its library).
 */
const orientedBoxes = new WeakMap<Box, Map<string, readonly [number, number, number, number]>>();
function orientedBox(r: Box, o: string, w: number, h: number): readonly [number, number, number, number] {
  const m = innerMap(orientedBoxes, r);
  let b = m.get(o);
  if (!b) {
    const [ax, ay] = orientPoint(o, r.x1, r.y1, w, h);
    const [bx, by] = orientPoint(o, r.x2, r.y2, w, h);
    b = [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
    m.set(o, b);
  }
  return b;
}
const ORIGIN: Box = { x1: 0, y1: 0, x2: 0, y2: 0 };

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
  const comps = new Map(def.components.map((c) => [c.name, c]));
  const placed = graph.instances.map((inst) => {
    const comp = comps.get(inst.name);
    if (!comp || comp.x === undefined || comp.y === undefined) return undefined;
    return { comp, macro: lef.macros.get(comp.macro), skip: inst.name.length + 1 };
  });
  const ports = new Map(def.pins.map((p) => [p.name, p]));
  for (let i = 0; i < n; i++) {
    const p = graph.pins[i]!;
    if (p.isPort) {
      const dp = ports.get(p.name);
      if (dp?.x !== undefined && dp.y !== undefined) out.fill(dp.x / dbu, i * 4, i * 4 + 4).fill(dp.y / dbu, i * 4 + 1, i * 4 + 2).fill(dp.y / dbu, i * 4 + 3, i * 4 + 4);
      continue;
    }
    const at = placed[p.inst];
    if (!at) continue;
    const { comp, macro, skip } = at;
    const w = macro?.width ?? 0;
    const h = macro?.height ?? 0;
    const r = macro ? pinBox(macro, p.libPin?.name ?? p.name.slice(skip)) : ORIGIN;
    // placeRect's values: the oriented box (cached per LEF box) plus the component's origin.
    const b = orientedBox(r, comp.orient, w, h);
    const ox = comp.x! / dbu;
    const oy = comp.y! / dbu;
    out[i * 4] = ox + b[0];
    out[i * 4 + 1] = oy + b[1];
    out[i * 4 + 2] = ox + b[2];
    out[i * 4 + 3] = oy + b[3];
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
