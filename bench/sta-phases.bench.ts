// STA phase by phase: CPU of each phase of tessera's run (Liberty, netlist, graph, SDC, analysis +
// report; best of 3 in one process) beside OpenSTA's (`user_run_time` after each of its commands),
// and a SHA-256 over the graph, the state arrays and the report, so that a speed change can be
// shown to leave every arrival, slew and slack bit-identical (compare the hashes before and after).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dataPath, missingData } from '../util/index.ts';
import { analyzeTiming, buildTimingGraph, formatReportChecks, readLiberty, readSdc, readVerilogNetlist, timingJson, type TimingAnalysis, type TimingGraph } from '../eda/timing/index.ts';

const designs = [
  { name: 'aes_cipher_top', folder: 'nangate45_aes_cipher_top', netlist: 'aes_cipher_top.v', sdc: 'aes_cipher_top.sdc' },
  { name: 'ibex_core', folder: 'nangate45_ibex_core', netlist: 'ibex_core.v.gz', sdc: 'ibex_core.sdc' },
];
const missing = missingData('timing_designs', 'nangate45_ibex_core', 'ibex_core.v.gz');
if (missing) {
  console.log(`sta-phases bench skipped: ${missing}`);
  process.exit(0);
}
const phases = ['Liberty', 'netlist', 'graph', 'SDC', 'analysis + report'] as const;
const cpuSeconds = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

function stateHash(graph: TimingGraph, a: TimingAnalysis, report: string): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(graph.pins.map((p) => [p.name, p.inst, p.net, p.isDriver, p.isPort, p.tie, p.portDirection, p.libPin?.name])));
  h.update(JSON.stringify(graph.cellEdges.map((e) => [e.from, e.to, e.role, e.clockEdge, e.arc.relatedPin, e.arc.type])));
  h.update(JSON.stringify(graph.checks.map((e) => [e.data, e.clock, e.kind, e.clockEdge, e.arc.type])));
  h.update(JSON.stringify([graph.order, graph.edgesInto, graph.nets, [...graph.pinIndex], [...graph.netIndex], graph.blackBoxes]));
  const s = a.state;
  for (const arr of [s.arrival, s.prev, s.slew, s.load, s.loadWireDelay, s.loadSlew, s.clockLatency, s.constant, s.clockOf, s.clockPrev, s.clockSourceEdge, s.externalLoad]) {
    h.update(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
  }
  h.update(report);
  h.update(JSON.stringify(timingJson(a, 0)));
  return h.digest('hex').slice(0, 16);
}

const dir = mkdtempSync(join(tmpdir(), 'tessera-sta-phases-'));
try {
  const libFile = dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz');
  for (const d of designs) {
    const netlistFile = dataPath('timing_designs', d.folder, d.netlist);
    const sdcFile = dataPath('timing_designs', d.folder, d.sdc);
    const best = phases.map(() => Infinity);
    let hash = '';
    for (let run = 0; run < 3; run++) {
      const times: number[] = [];
      let t = cpuSeconds();
      const mark = () => {
        const now = cpuSeconds();
        times.push(now - t);
        t = now;
      };
      const lib = readLiberty(libFile);
      mark();
      const netlist = readVerilogNetlist(netlistFile, d.name);
      mark();
      const graph = buildTimingGraph(netlist, [lib]);
      mark();
      const sdc = readSdc(sdcFile, '--sdc', { time: lib.timeUnit, cap: lib.capUnit });
      mark();
      const analysis = analyzeTiming(graph, [lib], sdc);
      const report = formatReportChecks(analysis, 1);
      mark();
      times.forEach((s, i) => (best[i] = Math.min(best[i]!, s)));
      hash = stateHash(graph, analysis, report);
    }
    const ms = (s: number) => (s * 1000).toFixed(0);
    console.log(`${d.name} tessera (best of 3, CPU ms): ${phases.map((p, i) => `${p} ${ms(best[i]!)}`).join(', ')}; total ${ms(best.reduce((a, b) => a + b, 0))}; state hash ${hash}`);
    if (spawnSync('sta', ['-version']).status !== 0) continue;
    const plain = (f: string) => {
      if (!f.endsWith('.gz')) return f;
      const out = join(dir, basename(f, '.gz'));
      writeFileSync(out, gunzipSync(readFileSync(f)));
      return out;
    };
    const script = join(dir, `${d.name}.tcl`);
    const commands = [`read_liberty ${plain(libFile)}`, `read_verilog ${plain(netlistFile)}`, `link_design ${d.name}`, `read_sdc ${sdcFile}`, 'report_checks'];
    writeFileSync(script, ['proc t {} { puts "phase-cpu [user_run_time]" }', ...commands.flatMap((c) => [c === 'report_checks' ? `${c} > /dev/null` : c, 't']), 'exit'].join('\n'));
    const r = spawnSync('sta', ['-no_init', '-no_splash', '-exit', script], { encoding: 'utf8' });
    const cumulative = [...r.stdout.matchAll(/^phase-cpu ([\d.e+-]+)$/gm)].map((m) => Number(m[1]));
    if (cumulative.length !== commands.length) {
      console.log(`OpenSTA phases not read (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
      continue;
    }
    const each = cumulative.map((c, i) => c - (i > 0 ? cumulative[i - 1]! : 0));
    const labels = ['Liberty', 'netlist', 'link', 'SDC', 'analysis + report'];
    console.log(`${d.name} OpenSTA (one run, user CPU ms): ${labels.map((p, i) => `${p} ${ms(each[i]!)}`).join(', ')}; total ${ms(cumulative[cumulative.length - 1]!)}`);
  }
  console.log('note: run it before and after a change: equal state hashes mean equal graphs, arrivals, slews, slacks and reports.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
