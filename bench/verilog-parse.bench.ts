// Verilog parsing throughput (MiB/s of source) of the in-repo front-end, next to tree-sitter-verilog
// (native, in this process) and Yosys `read_verilog -defer` (parse only, no elaboration; one yosys
// process for all files, its empty-run startup subtracted). CPU seconds are compared, as the
// machine is shared and wall time would mostly measure other processes.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { dataDir, dataPath } from '../util/index.ts';
import { initParser, listVerilogFiles, parseNetlist, parseVerilog, readVerilogSource } from '../eda/verilog/index.ts';
import { printComparison } from './compare.ts';

const MiB = 1024 * 1024;
const root = dataDir();
if (!root) {
  console.log('verilog-parse bench: shared data not found (set TESSERA_DATA); nothing measured');
  process.exit(0);
}
const rtl = [...listVerilogFiles(join(root, 'rtl')), ...listVerilogFiles(join(root, 'itc99'))].filter((f) => !/timescale|defines?\.v$|defs\.v$/.test(basename(f)));
const netlists = [
  'timing_designs/nangate45_aes_cipher_top/aes_cipher_top.v',
  'timing_designs/nangate45_ibex_core/ibex_core.v.gz',
  'timing_designs/gf180mcu_caravel_user_proj_example/user_proj_example.gl.v',
  'epfl/arithmetic/div.v',
].map((p) => dataPath(p));
const texts = new Map([...rtl, ...netlists].map((f) => [f, readVerilogSource(f)]));
const bytes = (files: string[]) => files.reduce((s, f) => s + Buffer.byteLength(texts.get(f)!), 0);

/** CPU seconds of `fn`. */
function cpuSeconds(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}
const bestCpu = (n: number, fn: () => void) => Math.min(...Array.from({ length: n }, () => cpuSeconds(fn)));

initParser();
// Warm the JIT on a slice of the corpus first.
for (const f of rtl.slice(0, 40)) parseVerilog(texts.get(f)!, f);

// The first pass over the corpus runs at about half the speed of later ones (JIT tiering, heap
// growth), so both parsers are timed on their first pass and on the best of three passes.
let failures = 0;
const parseRtl = () => { for (const f of rtl) parseVerilog(texts.get(f)!, f, { includeDirs: [dirname(f)] }); };
const oursRtlFirst = cpuSeconds(() => {
  for (const f of rtl) failures += parseVerilog(texts.get(f)!, f, { includeDirs: [dirname(f)] }).diagnostics.length > 0 ? 1 : 0;
});
const oursRtl = Math.min(oursRtlFirst, bestCpu(2, parseRtl));
const oursNetFull = bestCpu(2, () => { for (const f of netlists) parseVerilog(texts.get(f)!, f); });
const oursNetFast = bestCpu(3, () => { for (const f of netlists) parseNetlist(texts.get(f)!, f); });
const ibex = netlists[1];
const ibexFast = bestCpu(5, () => parseNetlist(texts.get(ibex)!, ibex));
const ibexCells = parseNetlist(texts.get(ibex)!, ibex).modules.reduce((s, m) => s + m.cells.length, 0);

// tree-sitter-verilog (native), when installed.
let tsRtlFirst: number | undefined;
let tsRtl: number | undefined;
let tsNet: number | undefined;
try {
  const require = createRequire(import.meta.url);
  const Parser = require('tree-sitter') as new () => { setLanguage(l: unknown): void; parse(t: string, old?: unknown, o?: { bufferSize: number }): unknown };
  const parser = new Parser();
  parser.setLanguage(require('tree-sitter-verilog'));
  const parse = (t: string) => parser.parse(t, undefined, { bufferSize: 2 * t.length + 1024 });
  for (const f of rtl.slice(0, 40)) parse(texts.get(f)!);
  const parseRtlTs = () => { for (const f of rtl) parse(texts.get(f)!); };
  tsRtlFirst = cpuSeconds(parseRtlTs);
  tsRtl = Math.min(tsRtlFirst, bestCpu(2, parseRtlTs));
  tsNet = bestCpu(2, () => { for (const f of netlists) parse(texts.get(f)!); });
} catch (e) {
  console.log(`tree-sitter-verilog not available (${(e as Error).message.split('\n')[0]}): install tree-sitter@0.20.6 and tree-sitter-verilog@1.0.0`);
}

// Yosys: one process reads every file (parse only), CPU time from /usr/bin/time.
const dir = mkdtempSync(join(tmpdir(), 'tessera-vparse-'));
function yosysCpu(files: string[]): number | undefined {
  const paths = files.map((f, k) => {
    if (!f.endsWith('.gz')) return f;
    const plain = join(dir, `${k}-${basename(f, '.gz')}`);
    writeFileSync(plain, texts.get(f)!);
    return plain;
  });
  const run = (script: string) => {
    writeFileSync(join(dir, 'run.ys'), script);
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', 'yosys', '-q', '-s', join(dir, 'run.ys')], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.error || r.status !== 0) return undefined;
    const [u, s] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    return u + s;
  };
  const empty = run('');
  const full = run(paths.map((p) => `read_verilog -defer -I ${dirname(p)} ${p}\ndesign -reset\n`).join(''));
  return empty === undefined || full === undefined ? undefined : Math.max(1e-3, full - empty);
}
const yosysAvailable = spawnSync('yosys', ['-V']).status === 0 && spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0;
const yRtl = yosysAvailable ? yosysCpu(rtl) : undefined;
const yNet = yosysAvailable ? yosysCpu(netlists) : undefined;
rmSync(dir, { recursive: true, force: true });

const rate = (files: string[], s: number | undefined) => (s === undefined ? undefined : bytes(files) / MiB / s);
console.log(`RTL corpus: ${rtl.length} files, ${(bytes(rtl) / MiB).toFixed(1)} MiB (${failures} with diagnostics); netlists: ${netlists.map((f) => basename(f)).join(', ')} ${(bytes(netlists) / MiB).toFixed(1)} MiB`);
printComparison('RTL corpus, full parser, first pass', 'MiB/s', rate(rtl, oursRtlFirst)!, 'tree-sitter-verilog', rate(rtl, tsRtlFirst));
printComparison('RTL corpus, full parser, best of 3', 'MiB/s', rate(rtl, oursRtl)!, 'tree-sitter-verilog', rate(rtl, tsRtl));
printComparison('RTL corpus, full parser, best of 3', 'MiB/s', rate(rtl, oursRtl)!, 'yosys read_verilog -defer', rate(rtl, yRtl));
printComparison('netlists, full parser, best of 2', 'MiB/s', rate(netlists, oursNetFull)!, 'tree-sitter-verilog', rate(netlists, tsNet));
printComparison('netlists, netlist fast path', 'MiB/s', rate(netlists, oursNetFast)!, 'tree-sitter-verilog', rate(netlists, tsNet));
printComparison('netlists, netlist fast path', 'MiB/s', rate(netlists, oursNetFast)!, 'yosys read_verilog -defer', rate(netlists, yNet));
console.log(`ibex_core netlist (${(Buffer.byteLength(texts.get(ibex)!) / 1e6).toFixed(2)} MB, ${ibexCells} cells): fast path ${(ibexFast * 1000).toFixed(0)} ms CPU`);
