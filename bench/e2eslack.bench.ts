// The slack model's time against the ground-truth timing flow it replaces, on the larger held-out
// designs of the slack data set (`tessera slack dataset`), from the same parsed netlist, Liberty,
// LEF, SDC and DEF in one process: the model (TimingParser, constraints, level-batched propagation,
// required times and slack; in full, and setup only: without the early mode, which setup slack, TNS
// and WNS do not need) against the routing estimate, SPEF write and read, and STA. The sides run
// interleaved three times each after three untimed runs of each (V8 takes a few runs to compile
// either side fully), so all are warm and see the same load; the median counts. The last columns
// compare the model with the flow's routing estimate and STA alone (no SPEF written or read): a
// lower bound of a flow that hands the estimated parasitics to STA in memory. Wall and CPU time
// are both shown (the CPU seconds of each side too), with the load, and the time to read the design's netlist, SDC and DEF, which
// both sides share and neither counts (Liberty and LEF are read once per library). A full garbage collection runs before every timed run, so neither side
// pays for the other's garbage.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildTimingGraph, parseDef, readSdc, readVerilogNetlist } from '../eda/timing/index.ts';
import { routeTechnology } from '../eda/route-estimate/index.ts';
import {
  cellLibrary, defaultSlackDataDir, designFiles, estimateAndTime, libraryTechnology, loadSlackModel, modelConstraints,
  parseSlackGraph, portLoads, predictSlack, propagate, readRecord, shippedSlackModelDir,
} from '../models/timing/e2eslack/index.ts';

// TESSERA_SLACK_BENCH_DESIGNS=a,b picks others (a quick run on the smaller ones); TESSERA_SLACK_BENCH_RUNS=N
// sets the untimed and the timed runs of each side (default 3 each; fewer leaves the model, which V8
// compiles over more calls, the colder side).
const designs = process.env.TESSERA_SLACK_BENCH_DESIGNS?.split(',') ?? ['y_huff', 'usbf_device', 'aes192', 'jpeg_encoder'];
const dir = process.env.TESSERA_SLACK_DATA ?? defaultSlackDataDir;
const runs = Math.max(1, Number(process.env.TESSERA_SLACK_BENCH_RUNS ?? 3) || 3);
const available = designs.filter((d) => readRecord(dir, d));
if (available.length === 0) {
  console.log(`e2eslack bench skipped: no test design of the slack data set in ${dir} (build it with tessera slack dataset)`);
  process.exit(0);
}

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

interface Timed<T> { value: T; wall: number; cpu: number }
function timed<T>(f: () => T): Timed<T> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const s = (x: number) => x.toFixed(2).padStart(7);

// TESSERA_SLACK_BENCH_MODEL=DIR times another checkpoint (e.g. models/timing/e2eslack/checkpoint-steiner).
const { functions } = loadSlackModel(process.env.TESSERA_SLACK_BENCH_MODEL ?? shippedSlackModelDir());
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('design        cells  inputs s | model s (parse  propagate  rest) setup-only s | truth flow s (route  SPEF w+r  STA) | ratio wall  ratio cpu | setup-only wall  cpu | no SPEF: full  setup-only (wall) | CPU s: model  setup-only  flow');
for (const name of available) {
  const r = readRecord(dir, name)!;
  const { libs, lef } = libraryTechnology(r.library);
  const f = designFiles(dir, name);
  const inputs = timed(() => {
    const graph = buildTimingGraph(readVerilogNetlist(f.netlist), libs);
    const sdc = readSdc(f.sdc, 'design.sdc', { time: libs[0]!.timeUnit, cap: libs[0]!.capUnit });
    return { graph, sdc, def: parseDef(readFileSync(f.def, 'utf8'), f.def) };
  });
  const { graph, sdc, def } = inputs.value;
  const technology = { defaultViaResistance: cellLibrary(r.library).viaResistance };
  const model: { wall: number; cpu: number; parse: number; propagate: number }[] = [];
  const setupOnly: { wall: number; cpu: number }[] = [];
  const runModel = (early: boolean) => {
    collectGarbage();
    const parse = timed(() => parseSlackGraph(graph, libs, sdc, def, lef, portLoads(graph, sdc), { tech: routeTechnology(lef, technology), geometry: functions.geometry }));
    const c = timed(() => modelConstraints(parse.value));
    const p = timed(() => propagate(parse.value, c.value, functions, { early }));
    const sl = timed(() => predictSlack(parse.value, c.value, p.value));
    const parts = [parse, c, p, sl];
    return { wall: parts.reduce((a, x) => a + x.wall, 0), cpu: parts.reduce((a, x) => a + x.cpu, 0), parse: parse.wall, propagate: p.wall };
  };
  const truth: { wall: number; cpu: number; route: number; spef: number; sta: number }[] = [];
  // Untimed runs of each side first: the code of both takes a few runs to be compiled fully.
  for (let warm = 0; warm < runs; warm++) {
    runModel(true);
    runModel(false);
    estimateAndTime(graph, sdc, libs, lef, def, technology);
  }
  for (let run = 0; run < runs; run++) {
    model.push(runModel(true));
    setupOnly.push(runModel(false));
    collectGarbage();
    const gt = timed(() => estimateAndTime(graph, sdc, libs, lef, def, technology));
    const g = gt.value.seconds;
    truth.push({ wall: gt.wall, cpu: gt.cpu, route: g.route, spef: g.spefWrite + g.extraction, sta: g.sta });
  }
  const m = (k: keyof (typeof model)[number]) => median(model.map((x) => x[k]));
  const t = (k: keyof (typeof truth)[number]) => median(truth.map((x) => x[k]));
  const u = (k: keyof (typeof setupOnly)[number]) => median(setupOnly.map((x) => x[k]));
  const ratio = (x: number) => `${x.toFixed(1).padStart(9)}x`;
  const noSpef = median(truth.map((x) => x.route + x.sta));
  console.log(
    `${name.padEnd(13)} ${String(r.cells).padStart(6)} ${s(inputs.wall)}  | ${s(m('wall'))} (${s(m('parse'))} ${s(m('propagate'))} ${s(m('wall') - m('parse') - m('propagate'))}) ${s(u('wall'))}      |`
    + ` ${s(t('wall'))} (${s(t('route'))} ${s(t('spef'))} ${s(t('sta'))}) | ${ratio(t('wall') / m('wall'))} ${ratio(t('cpu') / m('cpu'))} | ${ratio(t('wall') / u('wall'))} ${ratio(t('cpu') / u('cpu'))}`
    + ` | ${ratio(noSpef / m('wall'))} ${ratio(noSpef / u('wall'))}`
    + ` | ${s(m('cpu'))} ${s(u('cpu'))} ${s(t('cpu'))}`,
  );
}
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
