import { describe, expect, it } from 'vitest';
import { allPeModes, mixpeEvalConfig, peKind, type PeKind, type QuantScheme } from '../../hw/index.ts';
import { cosimulate } from '../../hdl-gen/index.ts';
import type { SimConfig } from '../../sim/index.ts';
import { missingTool, skipReason } from '../helpers/requirements.ts';

const skip = skipReason(missingTool('iverilog'));

const config = (kind: string | PeKind, rows: number, cols: number, group: number, scheme: QuantScheme): SimConfig => ({ pe: typeof kind === 'string' ? peKind(kind) : kind, array: mixpeEvalConfig(rows, cols), group, scheme });

describe.skipIf(skip)('generated array == TS cycle simulator (iverilog), every readout cycle, bit for bit', () => {
  // Ragged GEMMs: M and N are not multiples of a pass, so the last tiles are partial and the buffers
  // outside them hold garbage the RTL must mask. Every kind in every precision mode and scheme.
  for (const pe of allPeModes()) {
    for (const scheme of pe.schemes) {
      const n = Math.ceil(4 * pe.lanes * 1.75);
      it(`${pe.id} ${pe.mode} ${scheme} 4x4, 6x16x${n} GEMM (4 passes, ragged)`, async () => {
        const r = await cosimulate(config(pe, 4, 4, 8, scheme), { simulator: 'iverilog', shape: { m: 6, k: 16, n }, seed: 11 });
        expect(r.mismatch).toBeUndefined();
        expect(r.ok).toBe(true);
        expect(r.passes).toBe(4);
        expect(r.valuesCompared).toBe(4 * 4 * 4 * pe.lanes);
      });
    }
  }

  it('several dequant lanes per column (8 rows, group 2) and a non-square array', async () => {
    // 3 PE columns of 4 lanes: 12 output columns a pass, so N = 14 makes two N tiles.
    const r = await cosimulate(config('mixpe-w4a8', 8, 3, 2, 'asymmetric'), { simulator: 'iverilog', shape: { m: 9, k: 6, n: 14 }, seed: 5 });
    expect(r.mismatch).toBeUndefined();
    expect(r.passes).toBe(4);
  });

  it('a wrong expectation is reported with pass, cycle, PE and both values', async () => {
    const { arrayTestbench, cosimVectors, generateArrayDesign, runRtl, compareTrace, TESTBENCH_TOP } = await import('../../hdl-gen/index.ts');
    const design = generateArrayDesign(config('int8', 4, 4, 8, 'symmetric'));
    const vectors = cosimVectors(design.params, { m: 4, k: 8, n: 4 }, 3);
    const run = await runRtl({ simulator: 'iverilog', top: TESTBENCH_TOP, files: { [design.fileName]: design.verilog, ...arrayTestbench(design.params, vectors).files } });
    expect(compareTrace(vectors, 4, run.stdout).ok).toBe(true);
    // Corrupt one simulator value: the comparison must point at exactly that PE.
    const bad = structuredClone(vectors) as typeof vectors;
    (bad.passes[0]!.outputs[2]!.values as Float32Array)[1] += 1;
    const report = compareTrace(bad, 4, run.stdout);
    expect(report.ok).toBe(false);
    expect(report.mismatch).toMatch(/pass 0 .*cycle \d+: PE \(2, 1\) RTL 0x[0-9a-f]{8} .* != simulator 0x[0-9a-f]{8}/);
    // A different cycle count is caught too.
    const late = structuredClone(vectors) as typeof vectors;
    (late.passes[0] as { cycles: number }).cycles += 1;
    expect(compareTrace(late, 4, run.stdout).mismatch).toMatch(/takes \d+ cycles, the simulator \d+/);
  });
});
