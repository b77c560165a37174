// The whole generated 2x2 MixPE-W4A8 array (FP32 dequantization units included) mapped to
// Nangate45 by native Yosys, then timed by tessera and by OpenSTA: every endpoint's slack compared
// (the test suite does the same on the PE alone, since this mapping costs Yosys minutes) and both
// tools' times from the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dataPath, missingData } from '../util/index.ts';
import { mixpeEvalConfig, peKind } from '../hw/index.ts';
import { generateArrayDesign } from '../hdl-gen/index.ts';
import { runTiming, timingJson } from '../eda/timing/index.ts';
import { compareSlacks, runOpenSta } from '../test/eda/timing/opensta-reference.ts';
import { printComparison } from './compare.ts';

const missing = missingData('liberty', 'nangate45', 'nangate45_typ.lib.gz')
  ?? (spawnSync('yosys', ['-V']).status === 0 ? undefined : 'yosys not found on PATH')
  ?? (spawnSync('sta', ['-version']).status === 0 ? undefined : 'sta (OpenSTA) not found on PATH');
if (missing) {
  console.log(`array-timing bench skipped: ${missing}`);
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'tessera-array-timing-'));
try {
  const design = generateArrayDesign({ pe: peKind('mixpe-w4a8'), array: mixpeEvalConfig(2, 2), group: 8, scheme: 'symmetric' });
  const rtl = join(dir, 'array.v');
  const lib = join(dir, 'nangate45_typ.lib');
  const mapped = join(dir, 'mapped.v');
  const sdc = join(dir, 'array.sdc');
  writeFileSync(rtl, design.verilog);
  writeFileSync(lib, gunzipSync(readFileSync(dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'))));
  writeFileSync(sdc, 'create_clock -name clk -period 1.0 [get_ports clk]\nset_input_delay 0.1 -clock clk [all_inputs]\nset_output_delay 0.1 -clock clk [all_outputs]\n');
  const script = `read_verilog ${rtl}; synth -flatten -top ${design.top}; dfflibmap -liberty ${lib}; abc -liberty ${lib}; opt_clean; setundef -zero; hilomap -hicell LOGIC1_X1 Z -locell LOGIC0_X1 Z; splitnets -ports; opt_clean -purge; write_verilog -noattr -noexpr ${mapped}`;
  let t0 = performance.now();
  const y = spawnSync('yosys', ['-q', '-p', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (y.status !== 0) throw new Error(`yosys failed: ${y.stderr}`);
  console.log(`Yosys mapping of the 2x2 array: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  t0 = performance.now();
  const run = runTiming({ libs: [lib], netlist: mapped, sdc });
  const ours = timingJson(run.analysis, 0);
  const oursSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const ref = runOpenSta(() => [`read_liberty ${lib}`, `read_verilog ${mapped}`, `link_design ${design.top}`, `read_sdc ${sdc}`]);
  const peerSeconds = (performance.now() - t0) / 1000;

  const slacks = (k: 'setupSlack' | 'holdSlack') => new Map(ours.endpoints.filter((e) => e[k] !== null).map((e) => [e.pin, e[k]!]));
  const setup = compareSlacks(slacks('setupSlack'), ref.setup);
  const hold = compareSlacks(slacks('holdSlack'), ref.hold);
  console.log(`${run.graph.instances.length} cells; setup ${setup.compared} endpoints (${setup.missing.length} missing, ${setup.extra.length} extra), max |err| ${(setup.maxError * 1000).toFixed(3)} ps, ${setup.outside.length} outside max(2 ps, 1%)`);
  console.log(`hold ${hold.compared} endpoints (${hold.missing.length} missing, ${hold.extra.length} extra), max |err| ${(hold.maxError * 1000).toFixed(3)} ps, ${hold.outside.length} outside`);
  console.log(`WNS ${ours.wns} vs ${ref.wns} ns; TNS ${ours.tns} vs ${ref.tns} ns (${((Math.abs(ours.tns - ref.tns) / Math.abs(ref.tns)) * 100).toFixed(5)}%)`);
  // OpenSTA's time includes its full endpoint report (report_checks -format end over every endpoint).
  printComparison('2x2 array STA (read + analyse, every endpoint reported)', 's', oursSeconds, 'OpenSTA', peerSeconds, false);
  console.log('note: other jobs share these 2 cores, so absolute times are noisy; ratios from the same run are comparable.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
