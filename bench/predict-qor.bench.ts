// Prediction latency of VeriDistill (shipped checkpoint, Verilog text in, area and delay out) next
// to the time Yosys + ABC takes to synthesize the same designs, in the same run, with the flow that
// labelled the checkpoint's data (same script, same Yosys build, same library; no cache).
// - batch: one process predicts every design (`predict qor --corpus`): per design, after the
//   one-time costs (tfjs backend init, checkpoint load, first call), which are reported apart;
// - single file: `tessera predict qor FILE` as a fresh process, start to exit (what a user waits
//   for one file; its CPU time from the child's rusage), against that design's synthesis.
// Wall time is what a user waits; CPU time (ours: this process; Yosys: the wasm build runs in this
// process, native in child processes) is steadier on a machine other jobs load. The designs whose
// synthesis takes over 10 s of CPU are summarised apart (wall time depends on the load). Both sides
// run warm: the prediction's first call and one synthesis happen before anything is timed.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadLibrary, type YosysBackend } from '../eda/synth/index.ts';
import { selectBackend } from '../models/common/index.ts';
import { VeriDistill, chunkTokens, labelFlowOf, shippedCheckpointDir, verilogWords } from '../models/qor/veridistill/index.ts';
import { designText, rootModuleName, synthesizeQor } from '../models/qor/veridistill/training/index.ts';
import { dataPath } from '../util/index.ts';

const files = [
  'itc99/rtl_verilog/b03.v', 'itc99/rtl_verilog/b10.v', 'itc99/rtl_verilog/b12.v', 'itc99/rtl_verilog/b14.v', 'itc99/rtl_verilog/b15.v', 'itc99/rtl_verilog/b17.v',
  'rtl/alexforencich_verilog_uart/uart_tx.v', 'rtl/trustworthycomputing_small/crc32.v', 'rtl/ispras24_verilog_tests/seq/adffe.v',
  'rtl/ispras24_verilog_tests/comb/div/div_8_4.v',
];

/** CPU seconds of this process and of its waited-for children. */
function cpuSeconds(): { own: number; children: number } {
  const own = process.cpuUsage();
  // /proc/self/stat fields 16 and 17 (cutime, cstime), in clock ticks (100 per second on Linux).
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return { own: (own.user + own.system) / 1e6, children: (Number(fields[13]) + Number(fields[14])) / 100 };
}

async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number; childCpu: number }> {
  const c0 = cpuSeconds();
  const t0 = performance.now();
  const value = await fn();
  const wall = (performance.now() - t0) / 1000;
  const c1 = cpuSeconds();
  return { value, wall, cpu: c1.own - c0.own, childCpu: c1.children - c0.children };
}

const median = (v: readonly number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const designs = files.map((f) => {
  const path = dataPath(f);
  const text = designText({ files: [path] });
  return { name: f.split('/').pop()!, path, text, top: rootModuleName(text)! };
});

const init = await timed(() => selectBackend(() => {}));
const load = await timed(() => VeriDistill.load(shippedCheckpointDir()));
const model = load.value;
const flow = labelFlowOf(model.config);
const backend = flow.tool.split(' ')[0] as YosysBackend;
const liberty = loadLibrary(flow.liberty).text;
const first = await timed(() => model.predict(designs[0].text, designs[0].top)); // the wasm kernels and JIT warm up on first use
// Both sides warm: the wasm Yosys compiles once per process (as in a labelling worker), so one synthesis runs untimed first.
const synthWarmUp = await timed(() => synthesizeQor({ [designs[0].name]: designs[0].text }, designs[0].top, liberty, backend, false));
console.log(`checkpoint labelled by ${flow.tool} Yosys on ${flow.liberty}; synthesis here: the same flow (${backend}), no cache`);
console.log(`load (uptime) at start: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; synthesis warm-up (untimed below) ${synthWarmUp.wall.toFixed(2)} s`);
console.log(`one-time: backend ${init.value.name} init ${(init.wall * 1000).toFixed(0)} ms, checkpoint load ${(load.wall * 1000).toFixed(0)} ms, first prediction (warm-up) ${(first.wall * 1000).toFixed(0)} ms`);

const bin = fileURLToPath(new URL('../bin/tessera.js', import.meta.url));
const rounds = 3;
const rows: { name: string; tokens: number; chunks: number; wall: number; cpu: number; single: number; singleCpu: number; synthWall: number; synthCpu: number }[] = [];
for (const d of designs) {
  let best = { wall: Infinity, cpu: Infinity };
  for (let r = 0; r < rounds; r++) {
    const t = await timed(() => model.predict(d.text, d.top));
    if (t.wall < best.wall) best = t;
  }
  const single = await timed(() => spawnSync(process.execPath, [bin, 'predict', 'qor', d.path, '--top', d.top], { encoding: 'utf8' }));
  if (single.value.status !== 0) throw new Error(`predict qor ${d.path} failed: ${single.value.stderr}`);
  const synth = await timed(() => synthesizeQor({ [d.name]: d.text }, d.top, liberty, backend, false));
  const words = verilogWords(d.text);
  const chunks = chunkTokens(words.map((w) => model.vocabulary.id(w)), model.config.encoder.length, model.config.maxChunks).chunks.length;
  rows.push({ name: d.name, tokens: words.length, chunks, wall: best.wall, cpu: best.cpu, single: single.wall, singleCpu: single.childCpu, synthWall: synth.value.seconds, synthCpu: synth.cpu + synth.childCpu });
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`${designs.length} designs; batch prediction best of ${rounds} (after the warm-up); single file = a fresh 'tessera predict qor FILE' process; Yosys once each`);
console.log(`${'design'.padEnd(12)}${pad('tokens', 8)}${pad('chunks', 8)}${pad('batch ms', 10)}${pad('cpu ms', 9)}${pad('single s', 10)}${pad('single cpu', 12)}${pad('yosys s', 10)}${pad('yosys cpu s', 13)}${pad('batch x', 10)}${pad('cpu x', 9)}${pad('single x', 10)}${pad('single cpu x', 14)}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(12)}${pad(r.tokens, 8)}${pad(r.chunks, 8)}${pad((r.wall * 1000).toFixed(1), 10)}${pad((r.cpu * 1000).toFixed(1), 9)}${pad(r.single.toFixed(2), 10)}${pad(r.singleCpu.toFixed(2), 12)}${pad(r.synthWall.toFixed(2), 10)}${pad(r.synthCpu.toFixed(2), 13)}${pad((r.synthWall / r.wall).toFixed(0), 10)}${pad((r.synthCpu / Math.max(r.cpu, 1e-4)).toFixed(0), 9)}${pad((r.synthWall / r.single).toFixed(1), 10)}${pad((r.synthCpu / r.singleCpu).toFixed(1), 14)}`);
}
const summary = (label: string, of: typeof rows) => {
  if (of.length === 0) return console.log(`${label}: no design`);
  console.log(`${label} (${of.length} designs): median speed-up batch ${median(of.map((r) => r.synthWall / r.wall)).toFixed(0)}x wall, ${median(of.map((r) => r.synthCpu / Math.max(r.cpu, 1e-4))).toFixed(0)}x CPU; single file ${median(of.map((r) => r.synthWall / r.single)).toFixed(1)}x wall, ${median(of.map((r) => r.synthCpu / r.singleCpu)).toFixed(1)}x CPU`);
};
summary('all designs', rows);
summary('synthesis over 10 s of CPU', rows.filter((r) => r.synthCpu > 10));
console.log(`load (uptime) at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
model.dispose();
