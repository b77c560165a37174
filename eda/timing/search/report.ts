import type { TimingAnalysis } from './analyze.ts';
import type { PathEnd } from './checks.ts';
import { tracePath } from './paths.ts';
import { idealLatency } from './state.ts';

const ns = (s: number) => s * 1e9;
const fmt = (s: number, digits: number, width = 10) => ns(s).toFixed(digits).padStart(width);
const arrow = (rf: number) => (rf === 0 ? '^' : 'v');

function describeStart(a: TimingAnalysis, end: PathEnd, startPin: number): string {
  const { graph, sdc } = a.state;
  const p = graph.pins[startPin]!;
  const clock = sdc.clocks[end.tag >> 1]?.name ?? '?';
  if (p.isPort) return `${p.name} (input port clocked by ${clock})`;
  const edge = (end.tag & 1) === 0 ? 'rising' : 'falling';
  return `${graph.instances[p.inst]!.name} (${edge} edge-triggered flip-flop clocked by ${clock})`;
}

function describeEnd(a: TimingAnalysis, end: PathEnd): string {
  const { graph, sdc } = a.state;
  const p = graph.pins[end.pin]!;
  const clock = sdc.clocks[end.captureClock]!.name;
  if (p.isPort) return `${p.name} (output port clocked by ${clock})`;
  return `${graph.instances[p.inst]!.name} (${end.isOutputPort ? 'output' : 'rising edge-triggered flip-flop'} clocked by ${clock})`;
}

/** One path in the familiar OpenSTA report_checks layout (times in ns). */
export function formatPath(a: TimingAnalysis, end: PathEnd, digits = 4): string {
  const { sdc } = a.state;
  const points = tracePath(a.state, end);
  const w = digits + 6;
  const clock = sdc.clocks[end.captureClock]!;
  const launch = sdc.clocks[end.tag >> 1]!;
  const rule = '-'.repeat(4 * w + 40);
  const line = (delay: string, time: string, text: string, cap = '', slew = '') => `${cap.padStart(w)}${slew.padStart(w)}${delay.padStart(w)}${time.padStart(w)} ${text}`;
  const out = [
    `Startpoint: ${describeStart(a, end, points[0]!.pin)}`,
    `Endpoint: ${describeEnd(a, end)}`,
    `Path Group: ${end.group}`,
    `Path Type: ${end.kind === 'setup' ? 'max' : 'min'}`,
    '',
    `${'Cap'.padStart(w)}${'Slew'.padStart(w)}${'Delay'.padStart(w)}${'Time'.padStart(w)}   Description`,
    rule,
  ];
  const launchEdge = launch.waveform[end.tag & 1]!;
  out.push(line(fmt(launchEdge, digits), fmt(launchEdge, digits), `  clock ${launch.name} (${(end.tag & 1) === 0 ? 'rise' : 'fall'} edge)`));
  const first = points[0]!;
  const startsAtPort = a.state.graph.pins[first.pin]!.isPort;
  // A register path starts at its clock pin's clock arrival; an input port path at the clock's ideal latency, then the input delay.
  const network = startsAtPort ? idealLatency(launch) : first.arrival - launchEdge;
  out.push(line(fmt(network, digits), fmt(launchEdge + network, digits), `  clock network delay (${launch.propagated ? 'propagated' : 'ideal'})`));
  if (startsAtPort) out.push(line(fmt(first.arrival - launchEdge - network, digits), fmt(first.arrival, digits), `${arrow(first.rf)} input external delay`));
  for (const [i, p] of points.entries()) {
    const cap = p.load === undefined ? '' : (p.load * 1e15 / a.capDisplayScale).toFixed(digits);
    out.push(line(i === 0 ? '' : fmt(p.incr, digits), fmt(p.arrival, digits), `${arrow(p.rf)} ${p.name} (${p.cell})`, cap, fmt(p.slew, digits)));
  }
  out.push(line('', fmt(end.arrival, digits), '  data arrival time'), '');
  out.push(line(fmt(end.captureEdge, digits), fmt(end.captureEdge, digits), `  clock ${clock.name} (${end.kind === 'setup' ? 'rise' : 'rise'} edge)`));
  out.push(line(fmt(end.captureLatency, digits), fmt(end.captureEdge + end.captureLatency, digits), `  clock network delay (${clock.propagated ? 'propagated' : 'ideal'})`));
  let t = end.captureEdge + end.captureLatency;
  if (end.uncertainty !== 0) {
    const u = end.kind === 'setup' ? -end.uncertainty : end.uncertainty;
    t += u;
    out.push(line(fmt(u, digits), fmt(t, digits), '  clock uncertainty'));
  }
  if (end.crpr !== 0) {
    t += end.kind === 'setup' ? end.crpr : -end.crpr;
    out.push(line(fmt(end.kind === 'setup' ? end.crpr : -end.crpr, digits), fmt(t, digits), '  clock reconvergence pessimism'));
  }
  const m = end.kind === 'setup' ? -end.margin : end.margin;
  out.push(line(fmt(m, digits), fmt(end.required, digits), end.isOutputPort ? '  output external delay' : `  library ${end.kind} time`));
  out.push(line('', fmt(end.required, digits), '  data required time'), rule);
  if (end.kind === 'setup') out.push(line('', fmt(end.required, digits), '  data required time'), line('', fmt(-end.arrival, digits), '  data arrival time'));
  else out.push(line('', fmt(end.arrival, digits), '  data arrival time'), line('', fmt(-end.required, digits), '  data required time'));
  out.push(rule, line('', fmt(end.slack, digits), `  slack (${end.slack < 0 ? 'VIOLATED' : 'MET'})`), '');
  return out.join('\n');
}

