import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../helpers/console-capture.ts';
import { main } from '../../cli/main.ts';
import { pointCost } from '../../sim/explore/index.ts';
import { energyWithPeAreas, horowitzPeAreas } from '../../hw/accelerators/index.ts';
import { energyConstants28nm } from '../../hw/energy/index.ts';
import { missingChromium, renderReportInChromium } from '../helpers/render-in-chromium.ts';
import { missingData, skipReason } from '../helpers/requirements.ts';

const skip = skipReason(missingData('models', 'stories260K_plct', 'stories260K.bin'));
const { out } = captureConsole();

interface Sweep {
  points: { pe: string; array: string; group: number | string; dataflow: string; workload: string; cycles: number; energyJ: number; areaUm2: number; areaSource: string; error: number; seconds: number }[];
  pareto: number[];
}

describe.skipIf(skip)('tessera explore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-explore-'));
  const args = ['explore', '--pe', 'mixpe-w4a8,int8', '--arrays', '4x4,8x8', '--groups', '128', '--dataflows', 'os,ws', '--workloads', 'vit-b', '--tokens', '4', '--workers', '1'];

  it('writes every point with its cost, area and error, and a Pareto front no point dominates', async () => {
    process.env.TESSERA_CACHE = join(dir, 'cache');
    const json = join(dir, 'sweep.json');
    expect(await main([...args, '--json', json, '--report', join(dir, 'report')])).toBe(0);
    const sweep = JSON.parse(readFileSync(json, 'utf8')) as Sweep;
    expect(sweep.points).toHaveLength(8);
    for (const p of sweep.points) {
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['pe', 'array', 'group', 'dataflow', 'workload', 'cycles', 'energyJ', 'areaUm2', 'areaSource', 'error']));
      expect(p.cycles).toBeGreaterThan(0);
      expect(p.error).toBeGreaterThan(0);
    }
    // A point's cycles are the simulator's for that configuration (energy constants do not change them).
    const first = sweep.points[0];
    const [rows, cols] = first.array.split('x').map(Number);
    expect(first.cycles).toBe(pointCost({ pe: first.pe as 'mixpe-w4a8', rows, cols, group: 128, dataflow: first.dataflow as 'os', workload: 'vit-b' }, energyWithPeAreas(energyConstants28nm, horowitzPeAreas)).cycles);
    // The larger array of the same kind is faster; INT8 weights err less than 4-bit ones.
    const at = (pe: string, array: string) => sweep.points.find((p) => p.pe === pe && p.array === array && p.dataflow === 'os')!;
    expect(at('int8', '8x8').seconds).toBeLessThan(at('int8', '4x4').seconds);
    expect(at('int8', '8x8').error).toBeLessThan(at('mixpe-w4a8', '8x8').error);
    const objectives = sweep.points.map((p) => [p.seconds, p.energyJ, p.areaUm2, p.error]);
    const dominated = (i: number) => objectives.some((o, j) => j !== i && o.every((v, k) => v <= objectives[i][k]) && o.some((v, k) => v < objectives[i][k]));
    expect(sweep.pareto.length).toBeGreaterThan(0);
    for (let i = 0; i < objectives.length; i++) expect(sweep.pareto.includes(i)).toBe(!dominated(i));
    expect(out.join('\n')).toMatch(/8 points \(1 workloads\); Pareto front/);
  }, 120_000);

  it.skipIf(skipReason(missingChromium()))('its report renders every chart in headless Chromium', async () => {
    const { charts, errors } = await renderReportInChromium(join(dir, 'report', 'report.html'));
    expect(errors).toEqual([]);
    expect(charts).toHaveLength(2);
    for (const c of charts) expect(c.svgCount).toBeGreaterThan(0);
  }, 60_000);
});
