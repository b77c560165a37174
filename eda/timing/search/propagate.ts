import type { TimingGraph } from '../graph/index.ts';
import type { LibertyLibrary } from '../liberty/index.ts';
import { FALL, RISE, degradeSlew, inputTransitions, type DelayAnnotation, type ParasiticsSource } from '../delay-calc/index.ts';
import type { Sdc } from '../sdc/index.ts';
import { inputPortDrives, type PortDrive } from './port-drive.ts';
import { logicConstants } from './case-analysis.ts';
import { effectivePortDelays } from './port-delays.ts';
import { resolvePins } from './resolve.ts';
import { MAX, MIN, annotatedWire, arrivalIndex, cellArcDelay, derates, edgeTime, idealLatency, slewIndex, wireDelay, type TimingState } from './state.ts';

function allocate(graph: TimingGraph, sdc: Sdc, lib: LibertyLibrary, parasitics: ParasiticsSource | undefined, annotation: DelayAnnotation | undefined): TimingState {
  const n = graph.pins.length;
  const tags = Math.max(1, sdc.clocks.length) * 2;
  const arrival = new Float64Array(n * tags * 4);
  for (let i = 0; i < arrival.length; i += 4) {
    arrival[i] = arrival[i + 1] = -Infinity;
    arrival[i + 2] = arrival[i + 3] = Infinity;
  }
  const state: TimingState = {
    graph, sdc, tags, arrival,
    prev: new Int32Array(n * tags * 4).fill(-1),
    slew: new Float64Array(n * 4),
    load: new Float64Array(n * 2),
    externalLoad: new Float64Array(n),
    parasitics: graph.nets.map((_, i) => parasitics?.(i)),
    constant: logicConstants(graph, sdc),
    clockOf: new Int32Array(n).fill(-1),
    clockLatency: new Float64Array(n * 4),
    clockPrev: new Int32Array(n * 2).fill(-1),
    clockSourceEdge: new Int8Array(n * 2),
    thresholds: { vth: lib.outputThresholdRise, vl: lib.slewLowerRise, vh: lib.slewUpperRise, slewDerate: lib.slewDerate },
    loadWireDelay: new Float64Array(n * 4).fill(NaN),
    loadSlew: new Float64Array(n * 4).fill(NaN),
    annotation,
    lastArc: { outRf: -1, inSlew: NaN, driver: -1, result: { delay: NaN, slew: NaN } },
  };
  computeLoads(state);
  return state;
}

/** Lumped load per driver pin and transition: load pin caps + wire cap + set_load on ports. */
function computeLoads(state: TimingState): void {
  const { graph, sdc } = state;
  const portLoad = new Map<number, number>();
  for (const l of sdc.loads) for (const p of resolvePins(graph, l.objects, sdc)) portLoad.set(p, (portLoad.get(p) ?? 0) + l.cap);
  graph.nets.forEach((net, ni) => {
    let rise = state.parasitics[ni]?.wireCap ?? 0;
    let fall = rise;
    let external = 0;
    // Loads first, then drivers (the order of the sums).
    for (let k = 0; k < net.loads.length + net.drivers.length; k++) {
      const p = k < net.loads.length ? net.loads[k]! : net.drivers[k - net.loads.length]!;
      const pin = graph.pins[p]!;
      const extra = portLoad.get(p) ?? 0;
      external += extra;
      rise += extra;
      fall += extra;
      if (pin.libPin && !pin.isDriver) {
        rise += pin.libPin.riseCapacitance;
        fall += pin.libPin.fallCapacitance;
      }
    }
    for (const d of net.drivers) {
      state.load[d * 2 + RISE] = rise;
      state.load[d * 2 + FALL] = fall;
      state.externalLoad[d] = external;
    }
  });
}

const NO_PINS: readonly number[] = [];

