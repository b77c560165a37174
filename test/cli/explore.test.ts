import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../helpers/console-capture.ts';
import { main } from '../../cli/main.ts';
import { pointAccelerator, pointCost } from '../../sim/explore/index.ts';
import { generateArrayDesign } from '../../hdl-gen/index.ts';
import { mixpeEvalConfig, peKind } from '../../hw/index.ts';
import { selectBackend } from '../../models/common/index.ts';
import { VeriDistill, moduleClosureText, shippedCheckpointDir } from '../../models/qor/veridistill/index.ts';
import { energyWithPeAreas, horowitzPeAreas } from '../../hw/accelerators/index.ts';
import { energyConstants28nm } from '../../hw/energy/index.ts';
import { missingChromium, renderReportInChromium } from '../helpers/render-in-chromium.ts';
import { missingData, missingTool, skipReason } from '../helpers/requirements.ts';
import { readPeAreaTable } from '../../hw/accelerators/index.ts';
import { dataPath, projectRoot } from '../../util/index.ts';
import { llmWorkloadSpec, loadModel } from '../../models/llm/index.ts';

const { out } = captureConsole();

interface Sweep {
  points: { pe: string; array: string; group: number | string; dataflow: string; workload: string; cycles: number; energyJ: number; areaUm2: number; areaSource: string; error: number; seconds: number }[];
  pareto: number[];
}

