import { steinerTree, type SteinerTree } from './steiner.ts';
import { viaBetween, viaStackResistance, type RouteTechnology } from './technology.ts';

/** A pin of a net to route: its parasitics node name (`inst:pin` or a port) and location (microns). */
export interface NetPin {
  readonly name: string;
  readonly x: number;
  readonly y: number;
}

/** An RC tree rooted at node 0 (the driver pin): the pins are nodes 0..pins-1, internal nodes follow. */
export interface RcNet {
  readonly name: string;
  readonly nodes: string[];
  readonly pins: number;
  /** Ground (and grounded coupling) capacitance per node, farads. */
  readonly cap: number[];
  /** Parent node and resistance to it (ohms); -1 at the root. */
  readonly parent: number[];
  readonly res: number[];
  /** Steiner tree length (microns), the layer pair used (0 = lowest) and the via cuts placed. */
  readonly length: number;
  readonly pair: number;
  readonly vias: number;
}

export interface RouteOptions {
  /**
   * Tree lengths (microns) above which a net goes to the second and third layer pairs; default
   * 400 and 2000 first-layer pitches.
   */
  readonly pairThresholds?: readonly number[];
  /** Longest wire piece per RC segment (microns, default 25): longer wires become several pi sections. */
  readonly maxSegment?: number;
}

/** The layer pair for a net of this tree length. */
export function layerPairFor(length: number, tech: RouteTechnology, options: RouteOptions): number {
  const pitch = tech.pinAccessLength > 0 ? tech.pinAccessLength : 1;
  const thresholds = options.pairThresholds ?? [400 * pitch, 2000 * pitch];
  let pair = 0;
  while (pair < thresholds.length && length > thresholds[pair]! && pair + 1 < tech.pairs.length) pair++;
  return pair;
}

class RcBuilder {
  readonly nodes: string[] = [];
  readonly cap: number[] = [];
  readonly parent: number[] = [];
  readonly res: number[] = [];
  vias = 0;
  private internal = 0;

  constructor(readonly net: string) {}

  add(name: string | undefined, parent: number, res: number): number {
    const i = this.nodes.length;
    this.nodes.push(name ?? `${this.net}:${++this.internal}`);
    this.cap.push(0);
    this.parent.push(parent);
    this.res.push(res);
    return i;
  }

  /** A wire of `length` on a layer from node `from`, as pi sections; returns the far node. */
  wire(from: number, length: number, r: number, c: number, maxSegment: number): number {
    if (length <= 0) return from;
    const pieces = Math.max(1, Math.ceil(length / maxSegment));
    const piece = length / pieces;
    let at = from;
    for (let k = 0; k < pieces; k++) {
      const next = this.add(undefined, at, piece * r);
      this.cap[at]! += (piece * c) / 2;
      this.cap[next]! += (piece * c) / 2;
      at = next;
    }
    return at;
  }
}

/**
 * Routes one net: a rectilinear Steiner tree from the driver (pins[0]), each tree edge an L
 * (horizontal on the pair's horizontal layer, vertical on its vertical layer, a via at the bend),
 * a pin-access stub and via stack at every pin, R and C per micron from the technology.
 */
export function routeNet(name: string, pins: readonly NetPin[], tech: RouteTechnology, options: RouteOptions = {}): RcNet {
  const maxSegment = options.maxSegment ?? 25;
  const tree: SteinerTree = steinerTree(pins.map((p) => p.x), pins.map((p) => p.y));
  const pairIndex = layerPairFor(tree.length, tech, options);
  const [hLayer, vLayer] = tech.pairs[pairIndex]!;
  const b = new RcBuilder(name);
  pins.forEach((p, i) => b.add(p.name, -1, 0));
  const stubR = tech.pinAccessLength * tech.pinLayerR;
  for (let i = 0; i < pins.length; i++) b.cap[i]! += tech.pinAccessLength * tech.pinLayerC;
  // Per tree node, its RC node on each used layer (layer index -> RC node).
  const onLayer: Map<number, number>[] = Array.from({ length: tree.xs.length }, () => new Map());
  /** The RC node of tree node t on layer l, creating it off t's existing node when needed. */
  const nodeOn = (t: number, l: number): number => {
    const have = onLayer[t]!.get(l);
    if (have !== undefined) return have;
    let n: number;
    if (t < tree.pins) {
      n = b.add(undefined, t, stubR + viaStackResistance(tech, l));
      b.vias += l + 1;
    } else {
      const [other, node] = onLayer[t]!.entries().next().value as [number, number];
      n = b.add(undefined, node, viaBetween(tech, other, l));
      b.vias += Math.abs(other - l);
    }
    onLayer[t]!.set(l, n);
    return n;
  };
  // Children lists, then a traversal from the root so parents are built first.
  const children: number[][] = Array.from({ length: tree.xs.length }, () => []);
  for (let v = 0; v < tree.xs.length; v++) if (tree.parent[v]! >= 0) children[tree.parent[v]!]!.push(v);
  const stack = [0];
  while (stack.length > 0) {
    const p = stack.pop()!;
    for (const c of children[p]!) {
      stack.push(c);
      const dx = Math.abs(tree.xs[c]! - tree.xs[p]!);
      const dy = Math.abs(tree.ys[c]! - tree.ys[p]!);
      const h = tech.layers[hLayer]!;
      const v = tech.layers[vLayer]!;
      let arrive: number;
      let arriveLayer: number;
      if (dx > 0 && dy > 0) {
        const bendH = b.wire(nodeOn(p, hLayer), dx, h.r, h.c, maxSegment);
        const bendV = b.add(undefined, bendH, viaBetween(tech, hLayer, vLayer));
        b.vias += Math.abs(hLayer - vLayer);
        arrive = b.wire(bendV, dy, v.r, v.c, maxSegment);
        arriveLayer = vLayer;
      } else if (dx > 0) {
        arrive = b.wire(nodeOn(p, hLayer), dx, h.r, h.c, maxSegment);
        arriveLayer = hLayer;
      } else {
        arrive = b.wire(nodeOn(p, vLayer), dy, v.r, v.c, maxSegment);
        arriveLayer = vLayer;
      }
      if (c < tree.pins) {
        // The pin hangs below its arriving wire through the via stack and access stub.
        b.parent[c] = arrive;
        b.res[c] = stubR + viaStackResistance(tech, arriveLayer);
        b.vias += arriveLayer + 1;
      }
      onLayer[c]!.set(arriveLayer, arrive);
    }
  }
  return { name, nodes: b.nodes, pins: pins.length, cap: b.cap, parent: b.parent, res: b.res, length: tree.length, pair: pairIndex, vias: b.vias };
}

/** Sum of resistances and of capacitances of a routed net. */
export function rcTotals(net: RcNet): { res: number; cap: number } {
  let res = 0;
  let cap = 0;
  for (let i = 0; i < net.nodes.length; i++) {
    res += net.res[i]!;
    cap += net.cap[i]!;
  }
  return { res, cap };
}
