// Cycle-mode throughput (PE-cycles per second) of Tessera's array simulator next to Verilator on an
// equivalent hand-written RTL array (bench/rtl/os-array.v: the same registers per PE, one accumulator
// per output lane, KP fused products per lane), built in this run, for int8 (one MAC per PE),
// mixpe-w4a8 (four output lanes) and bitfusion at w4a4 (four fused 4x4 products), four MACs per
// PE-cycle on both sides for the last two, at 8x8, 16x16 and 64x64. Both sides step every PE every cycle: ours over whole tile
// passes of a K = 4096 GEMM (feeders, row kernels, dequantization and readout included), Verilator's
// over a random operand stream. Each side's runs alternate with the other's after the Verilator build,
// so both meet the same load. Figures are best-of-N (the CPU is shared); per CPU-second figures
// are printed too because wall time is at the mercy of other load.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activationBits, mixpeEvalConfig, peKind, type PeKind } from '../hw/index.ts';
import { feederOperands, randomGemmOperands, simulatePass, tilePasses, type SimConfig } from '../sim/index.ts';
import { printComparison } from './compare.ts';
import { osArrayTestbench } from './rtl/os-array-tb.ts';

// BENCH_SIZES=8,16 skips the 64x64 Verilator builds (several minutes each).
const SIZES = (process.env.BENCH_SIZES ?? '8,16,64').split(',').map(Number);
// BENCH_KINDS=bitfusion runs only the kinds named (by id).
const KINDS: PeKind[] = [peKind('int8'), peKind('mixpe-w4a8'), peKind('bitfusion', '--pe', 'w4a4')]
  .filter((k) => !process.env.BENCH_KINDS || process.env.BENCH_KINDS.split(',').includes(k.id));
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

/** One timed run of Tessera's cycle mode over the bench GEMM (operands made once per kind and size). */
function oursRunner(kind: PeKind, size: number): () => Rate {
  const config: SimConfig = { pe: kind, array: mixpeEvalConfig(size, size), group: 128, scheme: 'symmetric' };
  const k = 4096;
  const passes = Math.max(2, Math.round(PE_CYCLES / (size * size * k)));
  const shape = { m: size * passes, k: k * config.pe.kPerCycle, n: size * config.pe.lanes };
  const ops = feederOperands(config, randomGemmOperands(config, shape, 1));
  const tiles = tilePasses(config, shape);
  return () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let peCycles = 0;
    for (const t of tiles) peCycles += simulatePass(config, ops, shape, t, undefined).peCycles;
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    return { wall: peCycles / wall, cpu: peCycles / ((cpu.user + cpu.system) / 1e6) };
  };
}

function hasVerilator(): boolean {
  return spawnSync('verilator', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Builds the RTL array for one size and operand width in `dir`; a timed-run function, or undefined if the build fails. */
function verilatorRunner(kind: PeKind, size: number, dir: string): (() => Rate) | undefined {
  // INT8 x INT8; MixPE W4A8: the weight operand is q - z, 5-bit signed, four output lanes per PE;
  // BitFusion w4a4: four fused INT4 x INT4 products.
  const ww = kind.id === 'mixpe-w4a8' ? 5 : kind.weightBits;
  const wa = activationBits(kind);
  const { lanes, kPerCycle: kp } = kind;
  copyFileSync(join(here, 'rtl', 'os-array.v'), join(dir, 'os-array.v'));
  writeFileSync(join(dir, 'tb.cpp'), osArrayTestbench(size, size, wa, ww, lanes, kp));
  const build = spawnSync(
    'verilator',
    ['--cc', '--exe', '--build', '-O3', '-j', '2', '-Wno-fatal', '-Wno-WIDTH', '--top-module', 'os_array', `-GR=${size}`, `-GC=${size}`, `-GWA=${wa}`, `-GWW=${ww}`, `-GLANES=${lanes}`, `-GKP=${kp}`,
      '-CFLAGS', '-O2', '--Mdir', join(dir, 'obj'), '-o', 'sim', 'os-array.v', 'tb.cpp'],
    { cwd: dir, encoding: 'utf8' },
  );
  if (build.status !== 0) {
    console.log(`verilator build failed for ${kind.id} ${kind.mode} ${size}x${size}: ${build.stderr.slice(-500)}`);
    return undefined;
  }
  const cycles = Math.round(PE_CYCLES / (size * size));
  return () => {
    const r = spawnSync(join(dir, 'obj', 'sim'), [String(cycles)], { encoding: 'utf8' });
    const [wall, cpu] = r.stdout.trim().split(' ').map(Number);
    return { wall: (size * size * cycles) / wall!, cpu: (size * size * cycles) / cpu! };
  };
}

const verilator = hasVerilator();
if (!verilator) console.log('verilator is not on PATH (Debian package verilator): printing Tessera figures only');
for (const size of SIZES) {
  for (const kind of KINDS) {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-vl-'));
    try {
      // Build first, then alternate the two sides' runs, so that both meet the same load.
      const peerRun = verilator ? verilatorRunner(kind, size, dir) : undefined;
      const oursRun = oursRunner(kind, size);
      const ours: Rate[] = [];
      const peer: Rate[] = [];
      for (let i = 0; i < RUNS; i++) {
        ours.push(oursRun());
        if (peerRun) peer.push(peerRun());
      }
      const o = best(ours);
      const p = peerRun ? best(peer) : undefined;
      const what = `cycle mode ${kind.id} ${kind.mode} ${size}x${size}`;
      printComparison(`${what} (wall, best of ${RUNS})`, 'PE-cycles/s', o.wall, 'verilator 5', p?.wall);
      printComparison(`${what} (per CPU-second)`, 'PE-cycles/s', o.cpu, 'verilator 5', p?.cpu);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
