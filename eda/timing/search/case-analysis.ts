import { evalLogic, parseLogicFunction, type LogicFunction } from '../liberty/function.ts';
import type { TimingGraph } from '../graph/index.ts';
import type { Sdc } from '../sdc/index.ts';
import { resolvePins } from './resolve.ts';

const functions = new Map<string, LogicFunction | undefined>();
function logicOf(text: string): LogicFunction | undefined {
  if (!functions.has(text)) functions.set(text, parseLogicFunction(text));
  return functions.get(text);
}

/**
 * Logic constants per pin (-1: not constant), as OpenSTA's simulation finds them: pins held by
 * set_case_analysis, pins tied to 1'b0/1'b1, and every cell output whose Liberty function is
 * constant given those (tie cells, an AND with a 0 input, ...), through nets in topological
 * order. No transition happens at a constant pin, so timing arcs from or to it are not timed and
 * checks there are not made.
 */
export function logicConstants(graph: TimingGraph, sdc: Sdc): Int8Array {
  const value = new Int8Array(graph.pins.length).fill(-1);
  const forced = new Set<number>();
  for (const c of sdc.caseAnalysis) {
    for (const p of resolvePins(graph, c.objects, sdc)) {
      value[p] = c.value;
      forced.add(p);
    }
  }
  graph.pins.forEach((p, i) => {
    if (p.tie !== undefined && !forced.has(i)) value[i] = p.tie;
  });
  // The input pins of each instance by name, for its output functions.
  const inputsOf = new Map<number, Map<string, number>>();
  graph.pins.forEach((p, i) => {
    if (p.inst < 0 || p.isDriver) return;
    let m = inputsOf.get(p.inst);
    if (!m) inputsOf.set(p.inst, (m = new Map()));
    m.set(p.name.slice(p.name.lastIndexOf('/') + 1), i);
  });
  for (const p of graph.order) {
    if (forced.has(p)) continue;
    const pin = graph.pins[p]!;
    if (!pin.isDriver) {
      const drv = pin.net >= 0 ? graph.nets[pin.net]!.drivers[0] : undefined;
      if (drv !== undefined && value[drv]! >= 0) value[p] = value[drv]!;
      continue;
    }
    const func = pin.libPin?.func;
    if (pin.inst < 0 || func === undefined) continue;
    const f = logicOf(func);
    if (!f) continue;
    const inputs = inputsOf.get(pin.inst);
    const v = evalLogic(f, (name) => {
      const q = inputs?.get(name);
      const x = q === undefined ? -1 : value[q]!;
      return x < 0 ? undefined : (x as 0 | 1);
    });
    if (v !== undefined) value[p] = v;
  }
  return value;
}
