import type { SlackGraph } from '../parser/slack-graph.ts';
import type { ModelConstraints } from './constraints.ts';

/**
 * The propagation's schedule: pins grouped by topological level, so that every arc into a pin
 * of level L starts at a pin of a lower level and a whole level's arcs can be evaluated as one
 * batch. Level 0 holds the seeds (clock pins, constrained inputs, pins nothing drives); a load
 * pin sits one level above its net's driver, a cell output one above its latest input.
 */
export interface PropagationLevels {
  /** Net-arc targets (load pins with a data driver) of level l: netPins[netStart[l] .. netStart[l + 1]). */
  readonly netPins: Int32Array;
  readonly netStart: Int32Array;
  /** Cell-arc targets (cell outputs) of level l: cellPins[cellStart[l] .. cellStart[l + 1]). */
  readonly cellPins: Int32Array;
  readonly cellStart: Int32Array;
  /** Each pin's place in the topological order (an arc from a later pin closes a loop and is ignored). */
  readonly orderIndex: Int32Array;
}

/** Where pin `p` takes its arrival from: 'net' (its net's driver), 'cell' (arcs into it) or nothing. */
function kindOf(g: SlackGraph, c: ModelConstraints, p: number): 'net' | 'cell' | undefined {
  const { graph } = g;
  if (c.clockOf[p]! >= 0 || c.inputs.has(p)) return undefined;
  const pin = graph.pins[p]!;
  if (pin.isDriver) return 'cell';
  const drv = pin.net >= 0 ? graph.nets[pin.net]!.drivers[0] : undefined;
  return drv === undefined || c.clockOf[drv]! >= 0 ? undefined : 'net';
}

export function propagationLevels(g: SlackGraph, c: ModelConstraints): PropagationLevels {
  const { graph } = g;
  const n = graph.pins.length;
  const orderIndex = new Int32Array(n);
  graph.order.forEach((p, i) => (orderIndex[p] = i));
  const level = new Int32Array(n);
  const kind = new Int8Array(n); // 0 none, 1 net, 2 cell
  let top = 0;
  for (const p of graph.order) {
    const k = kindOf(g, c, p);
    if (k === 'net') {
      kind[p] = 1;
      level[p] = level[graph.nets[graph.pins[p]!.net]!.drivers[0]!]! + 1;
    } else if (k === 'cell') {
      kind[p] = 2;
      let l = 0;
      for (const ei of graph.edgesInto[p]!) {
        const from = graph.cellEdges[ei]!.from;
        if (orderIndex[from]! < orderIndex[p]!) l = Math.max(l, level[from]!);
      }
      level[p] = l + 1;
    }
    top = Math.max(top, level[p]!);
  }
  const group = (which: number) => {
    const start = new Int32Array(top + 2);
    for (let p = 0; p < n; p++) if (kind[p] === which) start[level[p]! + 1]!++;
    for (let l = 0; l <= top; l++) start[l + 1]! += start[l]!;
    const pins = new Int32Array(start[top + 1]!);
    const fill = start.slice(0, top + 1);
    for (const p of graph.order) if (kind[p] === which) pins[fill[level[p]!]!++] = p;
    return { pins, start };
  };
  const net = group(1);
  const cell = group(2);
  return { netPins: net.pins, netStart: net.start, cellPins: cell.pins, cellStart: cell.start, orderIndex };
}
