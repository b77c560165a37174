import type { TimingGraph } from '../graph/index.ts';
import type { LibertyLibrary } from '../liberty/index.ts';
import { wireLoadParasitics, type DelayAnnotation, type ParasiticsSource } from '../delay-calc/index.ts';
import type { Sdc } from '../sdc/index.ts';
import { UserError } from '../../../util/index.ts';
import { checkPathEnds, type PathEnd } from './checks.ts';
import { designRuleViolations, type RuleViolation } from './design-rules.ts';
import { propagateArrivals } from './propagate.ts';
import type { TimingState } from './state.ts';

export interface TimingAnalysis {
  readonly state: TimingState;
  /** Setup and hold ends, each list sorted by slack, worst first. */
  readonly setup: PathEnd[];
  readonly hold: PathEnd[];
  /** Worst negative setup slack (0 when met) and total negative setup slack, seconds. */
  readonly wns: number;
  readonly tns: number;
  /** Worst setup and hold slacks (may be positive), seconds; NaN when nothing is constrained. */
  readonly worstSetup: number;
  readonly worstHold: number;
  readonly parasiticsSource: string;
  /** Capacitances print in the first library's unit (1 for fF, 1000 for pF), as OpenSTA does. */
  readonly capDisplayScale: number;
  /** Pins over the SDC's max transition / capacitance / fanout limits. */
  readonly designRules: RuleViolation[];
}

export interface AnalyzeOptions {
  /** Net parasitics; when absent the first library's default wire-load model applies, as in OpenSTA. */
  readonly parasitics?: ParasiticsSource;
  readonly parasiticsName?: string;
  /** SDF delays that replace calculated ones. */
  readonly annotation?: DelayAnnotation;
}

/** Full static timing analysis: delays, arrivals, required times, slacks, WNS/TNS. */
export function analyzeTiming(graph: TimingGraph, libs: LibertyLibrary[], sdc: Sdc, options: AnalyzeOptions = {}): TimingAnalysis {
  const modelName = sdc.wireLoadModel ?? libs[0]!.defaultWireLoad;
  if (sdc.wireLoadModel !== undefined && !libs.some((l) => l.wireLoads.has(sdc.wireLoadModel!))) {
    throw new UserError(`SDC: set_wire_load_model names ${JSON.stringify(sdc.wireLoadModel)}, which no library defines`, sdc.file, `models of ${libs[0]!.name}: ${[...libs[0]!.wireLoads.keys()].join(', ') || 'none'}`);
  }
  const wireLoad = options.parasitics ? undefined : wireLoadParasitics(graph, libs.find((l) => modelName !== undefined && l.wireLoads.has(modelName)) ?? libs[0]!, modelName);
  const parasitics = options.parasitics ?? wireLoad;
  const state = propagateArrivals(graph, sdc, libs, parasitics, options.annotation);
  const ends = checkPathEnds(state);
  const bySlack = (a: PathEnd, b: PathEnd) => a.slack - b.slack;
  const setup = ends.filter((e) => e.kind === 'setup').sort(bySlack);
  const hold = ends.filter((e) => e.kind === 'hold').sort(bySlack);
  let tns = 0;
  for (const e of setup) if (e.slack < 0) tns += e.slack;
  return {
    state, setup, hold, tns,
    wns: Math.min(0, setup[0]?.slack ?? 0),
    worstSetup: setup[0]?.slack ?? NaN,
    worstHold: hold[0]?.slack ?? NaN,
    capDisplayScale: libs[0]!.capUnit / 1e-15,
    designRules: designRuleViolations(state),
    parasiticsSource: (options.parasiticsName ?? (wireLoad ? `wire-load model ${modelName}` : 'none (ideal wires)')) + (options.annotation ? `; SDF delays (${options.annotation.matched} entries)` : ''),
  };
}