describe('tessera explore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-explore-'));
  const args = ['explore', '--pe', 'mixpe-w4a8,int8', '--arrays', '4x4,8x8', '--groups', '128', '--dataflows', 'os,ws', '--workloads', 'vit-b,tessera-llm', '--tokens', '4', '--workers', '1'];

  it('writes every point with its cost, area and error, and a Pareto front no point dominates', async () => {
    process.env.TESSERA_CACHE = join(dir, 'cache');
    const json = join(dir, 'sweep.json');
    expect(await main([...args, '--json', json, '--report', join(dir, 'report')])).toBe(0);
    const sweep = JSON.parse(readFileSync(json, 'utf8')) as Sweep;
    expect(sweep.points).toHaveLength(16);
    for (const p of sweep.points) {
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['pe', 'array', 'group', 'dataflow', 'workload', 'cycles', 'energyJ', 'areaUm2', 'areaSource', 'error']));
      expect(p.cycles).toBeGreaterThan(0);
      expect(p.error).toBeGreaterThan(0);
    }
    // A point's cycles are the simulator's for that configuration (energy constants do not change them).
    const first = sweep.points[0];
    const [rows, cols] = first.array.split('x').map(Number);
    expect(first.cycles).toBe(pointCost({ pe: first.pe as 'mixpe-w4a8', rows, cols, group: 128, dataflow: first.dataflow as 'os', workload: 'vit-b' }, energyWithPeAreas(energyConstants28nm, horowitzPeAreas)).cycles);
    // The LM's points are its own architecture's (prefill of its context less one token, then a decode step).
    const llm = sweep.points.find((p) => p.workload === 'tessera-llm')!;
    const config = loadModel(undefined, undefined, false).weights.config;
    const [lr, lc] = llm.array.split('x').map(Number);
    const llmPoint = { pe: llm.pe as 'mixpe-w4a8', rows: lr, cols: lc, group: 128 as const, dataflow: llm.dataflow as 'os', workload: 'tessera-llm' };
    expect(llm.cycles).toBe(pointCost(llmPoint, energyWithPeAreas(energyConstants28nm, horowitzPeAreas), { promptLength: config.seqLen - 1 }, llmWorkloadSpec(config, 'shipped')).cycles);
    // The larger array of the same kind is faster; INT8 weights err less than 4-bit ones.
    const at = (pe: string, array: string) => sweep.points.find((p) => p.pe === pe && p.array === array && p.dataflow === 'os')!;
    expect(at('int8', '8x8').seconds).toBeLessThan(at('int8', '4x4').seconds);
    expect(at('int8', '8x8').error).toBeLessThan(at('mixpe-w4a8', '8x8').error);
    const objectives = sweep.points.map((p) => [p.seconds, p.energyJ, p.areaUm2, p.error]);
    // The front is taken per workload.
    const dominated = (i: number) => objectives.some((o, j) => j !== i && sweep.points[j].workload === sweep.points[i].workload && o.every((v, k) => v <= objectives[i][k]) && o.some((v, k) => v < objectives[i][k]));
    expect(sweep.pareto.length).toBeGreaterThan(0);
    for (let i = 0; i < objectives.length; i++) expect(sweep.pareto.includes(i)).toBe(!dominated(i));
    expect(out.join('\n')).toMatch(/16 points \(2 workloads\); Pareto front/);
  }, 120_000);

  it("--area veridistill puts VeriDistill's prediction for each generated array in place of the table, marked", async () => {
    process.env.TESSERA_CACHE = join(dir, 'cache');
    const json = join(dir, 'vd.json');
    expect(await main(['explore', '--pe', 'int8', '--arrays', '4x4', '--groups', '128', '--dataflows', 'os', '--workloads', 'vit-b', '--tokens', '4', '--workers', '1', '--area', 'veridistill', '--json', json])).toBe(0);
    const [p] = (JSON.parse(readFileSync(json, 'utf8')) as Sweep).points;
    expect(p.areaSource).toMatch(/^VeriDistill prediction .*not synthesized$/);
    await selectBackend(() => {});
    const d = generateArrayDesign({ pe: peKind('int8'), array: mixpeEvalConfig(4, 4), group: 128, scheme: pointAccelerator({ pe: 'int8', rows: 4, cols: 4, group: 128, dataflow: 'os' }).weightScheme });
    expect(p.areaUm2).toBe(VeriDistill.load(shippedCheckpointDir()).predict(moduleClosureText(d.verilog, d.top, d.fileName), d.top).areaUm2);
  }, 120_000);

  // Real synthesis of a small array with native Yosys (about 1.5 CPU-minutes).
  it.skipIf(skipReason(missingTool('yosys'), missingData('liberty', 'nangate45', 'nangate45_typ.lib.gz')))('--synthesize-pareto replaces a Pareto point\'s table area by its synthesized array\'s, marked', async () => {
    process.env.TESSERA_CACHE = join(dir, 'cache-synth');
    const json = join(dir, 'synth.json');
    const liberty = dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz');
    expect(await main(['explore', '--pe', 'int8', '--arrays', '2x2', '--groups', '128', '--dataflows', 'os', '--workloads', 'vit-b', '--tokens', '2', '--workers', '1', '--synthesize-pareto', '--yosys', 'native', '--liberty', liberty, '--json', json])).toBe(0);
    const sweep = JSON.parse(readFileSync(json, 'utf8')) as Sweep;
    expect(sweep.pareto).toEqual([0]);
    const [p] = sweep.points;
    expect(p.areaSource).toMatch(/^synthesized array \(Yosys native .*nangate45_typ\.lib\.gz\)$/);
    // The array keeps the PE as a module, synthesized as the table's PE was (Nangate45, native Yosys):
    // its four PEs are part of it, plus the feeders, dequantizers and accumulators around them.
    const pe = readPeAreaTable(join(projectRoot(), 'docs', 'pe-area.json')).areaUm2.int8;
    expect(p.areaUm2).toBeGreaterThan(4 * pe);
    expect(p.areaUm2).toBeLessThan(40 * pe);
  }, 600_000);

  it.skipIf(skipReason(missingChromium()))('its report renders every chart in headless Chromium', async () => {
    const { charts, errors } = await renderReportInChromium(join(dir, 'report', 'report.html'));
    expect(errors).toEqual([]);
    expect(charts).toHaveLength(4); // two per workload
    for (const c of charts) expect(c.svgCount).toBeGreaterThan(0);
  }, 60_000);
});
