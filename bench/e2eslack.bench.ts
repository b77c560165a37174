// The slack model's time against the ground-truth timing flow it replaces, on the larger held-out
// designs of the slack data set (`tessera slack dataset`), from the same parsed netlist, Liberty,
// LEF, SDC and DEF in one process: the model (TimingParser, constraints, level-batched propagation,
// required times and slack) against the routing estimate, SPEF write and read, and STA. Each side
// runs three times; the median counts. Wall and CPU time are both shown, with the load.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { buildTimingGraph, parseDef, readSdc, readVerilogNetlist } from '../eda/timing/index.ts';
import { routeTechnology } from '../eda/route-estimate/index.ts';
import {
  cellLibrary, defaultSlackDataDir, designFiles, estimateAndTime, libraryTechnology, loadSlackModel, modelConstraints,
  parseSlackGraph, portLoads, predictSlack, propagate, readRecord, shippedSlackModelDir,
} from '../models/timing/e2eslack/index.ts';

// TESSERA_SLACK_BENCH_DESIGNS=a,b picks others (a quick run on the smaller ones).
const designs = process.env.TESSERA_SLACK_BENCH_DESIGNS?.split(',') ?? ['y_huff', 'usbf_device', 'aes192', 'jpeg_encoder'];
const dir = process.env.TESSERA_SLACK_DATA ?? defaultSlackDataDir;
const available = designs.filter((d) => readRecord(dir, d));
if (available.length === 0) {
  console.log(`e2eslack bench skipped: no test design of the slack data set in ${dir} (build it with tessera slack dataset)`);
  process.exit(0);
}

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

const { functions } = loadSlackModel(shippedSlackModelDir());
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('design        cells  | model s (parse  propagate  rest) | truth flow s (route  SPEF w+r  STA) | ratio wall  ratio cpu');
for (const name of available) {
  const r = readRecord(dir, name)!;
  const { libs, lef } = libraryTechnology(r.library);
  const f = designFiles(dir, name);
  const graph = buildTimingGraph(readVerilogNetlist(f.netlist), libs);
  const sdc = readSdc(f.sdc, 'design.sdc', { time: libs[0]!.timeUnit, cap: libs[0]!.capUnit });
  const def = parseDef(readFileSync(f.def, 'utf8'), f.def);
  const loads = portLoads(graph, sdc);
  const technology = { defaultViaResistance: cellLibrary(r.library).viaResistance };
  const model: { wall: number; cpu: number; parse: number; propagate: number }[] = [];
  const truth: { wall: number; cpu: number; route: number; spef: number; sta: number }[] = [];
  for (let run = 0; run < 3; run++) {
    const parse = timed(() => parseSlackGraph(graph, libs, sdc, def, lef, loads, routeTechnology(lef, technology)));
    const c = timed(() => modelConstraints(parse.value));
    const p = timed(() => propagate(parse.value, c.value, functions));
    const sl = timed(() => predictSlack(parse.value, c.value, p.value));
    const parts = [parse, c, p, sl];
    model.push({ wall: parts.reduce((a, x) => a + x.wall, 0), cpu: parts.reduce((a, x) => a + x.cpu, 0), parse: parse.wall, propagate: p.wall });
    const gt = timed(() => estimateAndTime(graph, sdc, libs, lef, def, technology));
    const g = gt.value.seconds;
    truth.push({ wall: gt.wall, cpu: gt.cpu, route: g.route, spef: g.spefWrite + g.extraction, sta: g.sta });
  }
  const m = (k: keyof (typeof model)[number]) => median(model.map((x) => x[k]));
  const t = (k: keyof (typeof truth)[number]) => median(truth.map((x) => x[k]));
  console.log(
    `${name.padEnd(13)} ${String(r.cells).padStart(6)} | ${s(m('wall'))} (${s(m('parse'))} ${s(m('propagate'))} ${s(m('wall') - m('parse') - m('propagate'))}) |`
    + ` ${s(t('wall'))} (${s(t('route'))} ${s(t('spef'))} ${s(t('sta'))}) | ${(t('wall') / m('wall')).toFixed(1).padStart(9)}x ${(t('cpu') / m('cpu')).toFixed(1).padStart(9)}x`,
  );
}
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
