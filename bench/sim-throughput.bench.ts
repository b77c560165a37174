// Cycle-mode throughput (PE-cycles per second) of Tessera's array simulator next to Verilator on an
// equivalent hand-written RTL array (bench/rtl/os-array.v: the same registers per PE, one accumulator
// per output lane), built in this run, for int8 (one MAC per PE) and mixpe-w4a8 (four output lanes:
// four MACs per PE-cycle on both sides) at 8x8, 16x16 and 64x64. Both sides step every PE every cycle: ours over whole tile
// passes of a K = 4096 GEMM (feeders, row kernels, dequantization and readout included), Verilator's
// over a random operand stream. Figures are best-of-N (the CPU is shared); per CPU-second figures
// are printed too because wall time is at the mercy of other load.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mixpeEvalConfig, peKind, type PeKindId } from '../hw/index.ts';
import { feederOperands, randomGemmOperands, simulatePass, tilePasses, type SimConfig } from '../sim/index.ts';
import { printComparison } from './compare.ts';
import { osArrayTestbench } from './rtl/os-array-tb.ts';

// BENCH_SIZES=8,16 skips the 64x64 Verilator builds (several minutes each).
const SIZES = (process.env.BENCH_SIZES ?? '8,16,64').split(',').map(Number);
const KINDS: PeKindId[] = ['int8', 'mixpe-w4a8'];
const PE_CYCLES = 4e7;
const RUNS = 5;
const here = new URL('.', import.meta.url).pathname;

interface Rate {
  wall: number;
  cpu: number;
}

function best(runs: Rate[]): Rate {
  return { wall: Math.max(...runs.map((r) => r.wall)), cpu: Math.max(...runs.map((r) => r.cpu)) };
}

function oursRate(kind: PeKindId, size: number): Rate {
  const config: SimConfig = { pe: peKind(kind), array: mixpeEvalConfig(size, size), group: 128, scheme: 'symmetric' };
  const k = 4096;
  const passes = Math.max(2, Math.round(PE_CYCLES / (size * size * k)));
  const shape = { m: size * passes, k, n: size * config.pe.lanes };
  const ops = feederOperands(config, randomGemmOperands(config, shape, 1));
  const tiles = tilePasses(config, shape);
  const runs: Rate[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let peCycles = 0;
    for (const t of tiles) peCycles += simulatePass(config, ops, shape, t, undefined).peCycles;
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    runs.push({ wall: peCycles / wall, cpu: peCycles / ((cpu.user + cpu.system) / 1e6) });
  }
  return best(runs);
}

function hasVerilator(): boolean {
  return spawnSync('verilator', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Builds the RTL array for one size and operand width, runs it RUNS times; undefined if the build fails. */
function verilatorRate(kind: PeKindId, size: number): Rate | undefined {
  // INT8 x INT8; MixPE W4A8: the weight operand is q - z, 5-bit signed, four output lanes per PE.
  const ww = kind === 'int8' ? 8 : 5;
  const lanes = peKind(kind).lanes;
  const dir = mkdtempSync(join(tmpdir(), 'tessera-vl-'));
  try {
    copyFileSync(join(here, 'rtl', 'os-array.v'), join(dir, 'os-array.v'));
    writeFileSync(join(dir, 'tb.cpp'), osArrayTestbench(size, size, 8, ww, lanes));
    const build = spawnSync(
      'verilator',
      ['--cc', '--exe', '--build', '-O3', '-j', '2', '-Wno-fatal', '-Wno-WIDTH', '--top-module', 'os_array', `-GR=${size}`, `-GC=${size}`, '-GWA=8', `-GWW=${ww}`, `-GLANES=${lanes}`,
        '-CFLAGS', '-O2', '--Mdir', join(dir, 'obj'), '-o', 'sim', 'os-array.v', 'tb.cpp'],
      { cwd: dir, encoding: 'utf8' },
    );
    if (build.status !== 0) {
      console.log(`verilator build failed for ${kind} ${size}x${size}: ${build.stderr.slice(-500)}`);
      return undefined;
    }
    const cycles = Math.round(PE_CYCLES / (size * size));
    const runs: Rate[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = spawnSync(join(dir, 'obj', 'sim'), [String(cycles)], { encoding: 'utf8' });
      const [wall, cpu] = r.stdout.trim().split(' ').map(Number);
      runs.push({ wall: (size * size * cycles) / wall!, cpu: (size * size * cycles) / cpu! });
    }
    return best(runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const verilator = hasVerilator();
if (!verilator) console.log('verilator is not on PATH (Debian package verilator): printing Tessera figures only');
for (const size of SIZES) {
  for (const kind of KINDS) {
    const ours = oursRate(kind, size);
    const peer = verilator ? verilatorRate(kind, size) : undefined;
    const what = `cycle mode ${kind} ${size}x${size}`;
    printComparison(`${what} (wall, best of ${RUNS})`, 'PE-cycles/s', ours.wall, 'verilator 5', peer?.wall);
    printComparison(`${what} (per CPU-second)`, 'PE-cycles/s', ours.cpu, 'verilator 5', peer?.cpu);
  }
}
