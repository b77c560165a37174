// `tessera predict qor` through the CLI entry point, with the checkpoint shipped in the repository.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../../../helpers/console-capture.ts';
import { main } from '../../../../cli/main.ts';
import { hasNativeYosys } from '../../../../eda/synth/index.ts';
import { selectBackend } from '../../../../models/common/index.ts';
import { VeriDistill, shippedCheckpointDir } from '../../../../models/qor/veridistill/index.ts';
import { dataPath, missingData } from '../../../../util/index.ts';
import { missingChromium, renderReportInChromium } from '../../../helpers/render-in-chromium.ts';

const { out, err } = captureConsole();

const counter = `module counter(input clk, input rst, input en, output reg [7:0] q);
  always @(posedge clk) if (rst) q <= 8'd0; else if (en) q <= q + 8'd1;
endmodule
module unused(input a, output b); assign b = ~a; endmodule
`;
const inverter = 'module inv(input a, output y); assign y = ~a; endmodule\n';

function writeDesign(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'predict-qor-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const noCheckpoint = existsSync(join(shippedCheckpointDir(), 'checkpoint.json')) ? undefined : 'the shipped checkpoint is missing (run tessera train veridistill --out models/qor/veridistill/checkpoint)';
if (noCheckpoint) console.warn(`skipping predict qor CLI tests: ${noCheckpoint}`);
const nativeYosys = await hasNativeYosys();
if (!nativeYosys) console.warn('skipping predict qor --compare tests: native yosys not installed (apt-get install yosys)');
const noLiberty = missingData('liberty', 'nangate45', 'nangate45_typ.lib.gz');
if (noLiberty) console.warn(`skipping predict qor --compare tests: ${noLiberty}`);

describe.skipIf(noCheckpoint)('tessera predict qor with the shipped checkpoint', () => {
  it('predicts a small file, JSON equal to the library prediction of the --top module text', async () => {
    const file = writeDesign('counter.v', counter);
    const json = join(file, '..', 'out.json');
    expect(await main(['predict', 'qor', file, '--top', 'counter', '--json', json])).toBe(0);
    expect(out.join('\n')).toMatch(/predicted\s+area [\d.]+ um\^2\s+delay [\d.]+ ps/);
    const result = JSON.parse(readFileSync(json, 'utf8'));
    await selectBackend(() => {});
    const model = VeriDistill.load(shippedCheckpointDir());
    const direct = model.predict(counter.slice(0, counter.indexOf('module unused')).trim(), 'counter');
    model.dispose();
    expect(result.predicted.areaUm2).toBeCloseTo(direct.areaUm2, 6);
    expect(result.predicted.delayPs).toBeCloseTo(direct.delayPs, 6);
    expect(result.predicted.areaUm2).toBeGreaterThan(0);
  });

  it('names the flag and the modules found for a wrong --top, and refuses --report without --corpus', async () => {
    const file = writeDesign('counter.v', counter);
    expect(await main(['predict', 'qor', file, '--top', 'nosuch'])).not.toBe(0);
    expect(err.join('\n')).toMatch(/--top.*not defined.*counter, unused/);
    expect(await main(['predict', 'qor', file, '--report', 'x'])).not.toBe(0);
    expect(err.join('\n')).toMatch(/--report/);
  });

  it.skipIf(!nativeYosys || noLiberty)('--compare synthesizes with Yosys: an inverter costs exactly the Liberty area of INV_X1', async () => {
    const lib = gunzipSync(readFileSync(dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'))).toString();
    const invArea = Number(/cell \(INV_X1\)[\s\S]*?area\s*:\s*([\d.]+)/.exec(lib)![1]);
    const file = writeDesign('inv.v', inverter);
    const json = join(file, '..', 'cmp.json');
    expect(await main(['predict', 'qor', file, '--top', 'inv', '--compare', '--yosys', 'native', '--liberty', 'nangate45', '--json', json])).toBe(0);
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.yosys.areaUm2).toBeCloseTo(invArea, 6);
    expect(r.error.areaPercent).toBeCloseTo((100 * (r.predicted.areaUm2 - invArea)) / invArea, 6);
    expect(out.join('\n')).toMatch(/yosys\+abc\s+area 0\.5 um\^2/);
  });

  it.skipIf(!nativeYosys || noLiberty || missingChromium())('--corpus --compare --report writes a page whose scatter plots render', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'predict-corpus-'));
    mkdirSync(join(dir, 'rtl'));
    writeFileSync(join(dir, 'rtl', 'counter.v'), counter);
    writeFileSync(join(dir, 'rtl', 'inv.v'), inverter);
    writeFileSync(join(dir, 'rtl', 'xor.v'), 'module x(input [3:0] a, b, output [3:0] y); assign y = a ^ b; endmodule\n');
    expect(await main(['predict', 'qor', '--corpus', join(dir, 'rtl'), '--compare', '--yosys', 'native', '--liberty', 'nangate45', '--report', join(dir, 'report')])).toBe(0);
    const { charts, errors } = await renderReportInChromium(join(dir, 'report', 'index.html'));
    expect(errors).toEqual([]);
    expect(charts.map((c) => c.title)).toEqual(['Area: predicted vs Yosys (um^2)', 'Delay: predicted vs Yosys (ps)']);
    for (const c of charts) expect(c.svgCount).toBeGreaterThan(0);
  }, 120_000);
});
