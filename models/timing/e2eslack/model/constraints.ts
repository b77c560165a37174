import { findCell, inputTransitions, resolvePins, type TimingArc } from '../../../../eda/timing/index.ts';
import type { SlackGraph } from '../parser/slack-graph.ts';
import { tableDelay } from './features.ts';

/**
 * What the SDC says, in the model's terms (ns): which pins are clock network, each clock pin's
 * ideal arrival and slew, input ports' arrivals and slews (input delay plus the driving cell's
 * NLDM delay into the port's lumped load, without it when an SDF is read, as STA), output ports' required times. Primary inputs are
 * seeded from these constraints only, never from an STA run.
 */
export interface ModelConstraints {
  /** Clock index per pin (-1 outside every clock network). */
  readonly clockOf: Int32Array;
  readonly clocks: { periodNs: number; waveform: [number, number]; latencyNs: number; slewNs: number; uncertaintyNs: number; propagated: boolean }[];
  /** Input ports: arrival[mm * 2 + rf] and slew[mm * 2 + rf] (ns). */
  readonly inputs: Map<number, { arrival: number[]; slew: number[] }>;
  /** Output ports: setup required time (ns), the same for both transitions. */
  readonly outputs: Map<number, number>;
}

const NS = 1e9;

export function modelConstraints(g: SlackGraph): ModelConstraints {
  const { graph, sdc } = g;
  const n = graph.pins.length;
  const clockOf = new Int32Array(n).fill(-1);
  // The clock networks: everything reached from a clock source through nets and combinational arcs (flat topology, no per-pin arrays).
  const { isDriver, pinNet, netLoadStart, netLoads, edgeFrom, edgeTo, edgeRole } = g;
  const fromStart = new Int32Array(n + 1);
  for (let e = 0; e < edgeFrom.length; e++) if (edgeRole[e] === 0) fromStart[edgeFrom[e]! + 1]!++;
  for (let p = 0; p < n; p++) fromStart[p + 1]! += fromStart[p]!;
  const fromEdges = new Int32Array(fromStart[n]!);
  const fill = fromStart.slice(0, n);
  for (let e = 0; e < edgeFrom.length; e++) if (edgeRole[e] === 0) fromEdges[fill[edgeFrom[e]!]!++] = e;
  sdc.clocks.forEach((clock, c) => {
    const queue = clock.sources.flatMap((q) => resolvePins(graph, q, sdc));
    for (const s of queue) clockOf[s] = c;
    const reach = (q: number) => {
      if (clockOf[q]! >= 0) return;
      clockOf[q] = c;
      queue.push(q);
    };
    while (queue.length > 0) {
      const p = queue.pop()!;
      const net = pinNet[p]!;
      if (isDriver[p] && net >= 0) for (let j = netLoadStart[net]!; j < netLoadStart[net + 1]!; j++) reach(netLoads[j]!);
      for (let j = fromStart[p]!; j < fromStart[p + 1]!; j++) reach(edgeTo[fromEdges[j]!]!);
    }
  });
  const clocks = sdc.clocks.map((k) => ({
    periodNs: k.period * NS, waveform: [k.waveform[0] * NS, k.waveform[1] * NS] as [number, number],
    latencyNs: k.latency * NS, slewNs: k.transition * NS, uncertaintyNs: k.uncertaintySetup * NS, propagated: k.propagated,
  }));
  // Driving cells and input transitions per input port.
  const drive = new Map<number, { arcs: TimingArc[]; inSlew: number[] }>();
  for (const dc of sdc.drivingCells) {
    const cell = findCell(g.libs, dc.libCell);
    const outPin = cell && (dc.pin !== undefined ? cell.pins.get(dc.pin) : [...cell.pins.values()].find((p) => p.direction === 'output'));
    if (!outPin) continue;
    const arcs = outPin.timing.filter((a) => (dc.fromPin === undefined || a.relatedPin === dc.fromPin) && a.type.startsWith('combinational'));
    for (const p of resolvePins(graph, dc.objects, sdc)) drive.set(p, { arcs, inSlew: [dc.inputTransitionRise * NS, dc.inputTransitionFall * NS] });
  }
  const transition = new Map<number, number>();
  for (const t of sdc.inputTransitions) for (const p of resolvePins(graph, t.objects, sdc)) transition.set(p, t.slew * NS);
  const inputs = new Map<number, { arrival: number[]; slew: number[] }>();
  for (const d of sdc.inputDelays) {
    const c = sdc.clocks.findIndex((k) => k.name === d.clock);
    if (c < 0) continue;
    const k = clocks[c]!;
    const base = k.waveform[d.clockFall ? 1 : 0] + (k.propagated ? 0 : k.latencyNs) + d.delay * NS;
    for (const p of resolvePins(graph, d.objects, sdc)) {
      if (clockOf[p]! >= 0) continue;
      const entry = inputs.get(p) ?? { arrival: [NaN, NaN, NaN, NaN], slew: [0, 0, 0, 0] };
      const net = graph.pins[p]!.net;
      const dv = drive.get(p);
      for (let mm = 0; mm < 2; mm++) {
        if (d.minMax !== 'both' && (d.minMax === 'max') !== (mm === 0)) continue;
        for (let rf = 0; rf < 2; rf++) {
          let delay = 0;
          let slew = transition.get(p) ?? 0;
          if (dv) {
            const load = net >= 0 ? g.netLoad[net * 2 + rf]! : 0;
            let dd = mm === 0 ? -Infinity : Infinity;
            let ss = mm === 0 ? -Infinity : Infinity;
            for (const arc of dv.arcs) {
              for (const inRf of inputTransitions(arc, rf)) {
                const [at, sl] = tableDelay(arc, rf, dv.inSlew[inRf]!, load);
                const [zero] = tableDelay(arc, rf, dv.inSlew[inRf]!, 0);
                if (Number.isNaN(at)) continue;
                dd = mm === 0 ? Math.max(dd, at - zero) : Math.min(dd, at - zero);
                ss = mm === 0 ? Math.max(ss, sl) : Math.min(ss, sl);
              }
            }
            if (Number.isFinite(dd)) {
              // With SDF the driving cell's delay is not added (STA reads the port's net from the SDF).
              delay = g.sdf ? 0 : dd;
              slew = ss;
            }
          }
          entry.arrival[mm * 2 + rf] = base + delay;
          entry.slew[mm * 2 + rf] = slew;
        }
      }
      inputs.set(p, entry);
    }
  }
  const outputs = new Map<number, number>();
  for (const d of sdc.outputDelays) {
    if (d.minMax === 'min') continue;
    const c = sdc.clocks.findIndex((k) => k.name === d.clock);
    if (c < 0) continue;
    const k = clocks[c]!;
    const edge = k.waveform[d.clockFall ? 1 : 0];
    const capture = edge > 0 ? edge : edge + k.periodNs;
    const req = capture + (k.propagated ? 0 : k.latencyNs) - k.uncertaintyNs - d.delay * NS;
    for (const p of resolvePins(graph, d.objects, sdc)) outputs.set(p, Math.min(outputs.get(p) ?? Infinity, req));
  }
  return { clockOf, clocks, inputs, outputs };
}
