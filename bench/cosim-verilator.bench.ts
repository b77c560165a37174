// The generated RTL under Verilator against the TS cycle simulator, on the same GEMM in the same run:
// 8x8 and 16x16 mixpe-w4a8 arrays. Both must agree bit for bit (the co-simulation compares every
// readout cycle); the figures are simulated array cycles per wall-clock second of each.
import { mixpeEvalConfig, peKind } from '../hw/index.ts';
import { cosimulate, hasRtlSimulator } from '../hdl-gen/index.ts';
import { gemmPasses, type SimConfig } from '../sim/index.ts';
import { bestTime, printComparison } from './compare.ts';

if (!hasRtlSimulator('verilator')) {
  console.log('cosim-verilator: verilator not found (sudo apt-get install verilator); skipped');
  process.exit(0);
}
for (const side of [8, 16]) {
  const config: SimConfig = { pe: peKind('mixpe-w4a8'), array: mixpeEvalConfig(side, side), group: 64, scheme: 'asymmetric' };
  // Two row tiles by two column tiles of the PEs' four output lanes: 4 passes.
  const shape = { m: 2 * side, k: 512, n: 2 * side * config.pe.lanes };
  const r = await cosimulate(config, { simulator: 'verilator', shape, seed: 1 });
  if (!r.ok) {
    console.error(`cosim-verilator ${side}x${side}: MISMATCH ${r.mismatch}`);
    process.exit(1);
  }
  let cycles = 0;
  const tsSeconds = await bestTime(3, () => {
    cycles = gemmPasses(config, shape, { mode: 'cycle', seed: 1 }).passes.reduce((s, p) => s + p.cycles, 0);
  });
  console.log(`${side}x${side} mixpe-w4a8, GEMM ${shape.m}x${shape.k}x${shape.n}: ${r.passes} passes, ${cycles} array cycles, ${r.valuesCompared} values bit-exact; Verilator build ${r.compileSeconds.toFixed(1)} s`);
  printComparison(`${side}x${side} simulated cycles per second`, 'cycles/s', cycles / tsSeconds, 'Verilator (generated RTL, incl. testbench I/O)', cycles / r.runSeconds);
}
