import { readFileSync } from 'node:fs';
import { r2 } from '../../../common/index.ts';
import { analyzeTiming, buildTimingGraph, parseDef, parseSdc, readVerilogNetlist, type LibertyLibrary, type TimingGraph } from '../../../../eda/timing/index.ts';
import { routeTechnology } from '../../../../eda/route-estimate/index.ts';
import { estimateAndTime } from '../flow/ground-truth.ts';
import { cellLibrary } from '../flow/technology.ts';
import { libraryTechnology, portLoads } from '../data/load-design.ts';
import { designFiles, type DesignRecord } from '../data/storage.ts';
import { defaultSdc } from '../flow/sdc.ts';
import { timingLabels } from '../labels.ts';
import { parseSlackGraph, type SlackGraph } from '../parser/slack-graph.ts';
import { atOnlySlack, hpwlLumpedSta, wireLoadSta, type BaselineSlack } from './baselines.ts';
import { modelConstraints } from './constraints.ts';
import { propagate, type MessageFunctions, type Prediction } from './propagate.ts';
import { predictSlack } from './slack.ts';

interface Compared {
  readonly predicted: number;
  readonly truth: number;
  /** Pre-route STA with the wire-load model, and with HPWL-lumped wires. */
  readonly prerouteSta: number;
  readonly prerouteHpwl: number;
  /** The model's arrivals with pre-route STA's required times. */
  readonly atOnly: number;
}

export interface DesignEvaluation {
  readonly name: string;
  readonly split: string;
  /** The clock period evaluated (ns): the design's, scaled, or tightened (see `EvaluationClock`). */
  readonly periodNs: number;
  readonly cells: number;
  readonly pins: number;
  readonly endpoints: number;
  /** AT R^2 pooled over pins, rise/fall, early/late: r2_score(truth, prediction), and TimingPredict's swapped order. */
  readonly atR2: number;
  readonly atR2Swapped: number;
  /** Endpoint setup slack R^2 of the model, and of the AT-only baseline. */
  readonly slackR2: number;
  readonly slackR2AtOnly: number;
  readonly wns: Compared;
  readonly tns: Compared;
  /** The worst endpoint setup slack (ns), positive when every endpoint meets the clock. */
  readonly worstSlack: Compared;
  /**
   * From the same parsed inputs: the model's TimingParser, propagation, required times and slack
   * (second of two runs; `modelSetupOnly` a third run without the early mode, which setup slack,
   * TNS and WNS do not need), and the ground truth's routing estimate, SPEF write and read, and STA.
   */
  readonly seconds: { model: number; modelSetupOnly: number; groundTruthFlow: number };
}

function pairs(pred: ReadonlyMap<number, number>, truth: ReadonlyMap<number, number>): [number[], number[]] {
  const p: number[] = [];
  const t: number[] = [];
  for (const [k, v] of truth) {
    const q = pred.get(k);
    if (q !== undefined && Number.isFinite(q)) {
      p.push(q);
      t.push(v);
    }
  }
  return [p, t];
}

/**
 * The clock a design is evaluated at: its own period times `scale`, or `tighten` times its
 * minimum period by pre-route STA (wire-load model), so that designs whose own clock is loose get
 * failing endpoints, or a given period (another evaluation's, to compare checkpoints at the same clocks). Input and output delays scale with the period; the ground truth is timed
 * again at that clock on the same placement.
 */
export type EvaluationClock = { readonly scale: number } | { readonly tighten: number } | { readonly periodNs: number };

const periodSdc = (record: DesignRecord, periodNs: number, sdcFile: string, libs: LibertyLibrary[]) => {
  const lib = cellLibrary(record.library);
  const text = defaultSdc({ clockPort: record.clockPort, periodNs, drivingCell: lib.drivingCell, outputLoad: lib.outputLoad });
  return parseSdc(text, sdcFile, { time: libs[0]!.timeUnit, cap: libs[0]!.capUnit });
};

/**
 * The shortest clock period (ns) at which pre-route STA (wire-load model) has no failing setup
 * endpoint. An endpoint's slack grows with the period at a slope between 0.6 (input to output,
 * both delays 20% of the period) and 1 (register to register), so the worst slack is concave in
 * the period with slopes at most 1: stepping down by the worst slack never passes the minimum.
 */
export function preRouteMinimumPeriod(record: DesignRecord, graph: TimingGraph, libs: LibertyLibrary[], sdcFile: string): number {
  let period = record.periodNs;
  for (let step = 0; step < 8; step++) {
    const a = analyzeTiming(graph, libs, periodSdc(record, period, sdcFile, libs));
    let worst = Infinity;
    for (const e of a.setup) worst = Math.min(worst, e.slack * 1e9);
    if (!Number.isFinite(worst)) return record.periodNs;
    if (worst <= 0.01 * period) return step === 0 && worst < 0 ? period : period - Math.max(0, worst);
    period -= worst;
  }
  return period;
}