/** Marks every pin reached from a clock source through nets and combinational arcs. */
function markClockNetworks(state: TimingState): void {
  const { graph, sdc } = state;
  if (sdc.clocks.length === 0) return;
  // Combinational arcs out of each pin, in compressed rows.
  const n = graph.pins.length;
  const start = new Int32Array(n + 1);
  for (const e of graph.cellEdges) if (e.role === 'combinational') start[e.from + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const arcTo = new Int32Array(start[n]!);
  const fill = start.slice(0, n);
  for (const e of graph.cellEdges) if (e.role === 'combinational') arcTo[fill[e.from]!++] = e.to;
  sdc.clocks.forEach((clock, c) => {
    const queue = clock.sources.flatMap((q) => resolvePins(graph, q, sdc)).filter((s) => state.constant[s]! < 0);
    for (const s of queue) state.clockOf[s] = c;
    while (queue.length > 0) {
      const p = queue.pop()!;
      const pin = graph.pins[p]!;
      const loads = pin.isDriver && pin.net >= 0 ? graph.nets[pin.net]!.loads : NO_PINS;
      for (let k = 0; k < loads.length + start[p + 1]! - start[p]!; k++) {
        const q = k < loads.length ? loads[k]! : arcTo[start[p]! + k - loads.length]!;
        if (state.clockOf[q]! >= 0 || state.constant[q]! >= 0) continue;
        state.clockOf[q] = c;
        queue.push(q);
      }
    }
  });
}

/**
 * Sets a load's slews and returns its wire delays [mm * 2 + rf] (in a scratch array, valid until
 * the next call): from its driver's waveform when the driver model gave them, otherwise (an
 * undriven input port) the Elmore delay and the driver slew degraded by it.
 */
const wireDelays = new Float64Array(4);
function wireSlews(state: TimingState, net: number, drv: number, load: number): Float64Array {
  for (let rf = 0; rf < 2; rf++) {
    let elmore = NaN;
    for (let mm = 0; mm < 2; mm++) {
      const i = slewIndex(load, mm, rf);
      if (!Number.isNaN(state.loadWireDelay[i]!)) {
        wireDelays[mm * 2 + rf] = state.loadWireDelay[i]!;
        state.slew[i] = state.loadSlew[i]!;
      } else {
        if (Number.isNaN(elmore)) elmore = wireDelay(state, net, load, rf);
        wireDelays[mm * 2 + rf] = elmore;
        state.slew[i] = degradeSlew(state.slew[slewIndex(drv, mm, rf)]!, elmore, state.thresholds.vl, state.thresholds.vh);
      }
    }
  }
  return wireDelays;
}

/**
 * Clock arrivals (latency after the source edge, early and late) and slews on clock networks:
 * zero delay and the set_clock_transition slew for ideal clocks, derated cell and wire delays for
 * propagated clocks. The source edge is tracked through inverting arcs; clockPrev records the
 * clock tree for reconvergence pessimism removal.
 */
function propagateClocks(state: TimingState, drives: Map<number, PortDrive>, orderIndex: Int32Array): void {
  const { graph, sdc } = state;
  const derate = derates(sdc);
  const sources = new Set(sdc.clocks.flatMap((k) => k.sources.flatMap((q) => resolvePins(graph, q, sdc))));
  const lat = (p: number, mm: number, rf: number) => (p * 2 + mm) * 2 + rf;
  for (const p of graph.order) {
    const c = state.clockOf[p]!;
    if (c < 0) continue;
    const clock = sdc.clocks[c]!;
    const pin = graph.pins[p]!;
    for (let rf = 0; rf < 2; rf++) {
      for (let mm = 0; mm < 2; mm++) {
        state.slew[slewIndex(p, mm, rf)] = clock.propagated ? 0 : clock.transition;
        state.clockLatency[lat(p, mm, rf)] = idealLatency(clock);
      }
      state.clockSourceEdge[p * 2 + rf] = rf;
    }
    if (sources.has(p)) {
      const d = drives.get(p);
      if (clock.propagated && d) {
        for (let i = 0; i < 4; i++) {
          state.slew[p * 4 + i] = d.slew[i]!;
          state.clockLatency[p * 4 + i] = clock.sourceLatency + (state.annotation ? 0 : d.delay[i]! * derate[(i >> 1) * 2]!);
        }
      }
      continue;
    }
    if (!pin.isDriver) {
      const net = graph.nets[pin.net];
      const drv = net?.drivers[0];
      if (drv === undefined || state.clockOf[drv] !== c) continue;
      const wd = clock.propagated ? wireSlews(state, pin.net, drv, p) : [0, 0, 0, 0];
      for (let rf = 0; rf < 2; rf++) {
        for (let mm = 0; mm < 2; mm++) {
          const w = clock.propagated ? annotatedWire(state, wd[mm * 2 + rf]!, drv, p, rf, mm) : 0;
          state.clockLatency[lat(p, mm, rf)] = state.clockLatency[lat(drv, mm, rf)]! + w * derate[mm * 2 + 1]!;
        }
        state.clockSourceEdge[p * 2 + rf] = state.clockSourceEdge[drv * 2 + rf]!;
        state.clockPrev[p * 2 + rf] = drv * 2 + rf;
      }
      continue;
    }
    for (let rf = 0; rf < 2; rf++) {
      let best = -Infinity;
      let early = Infinity;
      let from = -1;
      let sMax = -Infinity;
      let sMin = Infinity;
      for (const ei of graph.edgesInto[p]!) {
        const e = graph.cellEdges[ei]!;
        if (e.role !== 'combinational' || state.clockOf[e.from] !== c || orderIndex[e.from]! >= orderIndex[p]! || state.constant[e.from]! >= 0) continue;
        for (const inRf of inputTransitions(e.arc, rf)) {
          const g = cellArcDelay(state, e.from, e.arc, rf, inRf, state.slew[slewIndex(e.from, MAX, inRf)]!, p, MAX);
          if (Number.isNaN(g.delay)) continue;
          const d = clock.propagated ? g.delay : 0;
          const dEarly = clock.propagated ? cellArcDelay(state, e.from, e.arc, rf, inRf, state.slew[slewIndex(e.from, MIN, inRf)]!, p, MIN).delay : 0;
          const late = state.clockLatency[lat(e.from, MAX, inRf)]! + d * derate[0]!;
          if (late > best) {
            best = late;
            from = e.from * 2 + inRf;
          }
          early = Math.min(early, state.clockLatency[lat(e.from, MIN, inRf)]! + dEarly * derate[2]!);
          sMax = Math.max(sMax, g.slew);
          sMin = Math.min(sMin, g.slew);
        }
      }
      if (from < 0) continue;
      state.clockLatency[lat(p, MAX, rf)] = best;
      state.clockLatency[lat(p, MIN, rf)] = early;
      state.clockSourceEdge[p * 2 + rf] = state.clockSourceEdge[from]!;
      state.clockPrev[p * 2 + rf] = from;
      if (clock.propagated) {
        state.slew[slewIndex(p, MAX, rf)] = sMax;
        state.slew[slewIndex(p, MIN, rf)] = sMin;
      }
    }
  }
}

/**
 * Seeds input-port arrivals from the input delays in force (plus the driving cell's delay). An
 * unclocked delay seeds nothing: as in OpenSTA, paths from it are not checked.
 */
function seedInputs(state: TimingState, drives: Map<number, PortDrive>): void {
  const { graph, sdc, tags } = state;
  const derate = derates(sdc);
  for (const [p, slots] of effectivePortDelays(graph, sdc, sdc.inputDelays)) {
    if (state.clockOf[p]! >= 0) continue;
    const drive = drives.get(p);
    for (let rf = 0; rf < 2; rf++) {
      for (let mm = 0; mm < 2; mm++) {
        for (const d of slots[rf * 2 + mm]!) {
          if (d.clock < 0) continue;
          const edge = d.clockFall ? FALL : RISE;
          const i = arrivalIndex(tags, p, d.clock * 2 + edge, mm, rf);
          // With SDF the external driver's delay is not added (OpenSTA annotates the port's net instead).
          const driveDelay = state.annotation ? 0 : (drive?.delay[mm * 2 + rf] ?? 0);
          state.arrival[i] = edgeTime(sdc, d.clock, edge) + idealLatency(sdc.clocks[d.clock]!) + d.delay + driveDelay * derate[mm * 2]!;
          state.prev[i] = -1;
        }
      }
    }
  }
  for (const [p, drive] of drives) {
    if (state.clockOf[p]! >= 0) continue;
    for (let i = 0; i < 4; i++) state.slew[p * 4 + i] = drive.slew[i]!;
  }
}

function relax(state: TimingState, to: number, tag: number, mm: number, rf: number, t: number, from: number, fromRf: number): void {
  const i = arrivalIndex(state.tags, to, tag, mm, rf);
  if (mm === MAX ? t > state.arrival[i]! : t < state.arrival[i]!) {
    state.arrival[i] = t;
    state.prev[i] = from * 2 + fromRf;
  }
}

const slewMax = new Float64Array(2);
const slewMin = new Float64Array(2);

/** Propagates data arrivals and slews through the graph in topological order. */
function propagateData(state: TimingState, orderIndex: Int32Array): void {
  const { graph, tags, sdc } = state;
  const derate = derates(sdc);
  for (const p of graph.order) {
    if (state.clockOf[p]! >= 0 || state.constant[p]! >= 0) continue;
    const pin = graph.pins[p]!;
    if (!pin.isDriver) {
      const drv = pin.net >= 0 ? graph.nets[pin.net]!.drivers[0] : undefined;
      if (drv === undefined || state.clockOf[drv]! >= 0) continue;
      const wd = wireSlews(state, pin.net, drv, p);
      for (let tag = 0; tag < tags; tag++) {
        for (let k = 0; k < 4; k++) {
          const src = arrivalIndex(tags, drv, tag, k >> 1, k & 1);
          const a = state.arrival[src]!;
          if (!Number.isFinite(a)) continue;
          relax(state, p, tag, k >> 1, k & 1, a + annotatedWire(state, wd[k]!, drv, p, k & 1, k >> 1) * derate[(k >> 1) * 2 + 1]!, drv, k & 1);
        }
      }
      continue;
    }
    slewMax[0] = slewMax[1] = -Infinity;
    slewMin[0] = slewMin[1] = Infinity;
    for (const ei of graph.edgesInto[p]!) {
      const e = graph.cellEdges[ei]!;
      if (e.role === 'launch') {
        const c = state.clockOf[e.from]!;
        if (c < 0) continue;
        const inRf = e.clockEdge === 'rise' ? RISE : FALL;
        const srcEdge = state.clockSourceEdge[e.from * 2 + inRf]!;
        for (let rf = 0; rf < 2; rf++) {
          for (let mm = 0; mm < 2; mm++) {
            const g = cellArcDelay(state, e.from, e.arc, rf, inRf, state.slew[slewIndex(e.from, mm, inRf)]!, p, mm);
            if (Number.isNaN(g.delay)) continue;
            const t0 = edgeTime(sdc, c, srcEdge) + state.clockLatency[(e.from * 2 + mm) * 2 + inRf]!;
            relax(state, p, c * 2 + srcEdge, mm, rf, t0 + g.delay * derate[mm * 2]!, e.from, inRf);
            if (mm === MAX) slewMax[rf] = Math.max(slewMax[rf]!, g.slew);
            else slewMin[rf] = Math.min(slewMin[rf]!, g.slew);
          }
        }
        continue;
      }
      if (orderIndex[e.from]! >= orderIndex[p]! || state.clockOf[e.from]! >= 0 || state.constant[e.from]! >= 0) continue;
      for (let rf = 0; rf < 2; rf++) {
        for (const inRf of inputTransitions(e.arc, rf)) {
          for (let mm = 0; mm < 2; mm++) {
            const g = cellArcDelay(state, e.from, e.arc, rf, inRf, state.slew[slewIndex(e.from, mm, inRf)]!, p, mm);
            if (Number.isNaN(g.delay)) continue;
            if (mm === MAX) slewMax[rf] = Math.max(slewMax[rf]!, g.slew);
            else slewMin[rf] = Math.min(slewMin[rf]!, g.slew);
            for (let tag = 0; tag < tags; tag++) {
              const a = state.arrival[arrivalIndex(tags, e.from, tag, mm, inRf)]!;
              if (Number.isFinite(a)) relax(state, p, tag, mm, rf, a + g.delay * derate[mm * 2]!, e.from, inRf);
            }
          }
        }
      }
    }
    for (let rf = 0; rf < 2; rf++) {
      if (slewMax[rf]! > -Infinity) state.slew[slewIndex(p, MAX, rf)] = slewMax[rf]!;
      if (slewMin[rf]! < Infinity) state.slew[slewIndex(p, MIN, rf)] = slewMin[rf]!;
    }
  }
}

/** Runs delay calculation and arrival propagation: the forward half of STA. */
export function propagateArrivals(graph: TimingGraph, sdc: Sdc, libs: LibertyLibrary[], parasitics: ParasiticsSource | undefined, annotation?: DelayAnnotation): TimingState {
  const state = allocate(graph, sdc, libs[0]!, parasitics, annotation);
  const orderIndex = new Int32Array(graph.pins.length);
  graph.order.forEach((p, i) => (orderIndex[p] = i));
  markClockNetworks(state);
  const drives = inputPortDrives(state, libs);
  propagateClocks(state, drives, orderIndex);
  seedInputs(state, drives);
  propagateData(state, orderIndex);
  return state;
}
