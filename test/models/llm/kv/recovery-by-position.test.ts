// `tessera kv recovery --by-position` and `kv compare --by-position`: each budget's recovery split by
// the tokens cached at the step, with every method's per-window difference to --against's, on a tiny
// checkpoint (context 32, 2 layers).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main.ts';
import { captureConsole } from '../../../helpers/console-capture.ts';
import { missingChromium, renderReportInChromium } from '../../../helpers/render-in-chromium.ts';
import { tinyCheckpointFixture } from './tiny-command-fixture.ts';

const { err } = captureConsole();
const { dir, ckpt } = tinyCheckpointFixture('tessera-kv-position-');

const run = (extra: string[], json: string, methods = 'quest,streaming') => main(['kv', 'recovery', '--checkpoint', ckpt, '--windows', '2', '--full-layers', '1', '--methods', methods, '--json', json, ...extra]);

interface Bucket { from: number; to: number; recovery: number | null; rows: number; perWindow: (number | null)[]; differenceToReference?: { mean: number; above: number; windows: number } }
interface Result { method: string; budget: number; recovery: number; perWindow: number[]; byPosition: Bucket[]; positionTrend?: { from: { from: number; to: number }; change: { mean: number } } }

describe('kv recovery --by-position', () => {
  it('splits each budget\'s recovery into buckets that add up to it, and differences each window against the reference', async () => {
    const json = join(dir, 'position.json'), report = join(dir, 'report');
    expect(await run(['--by-position', '1,12,20', '--report', report], json), err.join('\n')).toBe(0);
    const results: Result[] = JSON.parse(readFileSync(json, 'utf8')).results;
    expect(results).toHaveLength(8);
    for (const r of results) {
      expect(r.byPosition.map((b) => [b.from, b.to])).toEqual([[1, 12], [12, 20], [20, 33]]);
      const rows = r.byPosition.reduce((a, b) => a + b.rows, 0);
      expect(r.byPosition.reduce((a, b) => a + (b.recovery ?? 0) * b.rows, 0) / rows).toBeCloseTo(r.recovery, 9);
      const quest = results.find((q) => q.method === 'quest' && q.budget === r.budget)!;
      const last = r.byPosition[2], ref = quest.byPosition[2];
      if (r.method === 'quest') expect(last.differenceToReference).toBeUndefined();
      else {
        const d = last.perWindow.map((x, w) => x! - ref.perWindow[w]!);
        expect(last.differenceToReference!.mean).toBeCloseTo(d.reduce((a, x) => a + x, 0) / d.length, 12);
        expect(last.differenceToReference!.above).toBe(d.filter((x) => x > 0).length);
        const firstCompared = r.byPosition.findIndex((b) => b.differenceToReference !== undefined);
        if (firstCompared < 2) {
          const f = r.byPosition[firstCompared], fq = quest.byPosition[firstCompared];
          const change = d.map((x, w) => x - (f.perWindow[w]! - fq.perWindow[w]!));
          expect(r.positionTrend!.from).toEqual({ from: f.from, to: f.to });
          expect(r.positionTrend!.change.mean).toBeCloseTo(change.reduce((a, x) => a + x, 0) / change.length, 12);
        }
      }
    }
  });

  it('draws the difference to the reference by tokens cached, a line per budget, and recovery against the budget', async () => {
    const chromiumMissing = missingChromium();
    if (chromiumMissing) return;
    const { charts, errors } = await renderReportInChromium(join(dir, 'report', 'report.html'));
    expect(errors).toEqual([]);
    expect(charts.map((c) => [c.title, c.traceCount])).toEqual([['streaming minus quest: recovery by tokens cached at the step', 4], ['Teacher-forced attention recovery against the budget', 2]]);
    for (const c of charts) expect(c.svgCount, c.title).toBeGreaterThan(0);
  });

  it('refuses edges that do not ascend within the context, or a reference not replayed, before any output', async () => {
    const json = join(dir, 'refused.json');
    err.length = 0;
    expect(await run(['--by-position', '20,12'], json)).not.toBe(0);
    expect(err.join('\n')).toMatch(/--by-position/);
    expect(await run(['--by-position', '12,40'], json)).not.toBe(0);
    expect(await run(['--by-position', '12', '--against', 'h2o'], json)).not.toBe(0);
    expect(err.join('\n')).toMatch(/--against/);
    expect(existsSync(json)).toBe(false);
  });

  it.each([[[]], [['--per-query-head']]])('kv compare splits the decode\'s recovery the same way, equal to the replay\'s when only the last layer is compressed (%j)', async (mode: string[]) => {
    const replayed = join(dir, 'replayed.json'), decoded = join(dir, 'decoded.json');
    expect(await run(['--by-position', '1,12,20', ...mode], replayed, 'quest,h2o,streaming'), err.join('\n')).toBe(0);
    expect(await main(['kv', 'compare', '--checkpoint', ckpt, '--windows', '2', '--full-layers', '1', '--methods', 'h2o,quest,streaming', '--group', '32', '--by-position', '1,12,20', ...mode, '--json', decoded]), err.join('\n')).toBe(0);
    const replay: Result[] = JSON.parse(readFileSync(replayed, 'utf8')).results;
    const decode: Result[] = JSON.parse(readFileSync(decoded, 'utf8')).results;
    expect(decode).toHaveLength(12);
    for (const d of decode) {
      const r = replay.find((x) => x.method === d.method && x.budget === d.budget)!;
      expect(d.recovery).toBeCloseTo(r.recovery, 4);
      d.byPosition.forEach((b, i) => {
        expect(b.rows).toBe(r.byPosition[i].rows);
        b.perWindow.forEach((x, w) => (x === null ? expect(r.byPosition[i].perWindow[w]).toBeNull() : expect(x).toBeCloseTo(r.byPosition[i].perWindow[w]!, 4)));
      });
      if (d.method !== 'quest') expect(d.positionTrend!.change.mean).toBeCloseTo(r.positionTrend!.change.mean, 4);
    }
  });
});