/** The k worst setup (or hold) paths, one per endpoint, as report_checks -group_count k prints them. */
export function formatReportChecks(a: TimingAnalysis, k: number, kind: 'setup' | 'hold' = 'setup', digits = 4): string {
  const ends = (kind === 'setup' ? a.setup : a.hold).slice(0, k);
  if (ends.length === 0) return 'No paths found.\n';
  return ends.map((e) => formatPath(a, e, digits)).join('\n');
}

export interface TimingJson {
  units: { time: 'ns'; capacitance: 'fF' };
  parasitics: string;
  /** As OpenSTA's report_wns / report_tns: min(0, worst setup slack) and the sum of negative setup slacks. */
  wns: number;
  tns: number;
  worstSetupSlack: number | null;
  worstHoldSlack: number | null;
  endpoints: { pin: string; setupSlack: number | null; holdSlack: number | null }[];
  paths: { startpoint: string; endpoint: string; group: string; slack: number; arrival: number; required: number; points: { pin: string; rf: 'rise' | 'fall'; arrival: number }[] }[];
  /** Pins over the SDC's set_max_transition (ns), set_max_capacitance (fF) and set_max_fanout limits. */
  designRuleViolations: { kind: 'transition' | 'capacitance' | 'fanout'; pin: string; value: number; limit: number }[];
  /** SDC lines read with no effect, as `file:line: message`. */
  sdcWarnings: string[];
}

/** JSON summary: WNS/TNS in ns, per-endpoint setup and hold slack, the k worst setup paths. */
export function timingJson(a: TimingAnalysis, k: number): TimingJson {
  const { graph } = a.state;
  const byPin = new Map<number, { setup: number | null; hold: number | null }>();
  for (const e of a.setup) byPin.set(e.pin, { setup: ns(e.slack), hold: null });
  for (const e of a.hold) {
    const v = byPin.get(e.pin) ?? { setup: null, hold: null };
    v.hold = ns(e.slack);
    byPin.set(e.pin, v);
  }
  const nullable = (v: number) => (Number.isNaN(v) ? null : ns(v));
  return {
    units: { time: 'ns', capacitance: 'fF' },
    parasitics: a.parasiticsSource,
    wns: ns(a.wns),
    tns: ns(a.tns),
    worstSetupSlack: nullable(a.worstSetup),
    worstHoldSlack: nullable(a.worstHold),
    endpoints: [...byPin].map(([pin, v]) => ({ pin: graph.pins[pin]!.name, setupSlack: v.setup, holdSlack: v.hold })).sort((x, y) => x.pin.localeCompare(y.pin)),
    paths: a.setup.slice(0, k).map((e) => {
      const pts = tracePath(a.state, e);
      return {
        startpoint: pts[0]!.name, endpoint: graph.pins[e.pin]!.name, group: e.group, slack: ns(e.slack), arrival: ns(e.arrival), required: ns(e.required),
        points: pts.map((p) => ({ pin: p.name, rf: p.rf === 0 ? 'rise' as const : 'fall' as const, arrival: ns(p.arrival) })),
      };
    }),
    designRuleViolations: a.designRules.map((v) => {
      const scale = v.kind === 'transition' ? 1e9 : v.kind === 'capacitance' ? 1e15 : 1;
      return { kind: v.kind, pin: graph.pins[v.pin]!.name, value: v.value * scale, limit: v.limit * scale };
    }),
    sdcWarnings: sdcWarnings(a),
  };
}

/** The SDC's warnings as `file:line: message` lines. */
export function sdcWarnings(a: TimingAnalysis): string[] {
  const sdc = a.state.sdc;
  return sdc.warnings.map((w) => `${sdc.file}:${w.line}: warning: ${w.message}`);
}

/** One line per design rule kind that has violations: how many pins, and the worst. */
export function formatDesignRules(a: TimingAnalysis, digits = 4): string[] {
  const out: string[] = [];
  for (const kind of ['transition', 'capacitance', 'fanout'] as const) {
    const v = a.designRules.filter((r) => r.kind === kind);
    if (v.length === 0) continue;
    const w = v[0]!;
    const show = (x: number) => (kind === 'transition' ? `${ns(x).toFixed(digits)} ns` : kind === 'capacitance' ? `${(x * 1e15).toFixed(digits)} fF` : String(x));
    out.push(`max ${kind}: ${v.length} pin${v.length === 1 ? '' : 's'} over the limit; worst ${a.state.graph.pins[w.pin]!.name} ${show(w.value)} > ${show(w.limit)}`);
  }
  return out;
}
