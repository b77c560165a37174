import { evalLogic, parseLogicFunction, type LogicFunction } from '../liberty/function.ts';
import type { TimingGraph } from '../graph/index.ts';
import type { Sdc } from '../sdc/index.ts';
import { resolvePins } from './resolve.ts';

const functions = new Map<string, LogicFunction | undefined>();
function logicOf(text: string): LogicFunction | undefined {
  if (!functions.has(text)) functions.set(text, parseLogicFunction(text));
  return functions.get(text);
}

/** A function's value with every input unknown (a tie cell's constant; undefined for most). */
const alone = new Map<string, 0 | 1 | undefined>();
function constantAlone(text: string): 0 | 1 | undefined {
  if (!alone.has(text)) {
    const f = logicOf(text);
    alone.set(text, f && evalLogic(f, () => undefined));
  }
  return alone.get(text);
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
  // Instances with an input pin at a known value: only their outputs (and outputs whose function
  // is constant by itself, as a tie cell's) can be constant, so only they need their inputs by name.
  const known = new Uint8Array(graph.instances.length);
  const markKnown = (i: number) => {
    const p = graph.pins[i]!;
    if (p.inst >= 0 && !p.isDriver) known[p.inst] = 1;
  };
  value.forEach((v, i) => v >= 0 && markKnown(i));
  let inputsOf: Map<number, Map<string, number>> | undefined;
  for (const p of graph.order) {
    if (forced.has(p)) continue;
    const pin = graph.pins[p]!;
    if (!pin.isDriver) {
      const drv = pin.net >= 0 ? graph.nets[pin.net]!.drivers[0] : undefined;
      if (drv !== undefined && value[drv]! >= 0) {
        value[p] = value[drv]!;
        markKnown(p);
      }
      continue;
    }
    const func = pin.libPin?.func;
    if (pin.inst < 0 || func === undefined) continue;
    if (!known[pin.inst]) {
      const v = constantAlone(func);
      if (v !== undefined) value[p] = v;
      continue;
    }
    const f = logicOf(func);
    if (!f) continue;
    const inputs = (inputsOf ??= inputPinsByName(graph)).get(pin.inst);
    const v = evalLogic(f, (name) => {
      const q = inputs?.get(name);
      const x = q === undefined ? -1 : value[q]!;
      return x < 0 ? undefined : (x as 0 | 1);
    });
    if (v !== undefined) value[p] = v;
  }
  return value;
}

/** The input pins of each instance by name, for its output functions. */
function inputPinsByName(graph: TimingGraph): Map<number, Map<string, number>> {
  const inputsOf = new Map<number, Map<string, number>>();
  graph.pins.forEach((p, i) => {
    if (p.inst < 0 || p.isDriver) return;
    let m = inputsOf.get(p.inst);
    if (!m) inputsOf.set(p.inst, (m = new Map()));
    m.set(p.name.slice(p.name.lastIndexOf('/') + 1), i);
  });
  return inputsOf;
}
