import { defineCommand } from '../command.ts';
import { UserError, writeJsonAtomic } from '../../util/index.ts';
import { buildTimingGraph, netlistFromDef, readDef, readLef, readLiberty, readSdc, readSdf, readVerilogNetlist, sdfAnnotation } from '../../eda/timing/index.ts';
import { routeTechnology } from '../../eda/route-estimate/index.ts';
import { criticalPath, loadSlackModel, modelConstraints, parseSlackGraph, portLoads, predictSlack, propagate, shippedSlackModelDir } from '../../models/timing/e2eslack/index.ts';

const list = (v: string | undefined) => (v === undefined ? [] : v.split(',').map((s) => s.trim()).filter(Boolean));

export default defineCommand({
  path: ['slack', 'predict'],
  summary: 'predict setup slack per endpoint, the worst paths, TNS and WNS of a placed design (no routing, no STA)',
  details: `Reads the placement (DEF), the netlist, Liberty, LEF and SDC, builds the timing graph with placement
features, propagates arrival times and slews with the learned message functions, required times back from
the clock constraints, and prints slacks. Primary inputs come from the SDC (input delays, driving cells).
With --sdf (delays from a prior run, e.g. OpenSTA's write_sdf) the arcs it names take its delays, as STA
takes them, and the model predicts the rest.
example: tessera slack predict --def placed.def --netlist netlist.v --lib sky130hd_tt.lib.gz --lef sky130hd.tlef,sky130_fd_sc_hd_merged.lef.gz --sdc design.sdc`,
  flags: [
    { name: 'def', kind: 'string', required: true, valueName: 'D', help: 'placed DEF' },
    { name: 'netlist', kind: 'string', valueName: 'V', help: "structural Verilog netlist (default: the DEF's own connectivity)" },
    { name: 'lib', kind: 'string', required: true, valueName: 'LIB[,LIB]', help: 'Liberty libraries' },
    { name: 'lef', kind: 'string', required: true, valueName: 'LEF[,LEF]', help: 'technology LEF first, then cell LEFs' },
    { name: 'sdc', kind: 'string', required: true, valueName: 'S', help: 'SDC constraints' },
    { name: 'sdf', kind: 'string', valueName: 'F', help: 'SDF of a prior run: the cell, interconnect and setup delays it names replace predicted ones (as STA reads them); slews are still predicted' },
    { name: 'model', kind: 'string', valueName: 'DIR', help: 'checkpoint folder (default: the shipped one)' },
    { name: 'via-res', kind: 'number', default: 5, valueName: 'OHM', help: 'resistance per via cut where the LEF gives none' },
    { name: 'paths', kind: 'int', default: 5, valueName: 'K', help: 'worst endpoints to list, the first with its path' },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write wns, tns and every endpoint slack (ns) as JSON' },
  ],
  async run(flags) {
    if (flags.paths < 0) throw new UserError('must be 0 or more', '--paths');
    const { functions } = loadSlackModel(flags.model ?? shippedSlackModelDir());
    const libs = list(flags.lib).map((f) => readLiberty(f, '--lib'));
    const lef = readLef(list(flags.lef), '--lef');
    const def = readDef(flags.def, '--def');
    const graph = buildTimingGraph(flags.netlist ? readVerilogNetlist(flags.netlist, undefined, '--netlist') : netlistFromDef(def), libs);
    const sdc = readSdc(flags.sdc, '--sdc', { time: libs[0]!.timeUnit, cap: libs[0]!.capUnit });
    const sdf = flags.sdf ? sdfAnnotation(graph, readSdf(flags.sdf, '--sdf')) : undefined;
    const t0 = performance.now();
    const g = parseSlackGraph(graph, libs, sdc, def, lef, portLoads(graph, sdc), { tech: routeTechnology(lef, { defaultViaResistance: flags['via-res'] }), geometry: functions.geometry, ...(sdf ? { sdf } : {}) });
    const c = modelConstraints(g);
    // Setup slack, TNS and WNS need the late mode only.
    const pred = propagate(g, c, functions, { early: false });
    const s = predictSlack(g, c, pred);
    const seconds = (performance.now() - t0) / 1000;
    const name = (p: number) => graph.pins[p]!.name;
    if (sdf) console.log(`SDF ${flags.sdf}: ${sdf.matched} entries annotated${sdf.unmatched > 0 ? `, ${sdf.unmatched} name no pin of the netlist` : ''}`);
    console.log(`${s.endpoints.length} setup endpoints, ${s.endpoints.filter((e) => e.slack < 0).length} violating; predicted in ${seconds.toFixed(2)} s`);
    for (const e of s.endpoints.slice(0, flags.paths)) console.log(`  ${name(e.pin).padEnd(40)} required ${e.required.toFixed(3)}  slack ${e.slack.toFixed(3)} ns`);
    if (flags.paths > 0 && s.endpoints.length > 0) {
      console.log('worst path (predicted arrival, ns):');
      for (const pt of criticalPath(g, pred, s.endpoints[0]!.pin)) console.log(`  ${pt.arrival.toFixed(3).padStart(9)} ${pt.rf === 0 ? '^' : 'v'} ${name(pt.pin)}`);
    }
    console.log(`wns ${s.wns.toFixed(4)}`);
    console.log(`tns ${s.tns.toFixed(4)}`);
    if (flags.json) writeJsonAtomic(flags.json, { wns: s.wns, tns: s.tns, seconds, endpoints: s.endpoints.map((e) => ({ pin: name(e.pin), slack: e.slack, required: e.required })) });
  },
});
