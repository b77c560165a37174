import { UserError } from '../../util/index.ts';
import type { Lef, LefLayer } from '../timing/index.ts';

/** A routing layer above the cells' pin layer, with its wire R and C per micron at default width. */
export interface RoutingLayer {
  readonly name: string;
  readonly horizontal: boolean;
  /** Ohms per micron. */
  readonly r: number;
  /** Farads per micron: area and fringe to ground (the LEF's) plus coupling to neighbouring wires. */
  readonly c: number;
  readonly cGround: number;
  readonly cCoupling: number;
  /** Ohms of one cut from the layer below (the pin layer for the first routing layer). */
  readonly viaBelow: number;
}

export interface RouteTechnology {
  /** The layer most cell pins are drawn on (metal1, li1, ...): pin access starts there. */
  readonly pinLayer: string;
  readonly pinLayerR: number;
  readonly pinLayerC: number;
  /** Routing layers above the pin layer, bottom up. */
  readonly layers: RoutingLayer[];
  /** Layer pairs (indices into layers: [horizontal, vertical]) from the lowest up. */
  readonly pairs: [number, number][];
  /** Length of the pin-access stub on the pin layer at every pin (microns). */
  readonly pinAccessLength: number;
}

export interface TechnologyOptions {
  /**
   * Fraction of the neighbouring tracks (each side) taken by other wires, for the coupling
   * capacitance k * eps0 * thickness / spacing per side; default 0.5.
   */
  readonly neighbourOccupancy?: number;
  /** Ohms per cut for cut layers whose LEF gives no RESISTANCE (default 5). */
  readonly defaultViaResistance?: number;
  /** Pin-access stub length in microns (default: the first routing layer's pitch). */
  readonly pinAccessLength?: number;
}

const epsilon0 = 8.854e-18; // F/um
const silicaK = 3.9;

/** Relative permittivity implied by the layer's own area capacitance and height (SiO2 when the LEF lacks them). */
function dielectricK(l: LefLayer): number {
  if (l.capacitancePerSquare && l.height) return (l.capacitancePerSquare * l.height) / epsilon0;
  return silicaK;
}

/** Wire R (ohm/um) and ground and coupling C (F/um) of a layer at its default width. */
export function wireRC(l: LefLayer, occupancy: number): { r: number; cGround: number; cCoupling: number } {
  const w = l.width ?? 0;
  const r = w > 0 && l.resistancePerSquare !== undefined ? l.resistancePerSquare / w : 0;
  const cGround = (l.capacitancePerSquare ?? 0) * w + 2 * (l.edgeCapacitance ?? 0);
  const spacing = l.spacing ?? (l.pitch !== undefined && l.pitch > w ? l.pitch - w : w);
  const cCoupling = l.thickness && spacing > 0 ? (2 * occupancy * dielectricK(l) * epsilon0 * l.thickness) / spacing : 0;
  return { r, cGround, cCoupling };
}

/** The most common layer of the macros' signal pin shapes. */
function pinLayerOf(lef: Lef): string | undefined {
  const count = new Map<string, number>();
  for (const m of lef.macros.values()) {
    for (const p of m.pins.values()) {
      if (p.use === 'POWER' || p.use === 'GROUND') continue;
      for (const r of p.rects) count.set(r.layer, (count.get(r.layer) ?? 0) + 1);
    }
  }
  let best: string | undefined;
  for (const [l, n] of count) if (best === undefined || n > count.get(best)!) best = l;
  return best;
}

/** Builds the routing stack from technology + cell LEF: layers above the pin layer, via resistances, layer pairs. */
export function routeTechnology(lef: Lef, options: TechnologyOptions = {}): RouteTechnology {
  const occupancy = options.neighbourOccupancy ?? 0.5;
  const defaultVia = options.defaultViaResistance ?? 5;
  const all = [...lef.layers.values()];
  const routingAll = all.filter((l) => l.type === 'ROUTING' && l.width !== undefined);
  if (routingAll.length < 2) throw new UserError('LEF: fewer than two routing layers with a width', '--lef', 'give the technology LEF first, then the cell LEF');
  const pinLayer = pinLayerOf(lef) ?? routingAll[0]!.name;
  const pinIndex = all.findIndex((l) => l.name === pinLayer);
  const layers: RoutingLayer[] = [];
  let cutR = defaultVia;
  let sawCut = false;
  for (let i = pinIndex + 1; i < all.length; i++) {
    const l = all[i]!;
    if (l.type === 'CUT') {
      cutR = l.cutResistance ?? defaultVia;
      sawCut = true;
      continue;
    }
    if (l.type !== 'ROUTING' || l.width === undefined || !l.direction) continue;
    const rc = wireRC(l, occupancy);
    layers.push({ name: l.name, horizontal: l.direction === 'HORIZONTAL', r: rc.r, c: rc.cGround + rc.cCoupling, cGround: rc.cGround, cCoupling: rc.cCoupling, viaBelow: sawCut ? cutR : defaultVia });
    sawCut = false;
    cutR = defaultVia;
  }
  const pairs: [number, number][] = [];
  const hs = layers.flatMap((l, i) => (l.horizontal ? [i] : []));
  const vs = layers.flatMap((l, i) => (l.horizontal ? [] : [i]));
  for (let k = 0; k < Math.min(hs.length, vs.length); k++) pairs.push([hs[k]!, vs[k]!]);
  if (pairs.length === 0) throw new UserError('LEF: no horizontal and vertical routing layers above the pin layer', '--lef', 'give a technology LEF with DIRECTION on its routing layers');
  const pinLef = lef.layers.get(pinLayer);
  const pinRC = pinLef ? wireRC(pinLef, occupancy) : { r: 0, cGround: 0, cCoupling: 0 };
  const firstPitch = lef.layers.get(layers[0]!.name)?.pitch ?? 0;
  return {
    pinLayer, layers, pairs,
    pinLayerR: pinRC.r,
    pinLayerC: pinRC.cGround + pinRC.cCoupling,
    pinAccessLength: options.pinAccessLength ?? firstPitch,
  };
}

/** Resistance of the via stack from the pin layer up to routing layer `top` (index into layers). */
export function viaStackResistance(tech: RouteTechnology, top: number): number {
  let r = 0;
  for (let i = 0; i <= top; i++) r += tech.layers[i]!.viaBelow;
  return r;
}

/** Resistance of the vias between two routing layers (indices). */
export function viaBetween(tech: RouteTechnology, a: number, b: number): number {
  let r = 0;
  for (let i = Math.min(a, b) + 1; i <= Math.max(a, b); i++) r += tech.layers[i]!.viaBelow;
  return r;
}
