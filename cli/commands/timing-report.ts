import { defineCommand } from '../command.ts';
import { writeJsonAtomic } from '../../util/index.ts';
import { formatDesignRules, formatReportChecks, runTiming, sdcWarnings, timingJson } from '../../eda/timing/index.ts';

const list = (v: string | undefined) => (v === undefined ? [] : v.split(',').map((s) => s.trim()).filter(Boolean));

export default defineCommand({
  path: ['timing', 'report'],
  summary: 'static timing analysis: worst paths in report_checks style, WNS/TNS, per-endpoint slack (JSON)',
  details: `Parasitics: --spef when given; else a placement estimate from --def with --lef (half-perimeter
wire per net with the LEF routing layers' R and C); else the library's default wire-load model, as OpenSTA.
Without --netlist the DEF's own connectivity is timed.
example: tessera timing report --netlist gcd.v --lib nangate45_typ.lib.gz --sdc gcd.sdc --paths 3 --json gcd.json`,
  flags: [
    { name: 'netlist', kind: 'string', valueName: 'V', help: 'structural Verilog netlist (.v or .v.gz)' },
    { name: 'top', kind: 'string', valueName: 'MODULE', help: 'top module of the netlist (default: the module no other instantiates)' },
    { name: 'lib', kind: 'string', required: true, valueName: 'LIB[,LIB]', help: 'Liberty libraries (.lib or .lib.gz), comma separated; the first sets units and wire loads' },
    { name: 'lef', kind: 'string', valueName: 'LEF[,LEF]', help: 'LEF files (technology first), comma separated: routing R and C and pin shapes for --def' },
    { name: 'def', kind: 'string', valueName: 'D', help: 'DEF placement: pre-route wire estimate (and the netlist when --netlist is absent)' },
    { name: 'sdc', kind: 'string', required: true, valueName: 'S', help: 'SDC constraints (create_clock, set_input/output_delay, set_false_path, set_case_analysis, group_path, set_max_transition, ...; docs/timing.md lists every command and option)' },
    { name: 'spef', kind: 'string', valueName: 'P', help: 'SPEF parasitics: DMP driver model (effective capacitance) with waveform-based wire delays and load slews, as OpenSTA' },
    { name: 'sdf', kind: 'string', valueName: 'F', help: 'SDF delays (IOPATH, INTERCONNECT, SETUP/HOLD) replacing calculated ones; slews are still calculated' },
    { name: 'paths', kind: 'int', default: 1, valueName: 'K', help: 'how many worst paths to print (one per endpoint)' },
    { name: 'hold', kind: 'boolean', help: 'also print the K worst hold paths' },
    { name: 'digits', kind: 'int', default: 4, valueName: 'N', help: 'decimal places of times (ns)' },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write wns, tns (ns), per-endpoint setup/hold slack and the K worst paths as JSON' },
  ],
  async run(flags) {
    const run = runTiming({
      netlist: flags.netlist, top: flags.top, libs: list(flags.lib), lefs: list(flags.lef), def: flags.def, sdc: flags.sdc, spef: flags.spef, sdf: flags.sdf,
    });
    const a = run.analysis;
    for (const w of sdcWarnings(a)) console.error(w);
    for (const m of a.state.sdc.messages) console.log(m);
    if (run.graph.blackBoxes.length > 0) console.log(`note: cells without Liberty timing, treated as black boxes: ${run.graph.blackBoxes.join(', ')}`);
    console.log(`parasitics: ${a.parasiticsSource}\n`);
    console.log(formatReportChecks(a, flags.paths, 'setup', flags.digits));
    if (flags.hold) console.log(formatReportChecks(a, flags.paths, 'hold', flags.digits));
    console.log(`wns ${(a.wns * 1e9).toFixed(flags.digits)}`);
    console.log(`tns ${(a.tns * 1e9).toFixed(flags.digits)}`);
    for (const line of formatDesignRules(a, flags.digits)) console.log(line);
    console.log(`endpoints: ${a.setup.length} setup, ${a.hold.length} hold; read ${run.readSeconds.toFixed(2)} s, analysis ${run.analyzeSeconds.toFixed(2)} s`);
    if (flags.json) writeJsonAtomic(flags.json, timingJson(a, flags.paths));
  },
});
