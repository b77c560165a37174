// STA runtime: tessera's engine against OpenSTA (`sta`) on the same inputs, in the same run.
// Both sides read the Liberty, netlist and SDC and report the worst path and TNS; .gz inputs are
// unpacked for OpenSTA (which cannot read them) before its clock starts. Also: Liberty read time.
// Each side is timed by wall clock and by CPU time (user + system, all threads; OpenSTA's as its
// shell reports it): on a shared, loaded machine the wall times swing with the scheduler, the CPU
// times much less. Best of n runs each.
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

/**
 * Runs a command to completion (output discarded) and returns its CPU seconds (user + system), as
 * bash's `times` reports them for its finished children; undefined without bash.
 */
function childCpuSeconds(cmd: string, args: string[]): number | undefined {
  const quoted = [cmd, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('bash', ['-c', `${quoted} >/dev/null 2>&1; times`], { encoding: 'utf8' });
  // `times` prints the shell's user/system times, then its children's: "0m1.863s 0m0.039s".
  const line = r.stdout?.trim().split('\n')[1];
  const m = line && /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(line.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]) : undefined;
}

try {
  const sky = dataPath('liberty', 'sky130_fd_sc_hd', 'sky130hd_tt.lib.gz');
  const libSeconds = await bestTime(3, () => readLiberty(sky));
  console.log(`Liberty read, sky130_fd_sc_hd tt (12.8 MB, gunzip included): ${(libSeconds * 1000).toFixed(0)} ms (target < 1000 ms)`);

  const lib = dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz');
  for (const d of designs) {
    const netlist = dataPath('timing_designs', d.folder, d.netlist);
    const sdc = dataPath('timing_designs', d.folder, d.sdc);
    let summary = '';
    let ourCpu = Infinity;
    const ours = await bestTime(3, () => {
      const c0 = process.cpuUsage();
      const run = runTiming({ libs: [lib], netlist, sdc });
      summary = `${run.graph.instances.length} cells, ${run.analysis.setup.length} setup endpoints, worst slack ${(run.analysis.worstSetup * 1e9).toFixed(4)} ns`;
      formatReportChecks(run.analysis, 1);
      const c = process.cpuUsage(c0);
      ourCpu = Math.min(ourCpu, (c.user + c.system) / 1e6);
    });
    console.log(`${d.name}: ${summary}`);
    let peer: number | undefined;
    let peerCpu: number | undefined;
    if (staOk) {
      const script = join(dir, `${d.name}.tcl`);
      writeFileSync(script, [`read_liberty ${plain(lib)}`, `read_verilog ${plain(netlist)}`, `link_design ${d.name}`, `read_sdc ${sdc}`, 'report_checks', 'report_tns', 'exit'].join('\n'));
      peer = await bestTime(3, () => {
        const cpu = childCpuSeconds('sta', ['-no_init', '-no_splash', '-exit', script]);
        if (cpu !== undefined) peerCpu = Math.min(peerCpu ?? Infinity, cpu);
      });
    }
    printComparison(`${d.name} STA (read + analyse + report), wall`, 's', ours, 'OpenSTA', peer, false);
    printComparison(`${d.name} STA (read + analyse + report), CPU`, 's', ourCpu, 'OpenSTA', peerCpu, false);
  }
  console.log('note: other jobs share these 2 cores, so absolute times are noisy; ratios from the same run are comparable.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
