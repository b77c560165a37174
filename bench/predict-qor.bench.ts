// Prediction latency of VeriDistill (shipped checkpoint, Verilog text in, area and delay out)
// next to the time Yosys + ABC takes to synthesize the same designs onto Nangate45 with the flow
// that labelled the training data (native yosys when installed, else the embedded wasm build; no cache).
// One-time costs (tfjs backend init, checkpoint load, first call) are reported apart from the
// per-design latency. Wall time is what a user waits; CPU time (ours: this process; Yosys: its
// child processes plus this process) is steadier on a machine other jobs load.
import { readFileSync } from 'node:fs';
import { hasNativeYosys, readLiberty } from '../eda/synth/index.ts';
import { selectBackend } from '../models/common/index.ts';
import { VeriDistill, chunkTokens, designText, firstModuleName, shippedCheckpointDir, synthesizeQor, verilogWords } from '../models/qor/veridistill/index.ts';
import { dataPath } from '../util/index.ts';
import { printComparison } from './compare.ts';

const files = [
  'itc99/rtl_verilog/b03.v', 'itc99/rtl_verilog/b10.v', 'itc99/rtl_verilog/b12.v', 'rtl/alexforencich_verilog_uart/uart_tx.v',
  'rtl/trustworthycomputing_small/crc32.v', 'rtl/ispras24_verilog_tests/seq/adffe.v', 'rtl/ispras24_verilog_tests/comb/div/div_8_4.v',
];

/** CPU seconds of this process and of its waited-for children (native Yosys and its ABC). */
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

const designs = files.map((f) => {
  const text = designText({ files: [dataPath(f)] });
  return { name: f.split('/').pop()!, text, top: firstModuleName(text)! };
});

const init = await timed(() => selectBackend());
const load = await timed(() => VeriDistill.load(shippedCheckpointDir()));
const model = load.value;
const first = await timed(() => model.predict(designs[0].text)); // the wasm kernels and JIT warm up on first use
console.log(`one-time: backend ${init.value.name} init ${(init.wall * 1000).toFixed(0)} ms, checkpoint load ${(load.wall * 1000).toFixed(0)} ms, first prediction (warm-up) ${(first.wall * 1000).toFixed(0)} ms`);

const rounds = 3;
const backend = (await hasNativeYosys()) ? 'native' : 'wasm';
const liberty = readLiberty(dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'));
const rows: { name: string; tokens: number; chunks: number; wall: number; cpu: number; synthWall: number; synthCpu: number }[] = [];
for (const d of designs) {
  let best = { wall: Infinity, cpu: Infinity };
  for (let r = 0; r < rounds; r++) {
    const t = await timed(() => model.predict(d.text));
    if (t.wall < best.wall) best = t;
  }
  const synth = await timed(() => synthesizeQor({ [d.name]: d.text }, d.top, liberty, backend, false));
  const words = verilogWords(d.text);
  const tokens = words.length;
  const chunks = chunkTokens(words.map((w) => model.vocabulary.id(w)), model.config.encoder.length, model.config.maxChunks).chunks.length;
  rows.push({ name: d.name, tokens, chunks, wall: best.wall, cpu: best.cpu, synthWall: synth.value.seconds, synthCpu: synth.cpu + synth.childCpu });
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`${designs.length} designs; prediction best of ${rounds} (after the warm-up); Yosys ${backend} once each, no cache`);
console.log(`${'design'.padEnd(12)}${pad('tokens', 8)}${pad('chunks', 8)}${pad('pred ms', 10)}${pad('pred cpu ms', 13)}${pad('yosys s', 10)}${pad('yosys cpu s', 13)}${pad('ratio', 9)}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(12)}${pad(r.tokens, 8)}${pad(r.chunks, 8)}${pad((r.wall * 1000).toFixed(1), 10)}${pad((r.cpu * 1000).toFixed(1), 13)}${pad(r.synthWall.toFixed(2), 10)}${pad(r.synthCpu.toFixed(2), 13)}${pad(`${(r.synthWall / r.wall).toFixed(0)}x`, 9)}`);
}
const sum = (key: 'wall' | 'cpu' | 'synthWall' | 'synthCpu') => rows.reduce((s, r) => s + r[key], 0);
console.log(`per design: prediction ${((sum('wall') / rows.length) * 1000).toFixed(1)} ms wall (${((sum('cpu') / rows.length) * 1000).toFixed(1)} ms CPU), synthesis ${(sum('synthWall') / rows.length).toFixed(2)} s wall (${(sum('synthCpu') / rows.length).toFixed(2)} s CPU)`);
printComparison('QoR estimate latency, wall (VeriDistill vs Yosys+ABC synthesis)', 's', sum('wall'), `yosys ${backend}`, sum('synthWall'), false);
printComparison('QoR estimate latency, CPU (VeriDistill vs Yosys+ABC synthesis)', 's', sum('cpu'), `yosys ${backend}`, sum('synthCpu'), false);
printComparison('same, wall, with the one-time costs counted once (one process for all designs)', 's', sum('wall') + init.wall + load.wall + first.wall, `yosys ${backend}`, sum('synthWall'), false);
model.dispose();
