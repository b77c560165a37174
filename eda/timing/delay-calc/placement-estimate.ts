import { UserError } from '../../../util/index.ts';
import type { Def } from '../def/index.ts';
import type { TimingGraph } from '../graph/index.ts';
import type { Lef, LefLayer } from '../lef/index.ts';
import { piFromMoments, throughResistor, type Moments } from './effective-cap.ts';
import type { ParasiticsSource } from './parasitics.ts';
import { pinCap } from './wire-load.ts';

/** Wire resistance (ohm/um) and capacitance (F/um) of a routing layer at its default width. */
export function layerRC(layer: LefLayer): { r: number; c: number } {
  const w = layer.width ?? 0;
  const r = w > 0 && layer.resistancePerSquare !== undefined ? layer.resistancePerSquare / w : 0;
  const c = (layer.capacitancePerSquare ?? 0) * w + 2 * (layer.edgeCapacitance ?? 0);
  return { r, c };
}

/** Per-micron R and C for horizontal and vertical wiring: the lowest routing layer of each direction above the first. */
export function routingRC(lef: Lef): { h: { r: number; c: number }; v: { r: number; c: number } } {
  const routing = [...lef.layers.values()].filter((l) => l.type === 'ROUTING' && l.width !== undefined);
  const pick = (dir: 'HORIZONTAL' | 'VERTICAL') => {
    const of = routing.filter((l) => l.direction === dir);
    const layer = of[1] ?? of[0];
    if (!layer) throw new UserError(`LEF: no ${dir.toLowerCase()} routing layer with a width`, '--lef', 'give the technology LEF');
    return layerRC(layer);
  };
  return { h: pick('HORIZONTAL'), v: pick('VERTICAL') };
}

/** Pin locations (microns) of every graph pin placed by the DEF: cell origin + LEF pin shape centre, oriented. */
export function pinLocations(graph: TimingGraph, def: Def, lef: Lef): Map<number, [number, number]> {
  const dbu = def.dbuPerMicron || lef.dbuPerMicron || 1000;
  const out = new Map<number, [number, number]>();
  const comps = new Map(def.components.map((c) => [c.name, c]));
  graph.pins.forEach((p, i) => {
    if (p.isPort) {
      const dp = def.pins.find((d) => d.name === p.name);
      if (dp?.x !== undefined && dp.y !== undefined) out.set(i, [dp.x / dbu, dp.y / dbu]);
      return;
    }
    const inst = graph.instances[p.inst]!;
    const comp = comps.get(inst.name);
    if (!comp || comp.x === undefined || comp.y === undefined) return;
    const macro = lef.macros.get(comp.macro);
    const pinName = p.name.slice(inst.name.length + 1);
    const shapes = macro?.pins.get(pinName)?.rects ?? [];
    let cx = (macro?.width ?? 0) / 2;
    let cy = (macro?.height ?? 0) / 2;
    if (shapes.length > 0) {
      const r = shapes[0]!;
      cx = (r.x1 + r.x2) / 2;
      cy = (r.y1 + r.y2) / 2;
    }
    const [ox, oy] = orientPoint(comp.orient, cx, cy, macro?.width ?? 0, macro?.height ?? 0);
    out.set(i, [comp.x / dbu + ox, comp.y / dbu + oy]);
  });
  return out;
}

/** A point of a macro of size w x h placed with a DEF orientation, relative to the placed lower-left corner. */
export function orientPoint(o: string, x: number, y: number, w: number, h: number): [number, number] {
  switch (o) {
    case 'S': return [w - x, h - y];
    case 'FN': return [w - x, y];
    case 'FS': return [x, h - y];
    case 'E': return [y, w - x];
    case 'W': return [h - y, x];
    case 'FE': return [y, x];
    case 'FW': return [h - y, w - x];
    default: return [x, y];
  }
}

export interface NetEstimate {
  /** Half-perimeter wirelength (um), wire R (ohm) and C (F). */
  hpwl: number;
  res: number;
  cap: number;
}

/** HPWL-based wire R and C of a net from its placed pins; undefined for nets with < 2 placed pins. */
export function estimateNet(graph: TimingGraph, net: number, loc: Map<number, [number, number]>, rc: ReturnType<typeof routingRC>): NetEstimate | undefined {
  const n = graph.nets[net]!;
  const pts = [...n.drivers, ...n.loads].map((p) => loc.get(p)).filter((p): p is [number, number] => p !== undefined);
  if (pts.length < 2) return undefined;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const dx = Math.max(...xs) - Math.min(...xs);
  const dy = Math.max(...ys) - Math.min(...ys);
  return { hpwl: dx + dy, res: dx * rc.h.r + dy * rc.v.r, cap: dx * rc.h.c + dy * rc.v.c };
}

/**
 * Pre-route parasitics from placement: each net's wire is its half-perimeter box wired with the
 * per-micron R and C of the LEF routing layers, modelled as a star from the driver (each load's
 * branch as long as its Manhattan distance, scaled so the branches add up to the HPWL), giving
 * Elmore delays and a pi model like an extracted net.
 */
export function placementParasitics(graph: TimingGraph, def: Def, lef: Lef): ParasiticsSource {
  const rc = routingRC(lef);
  const loc = pinLocations(graph, def, lef);
  return (ni) => {
    const n = graph.nets[ni]!;
    const drv = n.drivers[0];
    const est = estimateNet(graph, ni, loc, rc);
    if (drv === undefined || !est) return undefined;
    const d0 = loc.get(drv);
    const branch = new Map<number, { r: number; c: number }>();
    if (d0) {
      const lengths = n.loads.map((l) => {
        const p = loc.get(l);
        return p ? [Math.abs(p[0] - d0[0]), Math.abs(p[1] - d0[1])] as const : ([0, 0] as const);
      });
      const total = lengths.reduce((s, [x, y]) => s + x + y, 0);
      const scale = total > 0 ? est.hpwl / total : 0;
      n.loads.forEach((l, k) => {
        const [x, y] = lengths[k]!;
        branch.set(l, { r: (x * rc.h.r + y * rc.v.r) * scale, c: (x * rc.h.c + y * rc.v.c) * scale });
      });
    }
    const pi = [0, 1].map((rf) => {
      let m: Moments = { y1: 0, y2: 0, y3: 0 };
      for (const l of n.loads) {
        const b = branch.get(l) ?? { r: 0, c: 0 };
        const up = throughResistor({ y1: b.c / 2 + pinCap(graph, l, rf), y2: 0, y3: 0 }, b.r);
        m = { y1: m.y1 + up.y1 + b.c / 2, y2: m.y2 + up.y2, y3: m.y3 + up.y3 };
      }
      return piFromMoments(m);
    });
    return {
      wireCap: est.cap,
      wireDelay: (load, rf) => {
        const b = branch.get(load);
        return b ? b.r * (b.c / 2 + pinCap(graph, load, rf)) : 0;
      },
      pi: (rf) => pi[rf]!,
    };
  };
}
