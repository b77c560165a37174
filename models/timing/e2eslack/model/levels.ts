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
  const { clockOf } = c;
  const seeded = new Uint8Array(n);
  for (const p of c.inputs.keys()) seeded[p] = 1;
  let top = 0;
  for (let o = 0; o < order.length; o++) {
    const p = order[o]!;
    if (clockOf[p]! >= 0 || seeded[p]) continue;
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
      if (drv < 0 || clockOf[drv]! >= 0) continue;
      kind[p] = 1;
      level[p] = level[drv]! + 1;
    }
    if (level[p]! > top) top = level[p]!;
  }
  // Both groups in one counting pass and one filling pass, each level's pins in topological order.
  const netStart = new Int32Array(top + 2);
  const cellStart = new Int32Array(top + 2);
  for (let p = 0; p < n; p++) {
    if (kind[p] === 1) netStart[level[p]! + 1]!++;
    else if (kind[p] === 2) cellStart[level[p]! + 1]!++;
  }
  for (let l = 0; l <= top; l++) {
    netStart[l + 1]! += netStart[l]!;
    cellStart[l + 1]! += cellStart[l]!;
  }
  const netPins = new Int32Array(netStart[top + 1]!);
  const cellPins = new Int32Array(cellStart[top + 1]!);
  const netFill = netStart.slice(0, top + 1);
  const cellFill = cellStart.slice(0, top + 1);
  for (let o = 0; o < order.length; o++) {
    const p = order[o]!;
    if (kind[p] === 1) netPins[netFill[level[p]!]!++] = p;
    else if (kind[p] === 2) cellPins[cellFill[level[p]!]!++] = p;
  }
  return { netPins, netStart, cellPins, cellStart, orderIndex };
}
