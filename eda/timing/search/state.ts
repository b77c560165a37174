import type { TimingArc } from '../liberty/index.ts';
import { gateDelay, type DelayAnnotation, type GateDelay, type PiDrive, type PiModel, type Thresholds } from '../delay-calc/index.ts';
import type { TimingGraph } from '../graph/index.ts';
import type { NetParasitics } from '../delay-calc/index.ts';
import type { Sdc } from '../sdc/index.ts';

/** Analysis modes: late (max, setup) and early (min, hold). */
export const MAX = 0;
export const MIN = 1;

/**
 * Per-pin timing values in flat arrays. Arrivals are kept per tag (launch clock x launch edge,
 * tag = 2 * clock + edge) so paths from different clocks or edges are checked separately.
 * Index helpers below give the layout; times are seconds.
 */
export interface TimingState {
  readonly graph: TimingGraph;
  readonly sdc: Sdc;
  readonly tags: number;
  /** arrival[((pin * tags + tag) * 2 + mm) * 2 + rf]; -Inf (max) / +Inf (min) when none. */
  readonly arrival: Float64Array;
  /** The pin and transition the arrival came from: prevPin * 2 + prevRf, or -1 at a startpoint. */
  readonly prev: Int32Array;
  /** slew[(pin * 2 + mm) * 2 + rf]. */
  readonly slew: Float64Array;
  /** Lumped load each driver pin sees, per output transition: load[pin * 2 + rf] (farads). */
  readonly load: Float64Array;
  /** The set_load part of each driver pin's load (farads), which a net's pi model does not hold. */
  readonly externalLoad: Float64Array;
  /** The last arc delay calculated: early and late analysis often ask for the same one in a row. */
  readonly lastArc: { arc?: TimingArc; outRf: number; inSlew: number; driver: number; result: GateDelay };
  /** Parasitics of each net (undefined: ideal). */
  readonly parasitics: (NetParasitics | undefined)[];
  /** Logic constant per pin (0, 1; -1 when not constant): set_case_analysis, ties and what they imply. */
  readonly constant: Int8Array;
  /** Clock network: clock index per pin (-1 outside every clock network). */
  readonly clockOf: Int32Array;
  /** Clock arrival at a clock-network pin after the source edge that caused it: [(pin * 2 + mm) * 2 + rf]. */
  readonly clockLatency: Float64Array;
  /** The clock-network pin and transition a clock arrival came through (pin * 2 + rf), -1 at the source. */
  readonly clockPrev: Int32Array;
  /** Which source edge (0 rise, 1 fall) a clock-network pin's transition comes from: [pin * 2 + rf]. */
  readonly clockSourceEdge: Int8Array;
  /** Delay and slew thresholds of the library, for the driver model. */
  readonly thresholds: Thresholds;
  /**
   * Wire delay and slew at a load pin from its driver's model, merged over the driver's arcs
   * (latest/largest for max, earliest/smallest for min): [(load * 2 + mm) * 2 + rf], NaN when unset.
   */
  readonly loadWireDelay: Float64Array;
  readonly loadSlew: Float64Array;
  /** Delays annotated from SDF, which replace (or add to) calculated ones. */
  readonly annotation?: DelayAnnotation;
}

export function arrivalIndex(tags: number, pin: number, tag: number, mm: number, rf: number): number {
  return ((pin * tags + tag) * 2 + mm) * 2 + rf;
}

export function slewIndex(pin: number, mm: number, rf: number): number {
  return (pin * 2 + mm) * 2 + rf;
}

/** Time of a clock's source edge (0 rise, 1 fall) in its first period. */
/** Late (max) or early (min) derating of cell and net delays: [mm * 2 + (net ? 1 : 0)]. */
export function derates(sdc: Sdc): number[] {
  const d = sdc.derate;
  return [d.lateCell, d.lateNet, d.earlyCell, d.earlyNet];
}

/**
 * The clock latency an ideal clock adds (source plus network latency), or a propagated clock adds
 * before its network (source latency only; the network's delays are calculated).
 */
export function idealLatency(clock: Sdc['clocks'][number]): number {
  return clock.propagated ? clock.sourceLatency : clock.sourceLatency + clock.latency;
}

export function edgeTime(sdc: Sdc, clock: number, edge: number): number {
  return sdc.clocks[clock]!.waveform[edge]!;
}

/** Wire delay from a net's driver to one of its loads. */
export function wireDelay(state: TimingState, net: number, load: number, rf: number): number {
  return state.parasitics[net]?.wireDelay(load, rf) ?? 0;
}

/** Wire delay for an analysis mode: calculated, or from an SDF INTERCONNECT. */
export function annotatedWire(state: TimingState, calculated: number, drv: number, load: number, rf: number, mm: number): number {
  return state.annotation ? annotate(calculated, state.annotation.wire(drv, load, rf, mm)) : calculated;
}

