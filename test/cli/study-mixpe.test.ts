import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../helpers/console-capture.ts';
import { main } from '../../cli/main.ts';
import { studyPeKinds } from '../../hw/energy/index.ts';
import { missingChromium, renderReportInChromium } from '../helpers/render-in-chromium.ts';
import { missingData, skipReason } from '../helpers/requirements.ts';

const skipData = skipReason(missingData('models', 'stories260K_plct', 'stories260K.bin'));
const skipChromium = skipReason(missingChromium());

const { out, err } = captureConsole();

describe.skipIf(skipData)('tessera study mixpe', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'tessera-study-')), 'out');
  let code: number;

  it('writes results.json per workload and geomean, keyed by PE kind with time and energy', async () => {
    code = await main(['study', 'mixpe', '--workloads', 'vit-b,opt-6.7b', '--batch', '4', '--prompt', '64', '--tokens', '6', '--out', dir]);
    expect(code, err.join('\n')).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Record<string, Record<string, { time: number; energy: number }>>;
    expect(Object.keys(results)).toEqual(['vit-b', 'opt-6.7b', 'opt-6.7b/decode', 'geomean', 'geomean/decode']);
    for (const row of Object.values(results)) {
      expect(Object.keys(row).sort()).toEqual([...studyPeKinds].sort());
      expect(row.fp16).toMatchObject({ time: 1, energy: 1 });
      for (const v of Object.values(row)) expect(v.time > 0 && v.energy > 0).toBe(true);
    }
    const g = results.geomean['mixpe-w4a8'].time;
    expect(g).toBeCloseTo(Math.sqrt(results['vit-b']['mixpe-w4a8'].time * results['opt-6.7b']['mixpe-w4a8'].time), 12);
    const csv = readFileSync(join(dir, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv.length).toBe(1 + 5 * 6);
    const text = out.join('\n');
    expect(text).toContain('published geomean');
    expect(text).toContain('accuracy cost');
    expect(JSON.parse(readFileSync(join(dir, 'accuracy.json'), 'utf8'))).toHaveLength(6);
  });

  it.skipIf(skipChromium)('report.html renders every chart in headless Chromium', async () => {
    const { charts, errors } = await renderReportInChromium(join(dir, 'report.html'));
    expect(errors).toEqual([]);
    expect(charts.length).toBe(4);
    for (const c of charts) {
      expect(c.svgCount, c.title).toBeGreaterThan(0);
      expect(c.traceCount, c.title).toBeGreaterThan(0);
    }
    expect(charts.map((c) => c.traceCount)).toEqual([6, 2, 4, 4]);
  });

  it('sizes arrays for equal area from a PE area table', async () => {
    expect(await main(['study', 'mixpe', '--workloads', 'vit-b', '--batch', '1', '--tokens', '2', '--arrays', 'iso-area'])).toBe(0);
    expect(out.join('\n')).toMatch(/iso-area from/);
  });

  it('refuses bad flags naming the flag and the valid choices, writing nothing', async () => {
    const bad = join(dir, '..', 'never');
    expect(await main(['study', 'mixpe', '--workloads', 'vit-b,gpt-9', '--out', bad])).toBe(1);
    expect(err.join('\n')).toMatch(/--workloads.*gpt-9.*vit-b/);
    expect(await main(['study', 'mixpe', '--pe-area', 'x.json', '--out', bad])).toBe(1);
    expect(await main(['study', 'mixpe', '--arrays', 'huge', '--out', bad])).toBe(1);
    expect(err.join('\n')).toMatch(/--arrays.*paper, iso-area/);
    expect(existsSync(bad)).toBe(false);
    expect(await main(['study', 'mixpe', '--out', join(dir, 'results.json')])).toBe(1);
    expect(err.join('\n')).toMatch(/--out: .*not a folder/);
  });

  it('--help explains every flag', async () => {
    expect(await main(['study', 'mixpe', '--help'])).toBe(0);
    for (const f of ['--workloads', '--out', '--batch', '--prompt', '--arrays', '--pe-area', '--model', '--tokens', '--seed']) expect(out.join('\n')).toContain(f);
  });
});
