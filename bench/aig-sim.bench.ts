// Bit-parallel AIG simulation throughput (gate-patterns per second) on EPFL multiplier, next to
// ABC's `&sim` on the same AIG (given one dummy latch, since &sim only takes sequential AIGs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCircuit, randomWords, simulateWords, writeAig } from '../eda/aig/index.ts';
import { dataPath } from '../util/index.ts';
import { printComparison } from './compare.ts';

const aig = readCircuit(dataPath('epfl/arithmetic/multiplier.aig'));
const words = 4096;
const frames = 16;
const ands = aig.andCount;
// We simulate in batches of 64 words (2048 patterns) so the value array stays cache-sized.
const batch = 64;
const inputs = randomWords(aig.combinationalInputs().length * batch, 1);
// One value array for every batch, as ABC keeps its simulation arrays across frames.
const values = new Uint32Array(aig.variableCount * batch);
// CPU seconds, as ABC's `Time =` reports them: the machine is shared, so wall time would mostly
// measure other processes.
let ours = Infinity;
for (let rep = 0; rep < 2; rep++) {
  const cpu = process.cpuUsage();
  for (let f = 0; f < (frames * words) / batch; f++) simulateWords(aig, inputs, batch, values);
  const used = process.cpuUsage(cpu);
  ours = Math.min(ours, (used.user + used.system) / 1e6);
}
const gatePatterns = ands * frames * words * 32;

let abc: number | undefined;
const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
try {
  const seq = readCircuit(dataPath('epfl/arithmetic/multiplier.aig'));
  seq.addLatch(0, 'dummy').next = seq.outputs[0].lit;
  writeFileSync(join(dir, 'm.aig'), writeAig(seq));
  for (const bin of ['berkeley-abc', 'yosys-abc']) {
    const r = spawnSync(bin, ['-c', `&r ${join(dir, 'm.aig')}; &sim -F ${frames} -W ${words} -T 600 -v`], { encoding: 'utf8' });
    const m = /No bug detected after simulating \d+ frames with \d+ words\.\s+Time =\s+([\d.]+) sec/.exec(r.stdout ?? '');
    if (m && Number(m[1]) > 0) {
      abc = Number(m[1]);
      console.log(`peer: ${bin}`);
      break;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`EPFL multiplier: ${ands} ANDs, ${frames} x ${words * 32} random patterns`);
printComparison('AIG simulation', 'gate-patterns/s', gatePatterns / ours, 'ABC &sim', abc === undefined ? undefined : gatePatterns / abc);