/**
 * A data arrival's increment over a wire, as forward propagation adds it: the driver model's wire
 * delay to the load (or the Elmore delay where it gave none), SDF-annotated, derated.
 */
export function dataWireIncrement(state: TimingState, net: number, drv: number, load: number, mm: number, rf: number): number {
  const merged = state.loadWireDelay[slewIndex(load, mm, rf)]!;
  const calculated = Number.isNaN(merged) ? wireDelay(state, net, load, rf) : merged;
  return annotatedWire(state, calculated, drv, load, rf, mm) * derates(state.sdc)[mm * 2 + 1]!;
}

/** A data arrival's increment over a cell arc, as forward propagation adds it (NaN: no such arc). */
export function dataArcIncrement(state: TimingState, from: number, arc: TimingArc, outRf: number, inRf: number, driver: number, mm: number): number {
  const g = arcDelay(state, arc, outRf, state.slew[slewIndex(from, mm, inRf)]!, driver);
  if (Number.isNaN(g.delay)) return NaN;
  const delay = state.annotation ? annotate(g.delay, state.annotation.cell(from, driver, outRf, mm, arc, inRf)) : g.delay;
  return delay * derates(state.sdc)[mm * 2]!;
}

/** Applies an SDF annotation (if any) to a calculated delay. */
export function annotate(calculated: number, annotated: number | undefined): number {
  return annotated ?? calculated;
}

/** A cell arc's delay and slew: calculated, then replaced by its SDF IOPATH when annotated. */
export function cellArcDelay(state: TimingState, from: number, arc: TimingArc, outRf: number, inRf: number, inSlew: number, driver: number, mm: number): { readonly delay: number; readonly slew: number } {
  const g = arcDelay(state, arc, outRf, inSlew, driver);
  if (!Number.isNaN(g.delay)) mergeLoadWires(state, driver, mm, outRf, g);
  if (!state.annotation || Number.isNaN(g.delay)) return g;
  return { delay: annotate(g.delay, state.annotation.cell(from, driver, outRf, mm, arc, inRf)), slew: g.slew };
}

const piDrive: { pi: PiModel; extraCap: number; thresholds: Thresholds } = { pi: { c1: 0, r: 0, c2: 0 }, extraCap: 0, thresholds: { vth: 0.5, vl: 0.2, vh: 0.8, slewDerate: 1 } };

/** Delay and slew of a cell arc driving `driver`, using the net's pi model for the driver model. */
export function arcDelay(state: TimingState, arc: TimingArc, outRf: number, inSlew: number, driver: number): GateDelay {
  const last = state.lastArc;
  if (last.arc === arc && last.outRf === outRf && last.inSlew === inSlew && last.driver === driver) return last.result;
  const net = state.graph.pins[driver]!.net;
  const pi = net >= 0 ? state.parasitics[net]?.pi?.(outRf) : undefined;
  let drive: PiDrive | undefined;
  if (pi) {
    // gateDelay reads the drive at once: one object serves every call.
    piDrive.pi = pi;
    piDrive.extraCap = state.externalLoad[driver]!;
    piDrive.thresholds = state.thresholds;
    drive = piDrive;
  }
  const result = gateDelay(arc, outRf, inSlew, state.load[driver * 2 + outRf]!, drive);
  last.arc = arc;
  last.outRf = outRf;
  last.inSlew = inSlew;
  last.driver = driver;
  last.result = result;
  return result;
}

/**
 * Records the wire delays and load slews one driver arc's waveform gives on its net's loads,
 * keeping the latest (max) or earliest (min) over the arcs into the driver, as OpenSTA merges them.
 */
export function mergeLoadWires(state: TimingState, driver: number, mm: number, outRf: number, gate: GateDelay): void {
  const net = state.graph.pins[driver]!.net;
  const parasitics = net >= 0 ? state.parasitics[net] : undefined;
  if (!gate.wire || !parasitics) return;
  const max = mm === MAX;
  for (const load of state.graph.nets[net]!.loads) {
    const w = gate.wire(parasitics.wireDelay(load, outRf));
    const i = (load * 2 + mm) * 2 + outRf;
    const oldDelay = state.loadWireDelay[i]!;
    const oldSlew = state.loadSlew[i]!;
    if (Number.isNaN(oldDelay) || (max ? w.delay > oldDelay : w.delay < oldDelay)) state.loadWireDelay[i] = w.delay;
    if (Number.isNaN(oldSlew) || (max ? w.slew > oldSlew : w.slew < oldSlew)) state.loadSlew[i] = w.slew;
  }
}
