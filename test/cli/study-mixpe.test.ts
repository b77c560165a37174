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
type Section = Record<string, Record<string, { time: number; energy: number }>>;

describe('tessera study mixpe --cost-model official (the reference mode)', () => {
  it('prints the published table beside its own and the largest difference', async () => {
    expect(await main(['study', 'mixpe', '--cost-model', 'official'])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/vit-b +0\.155 \(0\.15\)/);
    expect(text).toMatch(/largest \|ours - published\| over the 24 published per-model times: 0\.00\d\d/);
    expect(text).toMatch(/speedup nearest the paper: mixpe-w4a16 vs bitfusion, arithmeticMean over the models: 2\.62x/);
  });
});

describe.skipIf(skipData)('tessera study mixpe', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'tessera-study-')), 'out');
  let code: number;

  it('writes both models side by side: results.json sections keyed by workload and geomean, then PE kind, with time and energy', async () => {
    code = await main(['study', 'mixpe', '--workloads', 'vit-b,opt-6.7b', '--batch', '4', '--prompt', '64', '--tokens', '6', '--out', dir]);
    expect(code, err.join('\n')).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Record<string, Section>;
    const official = ['vit-b', 'vit-h', 'opt-6.7b', 'llama2-13b'];
    expect(Object.keys(results.official!)).toEqual([...official, 'geomean', 'arithmeticMean']);
    for (const id of ['tessera', 'tesseraIsoArea']) {
      expect(Object.keys(results[id]!)).toEqual([...official, 'vit-b/encoder', 'opt-6.7b/prefill', 'opt-6.7b/decode', 'geomean', 'arithmeticMean', 'geomean/encoder', 'geomean/prefill', 'geomean/decode']);
    }
    for (const id of ['official', 'tessera', 'tesseraIsoArea']) {
      for (const row of Object.values(results[id]!)) {
        expect(Object.keys(row).sort()).toEqual([...studyPeKinds].sort());
        expect(row.fp16).toMatchObject({ time: 1, energy: 1 });
        for (const v of Object.values(row)) expect(v.time > 0 && v.energy > 0).toBe(true);
      }
      const t = (k: string) => results[id]![k]!['mixpe-w4a8']!.time;
      expect(results[id]!.geomean!['mixpe-w4a8']!.time).toBeCloseTo((t('vit-b') * t('vit-h') * t('opt-6.7b') * t('llama2-13b')) ** 0.25, 12);
    }
    expect(Math.abs(results.official!['vit-b']!['mixpe-w4a8']!.time - 0.15)).toBeLessThan(0.01);
    const csv = readFileSync(join(dir, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv.length).toBe(1 + (6 + 12 + 12) * 6);
    const text = out.join('\n');
    expect(text).toContain('largest |ours - published|');
    expect(text).toContain('claims (tesseraIsoArea)');
    expect(text).toContain('PE kinds: MACs per PE per cycle');
    expect(text).toContain('accuracy cost');
    expect(JSON.parse(readFileSync(join(dir, 'accuracy.json'), 'utf8'))).toHaveLength(8);
  });

  it.skipIf(skipChromium)('report.html renders every chart in headless Chromium', async () => {
    const { charts, errors } = await renderReportInChromium(join(dir, 'report.html'));
    expect(errors).toEqual([]);
    for (const c of charts) {
      expect(c.svgCount, c.title).toBeGreaterThan(0);
      expect(c.traceCount, c.title).toBeGreaterThan(0);
    }
    // Reference mode, time and energy of both Tessera sections, the side-by-side geomeans, PE kinds, accuracy.
    expect(charts.map((c) => c.traceCount)).toEqual([2, 6, 4, 6, 4, 4, 4, 4]);
  });

  it('runs one array set from a given PE area table', async () => {
    expect(await main(['study', 'mixpe', '--cost-model', 'tessera', '--workloads', 'vit-b', '--batch', '1', '--tokens', '2', '--arrays', 'iso-area', '--pe-area', 'docs/pe-area.json'])).toBe(0);
    expect(out.join('\n')).toMatch(/arrays of the FP16 32x28 array's area \(docs\/pe-area.json\)/);
  });

  it('refuses bad flags naming the flag and the valid choices, writing nothing', async () => {
    const bad = join(dir, '..', 'never');
    expect(await main(['study', 'mixpe', '--workloads', 'vit-b,gpt-9', '--out', bad])).toBe(1);
    expect(err.join('\n')).toMatch(/--workloads.*gpt-9.*vit-b/);
    expect(await main(['study', 'mixpe', '--pe-area', 'x.json', '--out', bad])).toBe(1);
    expect(await main(['study', 'mixpe', '--cost-model', 'official', '--pe-area', 'docs/pe-area.json', '--out', bad])).toBe(1);
    expect(await main(['study', 'mixpe', '--arrays', 'huge', '--out', bad])).toBe(1);
    expect(err.join('\n')).toMatch(/--arrays.*both, paper, iso-area/);
    expect(await main(['study', 'mixpe', '--cost-model', 'paper', '--out', bad])).toBe(1);
    expect(existsSync(bad)).toBe(false);
    expect(await main(['study', 'mixpe', '--out', join(dir, 'results.json')])).toBe(1);
    expect(err.join('\n')).toMatch(/--out: .*not a folder/);
  });

  it('--help explains every flag', async () => {
    expect(await main(['study', 'mixpe', '--help'])).toBe(0);
    for (const f of ['--cost-model', '--workloads', '--out', '--batch', '--prompt', '--arrays', '--pe-area', '--model', '--tokens', '--seed']) expect(out.join('\n')).toContain(f);
  });
});
