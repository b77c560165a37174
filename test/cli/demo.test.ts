// The README's main job (`npm start` = `tessera demo`) end to end on a small configuration.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { hasErrors, parseVerilog } from '../../eda/verilog/index.ts';
import { captureConsole } from '../helpers/console-capture.ts';
import { VeriDistill, labelFlowOf, shippedCheckpointDir } from '../../models/qor/veridistill/index.ts';

const { out, err } = captureConsole();

// Runs on a bare machine too: synthesis maps to the shipped sky130 library, and the shipped checkpoint
// was labelled by the embedded Yosys onto that library, so the comparison runs everywhere.
describe('tessera demo', () => {
  it('simulates (checked), writes Verilog the front-end accepts, synthesizes the PE and compares QoR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-demo-'));
    const code = await main(['demo', '--array', '4x4', '--group', '16', '--m', '10', '--k', '64', '--n', '9', '--out', dir]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.simulation.check).toEqual({ passed: true, compared: 90, mismatches: 0 });
    // 10 x 9 outputs on a 4x4 array of MixPE PEs with 4 outputs each (16 output columns a pass):
    // 3 row tiles x 1 column tile, each one pass over K.
    expect(summary.simulation.passes).toBe(3);
    const verilog = readFileSync(join(dir, 'tessera_array.v'), 'utf8');
    expect(hasErrors(parseVerilog(verilog, 'tessera_array.v').diagnostics)).toBe(false);
    expect(existsSync(join(dir, 'tb.v'))).toBe(true);
    expect(summary.synthesis.areaUm2).toBeGreaterThan(0);
    expect(summary.synthesis.liberty).toBe('sky130');
    const model = VeriDistill.load(shippedCheckpointDir());
    const flow = labelFlowOf(model.config);
    model.dispose();
    expect(flow.liberty).toBe('sky130');
    expect(flow.tool).toMatch(/^wasm /);
    expect(summary.qor.predicted.areaUm2).toBeGreaterThan(0);
    expect(summary.qor.predicted.delayPs).toBeGreaterThan(0);
    expect(summary.qor.synthesized.areaUm2).toBeGreaterThan(0);
    expect(summary.qor.synthesized.liberty).toBe('sky130');
    expect(summary.qor.synthesized.tool).toBe(flow.tool);
    // One flow: the comparison's synthesized figures are step 3's, from the labels' script.
    expect(summary.qor.synthesized.sameAsStep3).toBe(true);
    expect(summary.qor.synthesized.areaUm2).toBe(summary.synthesis.areaUm2);
    expect(summary.qor.synthesized.delayPs).toBe(summary.synthesis.delayPs);
    expect(summary.synthesis.flow).toBe(flow.script);
    expect(out.join('\n')).toMatch(/predicted\s+area [\d.]+ um\^2\s+delay [\d.]+ ps[\s\S]*synthesized area [\d.]+ um\^2\s+delay [\d.]+ ps[\s\S]*error\s+area/);
    expect(out.join('\n')).toContain('check: all 90 outputs equal the reference GEMM bit for bit');
  });
});
