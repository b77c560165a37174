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

export function propagationLevels(g: SlackGraph, c: ModelConstraints): PropagationLevels {
  const { order } = g.graph;
  const { isDriver, loadDriver, edgeFrom, intoStart, intoEdges } = g;
  const n = g.graph.pins.length;
  const orderIndex = new Int32Array(n);
  for (let i = 0; i < order.length; i++) orderIndex[order[i]!] = i;
  const level = new Int32Array(n);
  // Where a pin takes its arrival from: 0 nothing (seeds: clock pins, constrained inputs, undriven pins), 1 its net's driver, 2 the cell arcs into it.
  const kind = new Int8Array(n);
  let top = 0;
  for (let o = 0; o < order.length; o++) {
    const p = order[o]!;
    if (c.clockOf[p]! >= 0 || c.inputs.has(p)) continue;
    if (isDriver[p]) {
      kind[p] = 2;
      let l = 0;
      for (let j = intoStart[p]!; j < intoStart[p + 1]!; j++) {
        const from = edgeFrom[intoEdges[j]!]!;
        if (orderIndex[from]! < o && level[from]! > l) l = level[from]!;
      }
      level[p] = l + 1;
    } else {
      const drv = loadDriver[p]!;
      if (drv < 0 || c.clockOf[drv]! >= 0) continue;
      kind[p] = 1;
      level[p] = level[drv]! + 1;
    }
    if (level[p]! > top) top = level[p]!;
  }
  const group = (which: number) => {
    const start = new Int32Array(top + 2);
    for (let p = 0; p < n; p++) if (kind[p] === which) start[level[p]! + 1]!++;
    for (let l = 0; l <= top; l++) start[l + 1]! += start[l]!;
    const members = new Int32Array(start[top + 1]!);
    const fill = start.slice(0, top + 1);
    for (const p of order) if (kind[p] === which) members[fill[level[p]!]!++] = p;
    return { pins: members, start };
  };
  const net = group(1);
  const cell = group(2);
  return { netPins: net.pins, netStart: net.start, cellPins: cell.pins, cellStart: cell.start, orderIndex };
}
