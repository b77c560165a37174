// Co-simulation: the generated RTL against the TS simulator, every readout cycle compared bit for
// bit, and every pass's cycle count. The first difference names the pass, cycle, PE and values.
import { fp32FromBits, fp32ToBits } from '../../hw/index.ts';
import type { GemmShape, SimConfig } from '../../sim/index.ts';
import { runRtl, type RtlSimulator } from '../rtl-sim.ts';
import { generateArrayDesign } from './array-design.ts';
import { cosimVectors, type CosimVectors, type PassVectors } from './cosim-vectors.ts';
import { TESTBENCH_TOP, arrayTestbench } from './testbench.ts';

export interface CosimOptions {
  readonly simulator: RtlSimulator;
  readonly shape: GemmShape;
  readonly seed: number;
  /** Keep the generated files and the simulator build here. */
  readonly workDir?: string;
}

export interface CosimReport {
  readonly ok: boolean;
  /** The first difference, in words; undefined when everything matched. */
  readonly mismatch?: string;
  readonly passes: number;
  readonly cyclesCompared: number;
  readonly valuesCompared: number;
  readonly compileSeconds: number;
  readonly runSeconds: number;
}

export async function cosimulate(config: SimConfig, options: CosimOptions): Promise<CosimReport> {
  const design = generateArrayDesign(config);
  const vectors = cosimVectors(design.params, options.shape, options.seed);
  const tb = arrayTestbench(design.params, vectors);
  const run = await runRtl({ simulator: options.simulator, top: TESTBENCH_TOP, files: { [design.fileName]: design.verilog, ...tb.files }, ...(options.workDir ? { workDir: options.workDir } : {}) });
  return { ...compareTrace(vectors, design.params.outCols, run.stdout), compileSeconds: run.compileSeconds, runSeconds: run.runSeconds };
}

interface RtlEvent {
  readonly kind: 'V' | 'D';
  readonly pass: number;
  readonly cycle: number;
  readonly row: number;
  readonly data: string;
}

function parseTrace(stdout: string): { events: RtlEvent[]; finished: boolean; timeout: boolean } {
  const events: RtlEvent[] = [];
  let finished = false;
  let timeout = false;
  for (const line of stdout.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === 'V') events.push({ kind: 'V', pass: Number(f[1]), cycle: Number(f[2]), row: Number(f[3]), data: f[4] ?? '' });
    else if (f[0] === 'D') events.push({ kind: 'D', pass: Number(f[1]), cycle: Number(f[2]), row: -1, data: '' });
    else if (f[0] === 'E') finished = true;
    else if (f[0] === 'T') timeout = true;
  }
  return { events, finished, timeout };
}

const hex32 = (bits: number) => `0x${(bits >>> 0).toString(16).padStart(8, '0')}`;
const isNaNBits = (bits: number) => (bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0;

/** Compares the RTL's printed events with the simulator's, cycle by cycle. */
export function compareTrace(v: CosimVectors, cols: number, stdout: string): Omit<CosimReport, 'compileSeconds' | 'runSeconds'> {
  const { events, finished, timeout } = parseTrace(stdout);
  let cyclesCompared = 0;
  let valuesCompared = 0;
  const fail = (mismatch: string) => ({ ok: false, mismatch, passes: v.passes.length, cyclesCompared, valuesCompared });
  const where = (p: number, ps: PassVectors) => `pass ${p} (tile m0=${ps.tile.m0} n0=${ps.tile.n0}, ${ps.tile.rows}x${ps.tile.cols})`;
  for (let p = 0; p < v.passes.length; p++) {
    const ps = v.passes[p]!;
    const got = events.filter((e) => e.pass === p);
    const valid = got.filter((e) => e.kind === 'V');
    const want = new Map(ps.outputs.map((o) => [o.cycle, o]));
    for (const e of valid) {
      const o = want.get(e.cycle);
      if (!o) return fail(`${where(p, ps)}: RTL out_valid in cycle ${e.cycle} (row ${e.row}); the simulator reads out rows in cycles ${[...want.keys()].join(', ')}`);
      if (e.row !== o.row) return fail(`${where(p, ps)}, cycle ${e.cycle}: RTL reads out row ${e.row}, the simulator row ${o.row}`);
      const data = e.data.padStart(cols * 8, '0');
      for (let c = 0; c < cols; c++) {
        const rtl = Number.parseInt(data.slice((cols - 1 - c) * 8, (cols - c) * 8), 16);
        const sim = fp32ToBits(o.values[c]!);
        valuesCompared++;
        if (rtl !== sim && !(isNaNBits(rtl) && isNaNBits(sim))) {
          return fail(`${where(p, ps)}, cycle ${e.cycle}: PE (${o.row}, ${c}) RTL ${hex32(rtl)} (${fp32FromBits(rtl)}) != simulator ${hex32(sim)} (${o.values[c]})`);
        }
      }
      cyclesCompared++;
    }
    for (const o of ps.outputs) {
      if (!valid.some((e) => e.cycle === o.cycle)) return fail(`${where(p, ps)}: the simulator reads out row ${o.row} in cycle ${o.cycle}; the RTL has no out_valid then`);
    }
    const done = got.find((e) => e.kind === 'D');
    if (!done) return fail(`${where(p, ps)}: the RTL never raised done${timeout ? ' (testbench time limit)' : ''}`);
    if (done.cycle !== ps.cycles - 1) return fail(`${where(p, ps)}: the RTL pass takes ${done.cycle + 1} cycles, the simulator ${ps.cycles}`);
  }
  if (!finished) return fail('the RTL simulation ended before the last pass finished');
  return { ok: true, passes: v.passes.length, cyclesCompared, valuesCompared };
}
