import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dataPath } from '../../../../util/index.ts';
import { missingData, missingTool, skipReason, toolPath } from '../../../helpers/requirements.ts';
import { main } from '../../../../cli/main.ts';
import {
  analyzeTiming, buildTimingGraph, parseDef, parseSdc, parseSdf, parseSpef, readLef, readLiberty, readVerilogNetlist, sdfAnnotation, spefParasitics,
  type Def, type Lef, type LibertyLibrary, type Sdc, type TimingGraph,
} from '../../../../eda/timing/index.ts';
import { routeTechnology } from '../../../../eda/route-estimate/index.ts';
import { estimateAndTime, loadSlackModel, modelConstraints, parseSlackGraph, portLoads, predictSlack, propagate, shippedSlackModelDir, timingLabels, type MessageFunctions } from '../../../../models/timing/e2eslack/index.ts';

const skip = skipReason(missingData('timing_designs', 'nangate45_gcd', 'gcd_nangate45_placed.def'));
const dir = mkdtempSync(join(tmpdir(), 'tessera-slack-sdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SDC = 'create_clock [get_ports clk] -name core_clock -period 0.4\nset_input_delay 0.06 -clock core_clock [all_inputs]\nset_output_delay 0.06 -clock core_clock [all_outputs]\nset_driving_cell -lib_cell BUF_X1 -pin Z [all_inputs]\nset_load 2 [all_outputs]\n';

const t = (v: number) => `(${v.toFixed(4)}::${(v + 0.002).toFixed(4)})`;
const local = (graph: TimingGraph, pin: number) => graph.pins[pin]!.name.slice(graph.instances[graph.pins[pin]!.inst]!.name.length + 1);

/**
 * An SDF naming every cell arc, every wire into a cell or port and every setup check of the
 * graph, with made-up values (min::max triples, the max 2 ps above the min) that differ per
 * arc, transition and pin: what a prior run's write_sdf gives, without its numbers.
 */
function fullSdf(graph: TimingGraph): string {
  const cells: string[] = [];
  const byInst = new Map<number, string[]>();
  const add = (inst: number, line: string) => byInst.set(inst, [...(byInst.get(inst) ?? []), line]);
  graph.cellEdges.forEach((e, i) => {
    const from = local(graph, e.from);
    const to = local(graph, e.to);
    const rise = 0.02 + (i % 13) * 0.003;
    const fall = 0.018 + (i % 7) * 0.004;
    add(graph.pins[e.to]!.inst, e.role === 'launch' ? `(IOPATH (${e.clockEdge === 'rise' ? 'posedge' : 'negedge'} ${from}) ${to} ${t(rise)} ${t(fall)})` : `(IOPATH ${from} ${to} ${t(rise)} ${t(fall)})`);
  });
  const wires: string[] = [];
  graph.nets.forEach((n, ni) => {
    const drv = n.drivers[0];
    if (drv === undefined) return;
    n.loads.forEach((l, k) => wires.push(`(INTERCONNECT ${graph.pins[drv]!.name} ${graph.pins[l]!.name} ${t(0.001 * ((ni + k) % 5))} ${t(0.0015 * ((ni + 2 * k) % 4))})`));
  });
  cells.push(`(CELL (CELLTYPE "${graph.netlist.name}") (INSTANCE) (DELAY (ABSOLUTE\n${wires.join('\n')}\n)))`);
  const checks = new Map<number, string[]>();
  for (const c of graph.checks) {
    if (c.kind !== 'setup') continue;
    const inst = graph.pins[c.data]!.inst;
    checks.set(inst, [...(checks.get(inst) ?? []), `(SETUP ${local(graph, c.data)} (${c.clockEdge === 'rise' ? 'posedge' : 'negedge'} ${local(graph, c.clock)}) (0.031::0.035))`]);
  }
  for (const [inst, lines] of byInst) {
    const name = graph.instances[inst]!.name;
    const chk = checks.get(inst);
    cells.push(`(CELL (CELLTYPE "${graph.instances[inst]!.cell.name}") (INSTANCE ${name}) (DELAY (ABSOLUTE\n${lines.join('\n')}\n))${chk ? ` (TIMINGCHECK\n${chk.join('\n')}\n)` : ''})`);
  }
  return `(DELAYFILE (SDFVERSION "3.0") (DESIGN "${graph.netlist.name}") (DIVIDER /) (TIMESCALE 1ns)\n${cells.join('\n')}\n)\n`;
}

describe.skipIf(skip !== undefined)('E2ESlack with an SDF (gcd, Nangate45)', () => {
  const files = {
    def: () => dataPath('timing_designs', 'nangate45_gcd', 'gcd_nangate45_placed.def'),
    netlist: () => dataPath('timing_designs', 'nangate45_gcd', 'gcd_nangate45.v'),
    lib: () => dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'),
    lef: () => dataPath('lef', 'nangate45', 'Nangate45.lef'),
  };
  let graph: TimingGraph;
  let libs: LibertyLibrary[];
  let lef: Lef;
  let def: Def;
  let sdc: Sdc;
  let functions: MessageFunctions;
  let sdfText: string;
  const model = (sdf?: string) => {
    const g = parseSlackGraph(graph, libs, sdc, def, lef, portLoads(graph, sdc), { tech: routeTechnology(lef, { defaultViaResistance: 5 }), geometry: functions.geometry, ...(sdf ? { sdf: sdfAnnotation(graph, parseSdf(sdf, 'gcd.sdf')) } : {}) });
    const c = modelConstraints(g);
    const pred = propagate(g, c, functions);
    return { pred, slack: predictSlack(g, c, pred) };
  };
  beforeAll(() => {
    libs = [readLiberty(files.lib())];
    lef = readLef([files.lef()]);
    graph = buildTimingGraph(readVerilogNetlist(files.netlist()), libs);
    sdc = parseSdc(SDC, 'gcd.sdc', { time: libs[0]!.timeUnit, cap: libs[0]!.capUnit });
    def = parseDef(readFileSync(files.def(), 'utf8'), files.def());
    functions = loadSlackModel(shippedSlackModelDir()).functions;
    sdfText = fullSdf(graph);
  });

  it('with an SDF naming every arc, the predicted arrivals and setup slacks are our STA\'s on the same SDF', () => {
    // STA: the routing estimate's parasitics (for slews), the SDF's delays.
    const spef = estimateAndTime(graph, sdc, libs, lef, def, { defaultViaResistance: 5 }).spefText;
    const annotation = sdfAnnotation(graph, parseSdf(sdfText, 'gcd.sdf'));
    expect(annotation.unmatched).toBe(0);
    const sta = timingLabels(analyzeTiming(graph, libs, sdc, { parasitics: spefParasitics(graph, parseSpef(spef, 'gcd.spef')), annotation }));
    const m = model(sdfText);
    let compared = 0;
    for (let i = 0; i < sta.arrival.length; i++) {
      if (!Number.isFinite(sta.arrival[i]!)) continue;
      expect(m.pred.arrival[i]!).toBeCloseTo(sta.arrival[i]!, 5);
      compared++;
    }
    expect(compared).toBeGreaterThan(graph.pins.length);
    const truth = new Map(sta.endpoints.map((e) => [e.pin, e.slack]));
    expect(m.slack.endpoints.length).toBe(truth.size);
    for (const e of m.slack.endpoints) expect(e.slack).toBeCloseTo(truth.get(e.pin)!, 5);
    expect(m.slack.wns).toBeCloseTo(sta.wns, 5);
    expect(m.slack.tns).toBeCloseTo(sta.tns, 4);
    // Without the SDF the model predicts other delays.
    expect(Math.abs(model().slack.tns - sta.tns)).toBeGreaterThan(1e-3);
  });

  it.skipIf(missingTool('sta'))('with the SDF OpenSTA writes for the routing estimate, the predicted setup slacks are our STA\'s on it', () => {
    const spef = estimateAndTime(graph, sdc, libs, lef, def, { defaultViaResistance: 5 }).spefText;
    const files = { lib: join(dir, 'n45.lib'), spef: join(dir, 'est.spef'), sdc: join(dir, 'w.sdc'), sdf: join(dir, 'opensta.sdf'), tcl: join(dir, 'w.tcl') };
    writeFileSync(files.lib, gunzipSync(readFileSync(dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'))));
    writeFileSync(files.spef, spef);
    writeFileSync(files.sdc, SDC);
    writeFileSync(files.tcl, [`read_liberty ${files.lib}`, `read_verilog ${dataPath('timing_designs', 'nangate45_gcd', 'gcd_nangate45.v')}`, 'link_design gcd', `read_sdc ${files.sdc}`, `read_spef ${files.spef}`, `write_sdf -digits 4 ${files.sdf}`, 'exit', ''].join('\n'));
    const run = spawnSync(toolPath('sta')!, ['-no_splash', '-exit', files.tcl], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const text = readFileSync(files.sdf, 'utf8');
    // OpenSTA writes parenthesised conditions: (COND (B1 == 1'b1) && (B2 == 1'b0) (IOPATH ...)).
    expect(text).toMatch(/\(COND \(/);
    const annotation = sdfAnnotation(graph, parseSdf(text, 'opensta.sdf'));
    expect(annotation.unmatched).toBe(0);
    const sta = timingLabels(analyzeTiming(graph, libs, sdc, { parasitics: spefParasitics(graph, parseSpef(spef, 'est.spef')), annotation }));
    const m = model(text);
    const truth = new Map(sta.endpoints.map((e) => [e.pin, e.slack]));
    expect(m.slack.endpoints.length).toBe(truth.size);
    for (const e of m.slack.endpoints) expect(e.slack).toBeCloseTo(truth.get(e.pin)!, 5);
  });

  it('an SDF naming one cell changes that cell\'s arcs alone', () => {
    const e = graph.cellEdges.findIndex((x) => x.role === 'combinational');
    const edge = graph.cellEdges[e]!;
    const inst = graph.instances[graph.pins[edge.to]!.inst]!;
    const one = `(DELAYFILE (SDFVERSION "3.0") (DIVIDER /) (TIMESCALE 1ps)\n(CELL (CELLTYPE "${inst.cell.name}") (INSTANCE ${inst.name}) (DELAY (ABSOLUTE (IOPATH ${local(graph, edge.from)} ${local(graph, edge.to)} (250) (300))))))\n`;
    const plain = model().pred;
    const sdf = model(one).pred;
    for (let k = 0; k < 8; k++) {
      const d = sdf.cellDelay[e * 8 + k]!;
      if (Number.isNaN(plain.cellDelay[e * 8 + k]!)) continue;
      expect(d).toBeCloseTo((k & 1) === 0 ? 0.25 : 0.3, 6);
    }
    // Every arc of another instance keeps its predicted delay where its inputs arrive as before.
    const other = graph.cellEdges.findIndex((x) => x.role === 'launch');
    for (let k = 0; k < 8; k++) if (!Number.isNaN(plain.cellDelay[other * 8 + k]!)) expect(sdf.cellDelay[other * 8 + k]).toBe(plain.cellDelay[other * 8 + k]);
  });

  it('tessera slack predict --sdf uses it, and names the file and line of a broken SDF', async () => {
    const sdcPath = join(dir, 'gcd.sdc');
    const sdfPath = join(dir, 'gcd.sdf');
    writeFileSync(sdcPath, SDC);
    writeFileSync(sdfPath, sdfText);
    const json = join(dir, 'pred.json');
    const args = ['slack', 'predict', '--def', files.def(), '--netlist', files.netlist(), '--lib', files.lib(), '--lef', files.lef(), '--sdc', sdcPath, '--paths', '0'];
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    try {
      expect(await main([...args, '--sdf', sdfPath, '--json', json]) ?? 0).toBe(0);
      const j = JSON.parse(readFileSync(json, 'utf8')) as { wns: number; tns: number };
      const full = model(sdfText).slack;
      // The command propagates the late mode alone: the same setup slacks.
      expect(j.wns).toBeCloseTo(full.wns, 9);
      expect(j.tns).toBeCloseTo(full.tns, 9);
      expect(out.join('\n')).toMatch(/SDF .*gcd\.sdf: \d+ entries annotated/);
      const broken = join(dir, 'broken.sdf');
      writeFileSync(broken, '(DELAYFILE (SDFVERSION "3.0")\n (CELL (CELLTYPE "BUF_X1")\n  (INSTANCE _346_)\n  (DELAY (ABSOLUTE (IOPATH A Z (fast) (0.2)))))\n)\n');
      out.length = 0;
      expect(await main([...args, '--sdf', broken])).not.toBe(0);
      expect(out.join('\n')).toMatch(/broken\.sdf:4:\d+/);
      const foreign = join(dir, 'foreign.sdf');
      writeFileSync(foreign, '(DELAYFILE (SDFVERSION "3.0") (DIVIDER /)\n(CELL (CELLTYPE "BUF_X1") (INSTANCE nowhere) (DELAY (ABSOLUTE (IOPATH A Z (0.1) (0.2))))))\n');
      out.length = 0;
      expect(await main([...args, '--sdf', foreign])).not.toBe(0);
      expect(out.join('\n')).toMatch(/foreign\.sdf.*names a pin of the netlist|none of the 1 entries/);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });
});
