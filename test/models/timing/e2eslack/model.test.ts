import { beforeAll, describe, expect, it } from 'vitest';
import { dataPath } from '../../../../util/index.ts';
import { missingData, skipReason } from '../../../helpers/requirements.ts';
import { r2, selectBackend } from '../../../../models/common/index.ts';
import { buildTimingGraph, parseDef, parseSdc, readLef, readLiberty, readVerilogNetlist, type Def, type Lef, type LibertyTable, type TimingArc } from '../../../../eda/timing/index.ts';
import { placeDesign, writeDef } from '../../../../eda/place/index.ts';
import { routeTechnology } from '../../../../eda/route-estimate/index.ts';
import { estimateAndTime, modelConstraints, parseSlackGraph, portLoads, predictSlack, propagate, timingLabels, type Prediction, type SlackGraph, type TimingLabels } from '../../../../models/timing/e2eslack/index.ts';
import { cellSamples, netSamples } from '../../../../models/timing/e2eslack/model/samples.ts';
import { CELL_FEATURES, NET_FEATURES } from '../../../../models/timing/e2eslack/model/features.ts';
import { messageFunctions, trainMessageFunctions } from '../../../../models/timing/e2eslack/model/train.ts';
import { propagationLevels } from '../../../../models/timing/e2eslack/model/levels.ts';
import { referencePropagate } from './reference-propagate.ts';

const skip = skipReason(missingData('timing_designs', 'nangate45_gcd', 'gcd_nangate45.v'));

