// STA runtime: tessera's engine against OpenSTA (`sta`) on the same inputs, in the same run.
// Both sides read the Liberty, netlist and SDC and report the worst path and TNS; .gz inputs are
// unpacked for OpenSTA (which cannot read them) before its clock starts. Also: Liberty read time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dataPath, missingData } from '../util/index.ts';
import { formatReportChecks, readLiberty, runTiming } from '../eda/timing/index.ts';
import { bestTime, printComparison } from './compare.ts';

const designs = [
  { name: 'aes_cipher_top', folder: 'nangate45_aes_cipher_top', netlist: 'aes_cipher_top.v', sdc: 'aes_cipher_top.sdc' },
  { name: 'ibex_core', folder: 'nangate45_ibex_core', netlist: 'ibex_core.v.gz', sdc: 'ibex_core.sdc' },
];

const missing = missingData('timing_designs', 'nangate45_ibex_core', 'ibex_core.v.gz');
if (missing) {
  console.log(`sta bench skipped: ${missing}`);
  process.exit(0);
}
const staOk = spawnSync('sta', ['-version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'tessera-sta-bench-'));
const plain = (f: string) => {
  if (!f.endsWith('.gz')) return f;
  const out = join(dir, basename(f, '.gz'));
  writeFileSync(out, gunzipSync(readFileSync(f)));
  return out;
};

try {
  const sky = dataPath('liberty', 'sky130_fd_sc_hd', 'sky130hd_tt.lib.gz');
  const libSeconds = await bestTime(3, () => readLiberty(sky));
  console.log(`Liberty read, sky130_fd_sc_hd tt (12.8 MB, gunzip included): ${(libSeconds * 1000).toFixed(0)} ms (target < 1000 ms)`);

  const lib = dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz');
  for (const d of designs) {
    const netlist = dataPath('timing_designs', d.folder, d.netlist);
    const sdc = dataPath('timing_designs', d.folder, d.sdc);
    let summary = '';
    const ours = await bestTime(2, () => {
      const run = runTiming({ libs: [lib], netlist, sdc });
      summary = `${run.graph.instances.length} cells, ${run.analysis.setup.length} setup endpoints, worst slack ${(run.analysis.worstSetup * 1e9).toFixed(4)} ns`;
      formatReportChecks(run.analysis, 1);
    });
    console.log(`${d.name}: ${summary}`);
    let peer: number | undefined;
    if (staOk) {
      const script = join(dir, `${d.name}.tcl`);
      writeFileSync(script, [`read_liberty ${plain(lib)}`, `read_verilog ${plain(netlist)}`, `link_design ${d.name}`, `read_sdc ${sdc}`, 'report_checks', 'report_tns', 'exit'].join('\n'));
      peer = await bestTime(2, () => spawnSync('sta', ['-no_init', '-no_splash', '-exit', script], { stdio: 'ignore' }));
    }
    printComparison(`${d.name} STA (read + analyse + report)`, 's', ours, 'OpenSTA', peer, false);
  }
  console.log('note: other jobs share these 2 cores, so absolute times are noisy; ratios from the same run are comparable.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