/** The evaluation period (ns) for a clock choice; a tightened one comes from pre-route STA only. */
export function evaluationPeriod(record: DesignRecord, graph: TimingGraph, libs: LibertyLibrary[], sdcFile: string, clock: EvaluationClock): number {
  if ('scale' in clock) return record.periodNs * clock.scale;
  if ('periodNs' in clock) return clock.periodNs;
  return clock.tighten * preRouteMinimumPeriod(record, graph, libs, sdcFile);
}

const worstOf = (slacks: Iterable<number>) => {
  let w = Infinity;
  for (const s of slacks) w = Math.min(w, s);
  return w;
};

/**
 * Evaluates the model on one data-set design against its ground truth and the baselines, at the
 * design's clock or another (`EvaluationClock`): the ground truth is timed again at that clock.
 * `accuracyOnly` skips the baselines and the model's timed runs (their fields are NaN): the
 * model's figures at a third of the cost, to compare checkpoints.
 */
export function evaluateDesign(dir: string, record: DesignRecord, functions: MessageFunctions, clock: EvaluationClock = { scale: 1 }, accuracyOnly = false): DesignEvaluation {
  const { libs, lef } = libraryTechnology(record.library);
  const files = designFiles(dir, record.name);
  const graph = buildTimingGraph(readVerilogNetlist(files.netlist), libs);
  const lib = cellLibrary(record.library);
  const periodNs = evaluationPeriod(record, graph, libs, files.sdc, clock);
  const sdc = periodSdc(record, periodNs, files.sdc, libs);
  const defText = readFileSync(files.def, 'utf8');
  const techOptions = { defaultViaResistance: lib.viaResistance };
  const loads = portLoads(graph, sdc);
  // Both sides start from the same parsed inputs: netlist, Liberty, LEF, SDC and DEF.
  const def = parseDef(defText, files.def);
  const runModel = (early = true) => {
    const t0 = performance.now();
    const g = parseSlackGraph(graph, libs, sdc, def, lef, loads, { tech: routeTechnology(lef, techOptions), geometry: functions.geometry });
    const c = modelConstraints(g);
    const pred = propagate(g, c, functions, { early });
    const slack = predictSlack(g, c, pred);
    return { g, pred, slack, seconds: (performance.now() - t0) / 1000 };
  };
  if (!accuracyOnly) runModel();
  const model = runModel();
  const setupOnly = accuracyOnly ? { seconds: NaN } : runModel(false);
  const gt = estimateAndTime(graph, sdc, libs, lef, def, techOptions);
  const labels = timingLabels(gt.analysis);
  const at: number[] = [];
  const atTruth: number[] = [];
  for (let i = 0; i < labels.arrival.length; i++) {
    const t = labels.arrival[i]!;
    const p = model.pred.arrival[i]!;
    if (Number.isFinite(t) && Number.isFinite(p)) {
      at.push(p);
      atTruth.push(t);
    }
  }
  const truth = new Map(labels.endpoints.map((e) => [e.pin, e.slack]));
  const [ps, ts] = pairs(new Map(model.slack.endpoints.map((e) => [e.pin, e.slack])), truth);
  const base = accuracyOnly ? skippedBaselines : baselines(model.g, model.pred);
  const { wl, hp, atOnly } = base;
  const [ap, atr] = pairs(atOnly.endpoints, truth);
  return {
    name: record.name, split: record.split, periodNs, cells: record.cells, pins: record.pins, endpoints: labels.endpoints.length,
    atR2: r2(at, atTruth), atR2Swapped: r2(atTruth, at),
    slackR2: r2(ps, ts), slackR2AtOnly: ap.length > 0 ? r2(ap, atr) : NaN,
    wns: { predicted: model.slack.wns, truth: labels.wns, prerouteSta: wl.slack.wns, prerouteHpwl: hp.wns, atOnly: atOnly.wns },
    tns: { predicted: model.slack.tns, truth: labels.tns, prerouteSta: wl.slack.tns, prerouteHpwl: hp.tns, atOnly: atOnly.tns },
    worstSlack: {
      predicted: worstOf(model.slack.endpoints.map((e) => e.slack)), truth: worstOf(truth.values()),
      prerouteSta: worstOf(wl.slack.endpoints.values()), prerouteHpwl: worstOf(hp.endpoints.values()), atOnly: worstOf(atOnly.endpoints.values()),
    },
    seconds: { model: accuracyOnly ? NaN : model.seconds, modelSetupOnly: setupOnly.seconds, groundTruthFlow: gt.seconds.route + gt.seconds.spefWrite + gt.seconds.extraction + gt.seconds.sta },
  };
}

/** The pre-route baselines of a design: wire-load STA, HPWL-lumped STA, the model's arrivals with wire-load STA's required times. */
type Slacks = Pick<BaselineSlack, 'wns' | 'tns' | 'endpoints'>;
function baselines(g: SlackGraph, pred: Prediction): { wl: { slack: Slacks }; hp: Slacks; atOnly: Slacks } {
  const wl = wireLoadSta(g);
  return { wl, hp: hpwlLumpedSta(g), atOnly: atOnlySlack(pred, wl.analysis) };
}

const skipped = { wns: NaN, tns: NaN, endpoints: new Map<number, number>() };
const skippedBaselines = { wl: { slack: skipped }, hp: skipped, atOnly: skipped };