describe.skipIf(skip !== undefined)('E2ESlack on a small placed design (gcd, Nangate45)', () => {
  let g: SlackGraph;
  let labels: TimingLabels;
  let staEndpoints: number[];
  let def: Def;
  let lef: Lef;
  beforeAll(() => {
    const libs = [readLiberty(dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'))];
    lef = readLef([dataPath('lef', 'nangate45', 'Nangate45.lef')]);
    const graph = buildTimingGraph(readVerilogNetlist(dataPath('timing_designs', 'nangate45_gcd', 'gcd_nangate45.v')), libs);
    const sdc = parseSdc('create_clock [get_ports clk] -name core_clock -period 0.3\nset_input_delay 0.05 -clock core_clock [all_inputs]\nset_output_delay 0.05 -clock core_clock [all_outputs]\nset_driving_cell -lib_cell BUF_X1 -pin Z [all_inputs]\nset_load 2 [all_outputs]\n', 'gcd.sdc', { time: libs[0]!.timeUnit, cap: libs[0]!.capUnit });
    const placed = placeDesign(graph, lef, { utilization: 0.5, maxIterations: 30 });
    const defText = writeDef(placed.problem, placed.placement);
    const truth = estimateAndTime(graph, sdc, libs, lef, defText);
    labels = timingLabels(truth.analysis);
    staEndpoints = truth.analysis.setup.map((e) => e.pin).sort((a, b) => a - b);
    def = parseDef(defText, 'gcd.def');
    g = parseSlackGraph(graph, libs, sdc, def, lef, portLoads(graph, sdc), { tech: routeTechnology(lef) });
  });

  it('the timing parser gives every pin and net its features, with either net geometry', () => {
    const { graph } = g;
    const trunk = parseSlackGraph(graph, g.libs, g.sdc, def, lef, portLoads(graph, g.sdc), { tech: routeTechnology(lef), geometry: 'trunk' });
    for (const s of [g, trunk]) {
      expect(s.x.length).toBe(graph.pins.length);
      expect(s.pathLength.length).toBe(graph.pins.length);
      expect(s.netLoad.length).toBe(2 * graph.nets.length);
      for (let n = 0; n < graph.nets.length; n++) {
        expect(s.netSteiner[n]!).toBeGreaterThanOrEqual(s.netHpwl[n]! - 1e-3);
        expect(s.netFanout[n]).toBe(graph.nets[n]!.loads.length);
        for (const l of graph.nets[n]!.loads) if (!Number.isNaN(s.x[l]!)) expect(s.pathLength[l]!).toBeGreaterThanOrEqual(s.manhattan[l]! - 1e-3);
      }
    }
    // Two-pin nets: both geometries reach the pins near their access points (the trunk from each pin's first rectangle alone): within a pin's extent.
    let twoPin = 0;
    for (let n = 0; n < graph.nets.length; n++) {
      if (graph.nets[n]!.loads.length !== 1 || g.netSteiner[n]! === 0) continue;
      expect(Math.abs(trunk.netSteiner[n]! - g.netSteiner[n]!)).toBeLessThan(1.5);
      twoPin++;
    }
    expect(twoPin).toBeGreaterThan(20);
    const c = modelConstraints(g);
    const clk = graph.pinIndex.get('clk')!;
    expect(c.clockOf[clk]).toBe(0);
    for (const p of graph.pins.map((p, i) => ({ p, i })).filter(({ p }) => p.isPort && p.portDirection === 'input' && p.name !== 'clk')) {
      expect(c.inputs.get(p.i)?.arrival.every(Number.isFinite)).toBe(true);
    }
    const cs = cellSamples(g, c, labels, 1e9, 1);
    const ns = netSamples(g, c, labels, 1e9, 2);
    expect(cs.features.length).toBe(cs.rows * CELL_FEATURES);
    expect(ns.features.length).toBe(ns.rows * NET_FEATURES);
    expect(cs.rows).toBeGreaterThan(graph.cellEdges.length);
    expect(cs.features.every(Number.isFinite) && ns.features.every(Number.isFinite) && cs.targets.every(Number.isFinite)).toBe(true);
  });

  it('levels: every arc into a pin of a level starts at a pin of a lower level', () => {
    const c = modelConstraints(g);
    const lv = propagationLevels(g, c);
    const level = new Int32Array(g.graph.pins.length).fill(0);
    const levels = lv.netStart.length - 1;
    let placed = 0;
    for (let l = 1; l < levels; l++) {
      for (let i = lv.netStart[l]!; i < lv.netStart[l + 1]!; i++, placed++) level[lv.netPins[i]!] = l;
      for (let i = lv.cellStart[l]!; i < lv.cellStart[l + 1]!; i++, placed++) level[lv.cellPins[i]!] = l;
    }
    expect(placed).toBeGreaterThan(g.graph.pins.length / 2);
    for (let l = 1; l < levels; l++) {
      for (let i = lv.netStart[l]!; i < lv.netStart[l + 1]!; i++) {
        const p = lv.netPins[i]!;
        expect(level[g.graph.nets[g.graph.pins[p]!.net]!.drivers[0]!]!).toBeLessThan(l);
      }
      for (let i = lv.cellStart[l]!; i < lv.cellStart[l + 1]!; i++) {
        const p = lv.cellPins[i]!;
        for (const ei of g.graph.edgesInto[p]!) {
          const from = g.graph.cellEdges[ei]!.from;
          if (lv.orderIndex[from]! < lv.orderIndex[p]!) expect(level[from]!).toBeLessThan(l);
        }
      }
    }
  });

  it('propagates to STA\'s endpoints; a few seconds of training fit the arcs better than the tables alone', async () => {
    await selectBackend();
    const c = modelConstraints(g);
    const cs = cellSamples(g, c, labels, 3000, 1);
    const ns = netSamples(g, c, labels, 3000, 2);
    const settings = { hidden: 8, epochs: 4, batchSize: 512, learningRate: 1e-2, patience: 4, seed: 1, geometry: 'steiner' as const, quiet: true };
    const trained = await trainMessageFunctions({ cell: cs, net: ns }, { cell: cs, net: ns }, settings);
    // Zero outputs: the NLDM tables at the lumped load and the Elmore estimate, nothing learned.
    const zero = new Map([...trained.weights].map(([k, w]) => [k, { shape: w.shape, data: new Float32Array(w.data.length) }]));
    const at = (f: ReturnType<typeof messageFunctions>) => {
      const pred = propagate(g, c, f);
      const p: number[] = [];
      const t: number[] = [];
      labels.arrival.forEach((v, i) => {
        if (Number.isFinite(v) && Number.isFinite(pred.arrival[i]!)) {
          p.push(pred.arrival[i]!);
          t.push(v);
        }
      });
      return { r2: r2(p, t), pred };
    };
    const physics = at(messageFunctions(trained.config, zero));
    const learned = at(messageFunctions(trained.config, trained.weights));
    expect(physics.r2).toBeGreaterThan(0.9);
    expect(learned.r2).toBeGreaterThan(physics.r2 - 0.01);
    // The batched level-by-level propagation (planned rows, table lookups at a fixed load, compiled
    // networks in float32) gives what pins one at a time, arcs one at a time, features and networks
    // computed plainly in double, give; and so the same endpoint slacks (within 1e-6 ns). Nangate45's tables are (input slew, load);
    // the same design with every other arc's tables transposed to (load, input slew) takes the
    // generic lookup for those arcs, and must agree as well.
    const functions = messageFunctions(trained.config, trained.weights);
    const transposedArcs = new Map<TimingArc, TimingArc>();
    const transposedGraph: SlackGraph = {
      ...g,
      graph: { ...g.graph, cellEdges: g.graph.cellEdges.map((e, i) => (i % 2 === 0 ? e : { ...e, arc: transposedArc(e.arc, transposedArcs) })) },
    };
    expect(transposedArcs.size).toBeGreaterThan(0);
    for (const graph of [g, transposedGraph]) {
      const fast = propagate(graph, c, functions);
      const reference = referencePropagate(graph, c, trained.config, trained.weights);
      expectSamePrediction(fast, reference);
      const fastSlack = predictSlack(graph, c, fast);
      const referenceSlack = predictSlack(graph, c, reference);
      expect(fastSlack.endpoints.map((e) => e.pin)).toEqual(referenceSlack.endpoints.map((e) => e.pin));
      fastSlack.endpoints.forEach((e, i) => expect(Math.abs(e.slack - referenceSlack.endpoints[i]!.slack)).toBeLessThanOrEqual(1e-6));
      expect(Math.abs(fastSlack.tns - referenceSlack.tns)).toBeLessThanOrEqual(1e-6 * fastSlack.endpoints.length);
    }
    const s = predictSlack(g, c, learned.pred);
    expect(s.endpoints.map((e) => e.pin).sort((a, b) => a - b)).toEqual(staEndpoints);
    // Setup only: the late mode's values are the full propagation's; the early mode's are left NaN
    // (arrivals but for the seeds: input ports keep their constrained early arrival).
    const late = propagate(g, c, messageFunctions(trained.config, trained.weights), { early: false });
    const slot = (i: number, perPin: number) => (i % perPin) >> (perPin === 8 ? 2 : 1); // 0 late, 1 early
    for (const [key, perPin] of [['arrival', 4], ['cellDelay', 8], ['netDelay', 4]] as const) {
      learned.pred[key].forEach((v, i) => {
        if (slot(i, perPin) === 0) expect(Object.is(late[key][i], v) || (Number.isNaN(v) && Number.isNaN(late[key][i]!))).toBe(true);
        else if (key !== 'arrival') expect(late[key][i]).toBeNaN();
        else expect(Number.isNaN(late[key][i]!) || late[key][i] === v).toBe(true);
      });
    }
    const lateSlack = predictSlack(g, c, late);
    expect(lateSlack.endpoints).toEqual(s.endpoints);
    expect([lateSlack.wns, lateSlack.tns]).toEqual([s.wns, s.tns]);
    expect(trained.history.trainLoss.at(-1)!).toBeLessThan(trained.history.trainLoss[0]!);
  });
});

/**
 * Arrivals, slews and delays equal within a relative 1e-5, NaN where the other is NaN: the
 * reference runs the networks in double from the checkpoint's weights, standardizing the inputs;
 * the propagation runs them in float32 (as trained), the standardization folded into the first
 * layer. On the shipped checkpoint the two differ by at most 1e-6 ns in any arrival (one float32
 * step of the stored values) on the test designs y_huff and usbf_device.
 */
function expectSamePrediction(fast: Prediction, reference: Prediction): void {
  for (const key of ['arrival', 'slew', 'cellDelay', 'netDelay'] as const) {
    const a = fast[key];
    const b = reference[key];
    expect(a.length).toBe(b.length);
    let finite = 0;
    for (let i = 0; i < a.length; i++) {
      expect(Number.isNaN(a[i]!)).toBe(Number.isNaN(b[i]!));
      if (Number.isNaN(b[i]!)) continue;
      finite++;
      expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(1e-5 * Math.max(1e-3, Math.abs(b[i]!)));
    }
    expect(finite).toBeGreaterThan(0);
  }
}

/** The arc with its 2-D NLDM tables' axes swapped (values transposed): the same tables, looked up in the other order. */
function transposedArc(arc: TimingArc, memo: Map<TimingArc, TimingArc>): TimingArc {
  const t = (table: LibertyTable | undefined): LibertyTable | undefined => {
    if (!table || table.axes.length !== 2 || table.axes[0]!.length < 2 || table.axes[1]!.length < 2) return table;
    return { variables: [table.variables[1]!, table.variables[0]!], axes: [table.axes[1]!, table.axes[0]!], values: table.axes[1]!.map((_, j) => table.values.map((row) => row[j]!)) };
  };
  let out = memo.get(arc);
  if (!out) {
    out = { ...arc, cellRise: t(arc.cellRise), cellFall: t(arc.cellFall), riseTransition: t(arc.riseTransition), fallTransition: t(arc.fallTransition) };
    memo.set(arc, out);
  }
  return out;
}
