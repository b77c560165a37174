// `tessera kv tune --configs`: given configurations scored against uniform KV4 on the tuning windows,
// each half of them and the test windows (per window with its paired standard error), with the noise
// of a margin from the two halves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main.ts';
import { kvSetup } from '../../../../cli/commands/kv-common.ts';
import { CacheScorer, KvTuner, pairByName, perplexityOf } from '../../../../models/llm/kv/index.ts';
import { captureConsole } from '../../../helpers/console-capture.ts';
import { tinyCheckpointFixture } from './tiny-command-fixture.ts';

const { err } = captureConsole();
const { dir, ckpt } = tinyCheckpointFixture('tessera-kv-score-');

const run = (configs: string, json: string) => main(['kv', 'tune', '--checkpoint', ckpt, '--configs', configs, '--tune-windows', '4', '--test-windows', '2', '--json', json]);

describe('kv tune --configs', () => {
  it('scores each configuration on the whole tuning sample, its halves and the test windows, against KV4', async () => {
    const json = join(dir, 'scores.json');
    expect(await run('KV2; KV8 KV2', json), err.join('\n')).toBe(0);
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.configurations.map((c: { pairs: string[] }) => c.pairs.join(' '))).toEqual(['KV4 KV4', 'KV2 KV2', 'KV8 KV2']);
    expect(r.configurations[2].avgBits).toBe(5);
    const [tA, tB] = r.halfTargets;
    expect(tA + tB).toBe(r.tuneTargets);
    for (const c of r.configurations) {
      // The whole sample's perplexity is the halves' token-weighted geometric mean.
      expect(Math.log(c.tunePerplexity)).toBeCloseTo((tA * Math.log(c.tuneHalves[0]) + tB * Math.log(c.tuneHalves[1])) / (tA + tB), 9);
    }
    const kv4 = r.configurations[0];
    expect([kv4.marginVsKV4.tune, ...kv4.marginVsKV4.halves, kv4.marginVsKV4.test, kv4.marginVsKV4.perWindowMean, kv4.marginVsKV4.testPerWindowMean, kv4.marginVsKV4.testPerWindowSe]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const others = r.configurations.slice(1);
    for (const c of others) {
      expect(c.marginVsKV4.tune).toBeCloseTo(c.tunePerplexity / kv4.tunePerplexity - 1, 12);
      expect(c.marginVsKV4.halves[0]).toBeCloseTo(c.tuneHalves[0] / kv4.tuneHalves[0] - 1, 12);
    }
    const rms = Math.sqrt(others.reduce((a: number, c: { marginVsKV4: { halves: number[] } }) => a + (c.marginVsKV4.halves[0] - c.marginVsKV4.halves[1]) ** 2, 0) / others.length);
    expect(r.noise.rmsHalfDifference).toBeCloseTo(rms, 12);
    expect(r.noise.marginSd).toBeCloseTo(rms / 2, 12);
    // The paired test margin per window, recomputed from each test window's own score.
    const s = kvSetup({ checkpoint: ckpt, array: '64x64', group: '128', check: 0 }, 4, 2);
    const tuner = new KvTuner(s.model, s.modelKey, s.tune, s.test, 'per-token');
    const windowPerplexity = async (names: string[], w: Uint16Array) => perplexityOf(await new CacheScorer(s.model, s.modelKey, [w]).score(tuner.configuration(names.map((n) => pairByName(n)!))));
    for (const c of others) {
      const m = await Promise.all(s.test.map(async (w) => (await windowPerplexity(c.pairs, w)) / (await windowPerplexity(kv4.pairs, w)) - 1));
      expect(m).toHaveLength(2);
      expect(c.marginVsKV4.testPerWindowMean).toBeCloseTo((m[0] + m[1]) / 2, 12);
      expect(c.marginVsKV4.testPerWindowSe).toBeCloseTo(Math.abs(m[0] - m[1]) / 2, 12); // sample SD / sqrt(2) of two values
    }
  }, 60_000);

  it('names the flag on a configuration of the wrong length or an unknown pair', async () => {
    const json = join(dir, 'bad.json');
    expect(await run('KV4 KV4 KV4', json)).not.toBe(0);
    expect(err.join('\n')).toMatch(/--configs.*3 pairs; the model has 2 layers/s);
    expect(await run('KV3', json)).not.toBe(0);
    expect(err.join('\n')).toContain("unknown precision pair 'KV3'");
  }, 60_000);
});
