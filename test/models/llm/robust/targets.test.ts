// FRS's three targets from certify results: verdicts and standard errors against values worked out by hand.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main.ts';
import { targetVerdicts, type CertifyRecord, type SentenceRecord } from '../../../../models/llm/robust/index.ts';
import { captureConsole } from '../../../helpers/console-capture.ts';

const { out, err } = captureConsole();

const labels = [0, 1, 1, 0];
const sentences = (rows: [vote: number, prediction: number, radius: number, victim: number][]): SentenceRecord[] =>
  rows.map(([vote, prediction, radius, victimPrediction], i) => ({ label: labels[i], words: 5 + i, vote, prediction, radius, victimPrediction }));
const record = (method: string, rows: Parameters<typeof sentences>[0], triggeredVotes: number[] = []): CertifyRecord => ({
  method, perSentence: sentences(rows), triggeredPerSentence: triggeredVotes.map((vote) => ({ vote, victimPrediction: 1 })), attackSuccessRate: { undefended: 0.9 },
});

// Votes right on sentences 1, 2, 4; the victim on 2 and 4. Certified: sentence 1 to r = 2, 2 to r = 1, 3 abstains, 4 at r = 0.
const frs = record('frs', [[0, 0, 2, 1], [1, 1, 1, 1], [0, -1, -1, 0], [0, 0, 0, 0]], [1, 0, 0, 1, 0]);
// Certified: 1 and 2 to r = 1, 3 at r = 0, 4 abstains: as many as FRS at r = 0 and 1, fewer at r = 2.
const below = record('ranmask', [[0, 0, 1, 1], [1, 1, 1, 1], [1, 1, 0, 0], [1, -1, -1, 0]]);

describe('FRS targets', () => {
  it('gives the clean difference with its paired standard error, and the attack share against half the undefended rate', () => {
    const v = targetVerdicts(frs, [below]);
    // Per sentence, vote right minus victim right: 1, 0, 0, 0. Mean 0.25; sample variance 0.25; SE sqrt(0.25 / 4) = 0.25.
    expect(v.clean.frs).toBe(0.75);
    expect(v.clean.victim).toBe(0.5);
    expect(v.clean.difference.value).toBeCloseTo(0.25, 12);
    expect(v.clean.difference.standardError).toBeCloseTo(0.25, 12);
    expect(v.clean.limit).toBeCloseTo(0.47, 12);
    expect(v.clean.met).toBe(true);
    expect(v.clean.marginSE).toBeCloseTo(0.28 / 0.25, 12);
    // 2 of 5 triggered negatives called positive: 0.4, SE sqrt(0.4 * 0.6 / 5); limit 0.9 / 2.
    expect(v.attack.frs.value).toBe(0.4);
    expect(v.attack.frs.standardError).toBeCloseTo(Math.sqrt(0.048), 12);
    expect(v.attack.limit).toBe(0.45);
    expect(v.attack.met).toBe(true);
    expect(v.attack.marginSE).toBeCloseTo(0.05 / Math.sqrt(0.048), 12);
    expect(v.attack.victimOnSample).toBe(1);
  });

  it('asks for at least the baseline at r = 0 and 1 and strictly more at r = 2', () => {
    const v = targetVerdicts(frs, [below]);
    expect(v.certified.byRadius.map((r) => r.frs)).toEqual([0.75, 0.5, 0.25]);
    expect(v.certified.byRadius.map((r) => r.baselines[0].accuracy)).toEqual([0.75, 0.5, 0]);
    // r = 0: differences 0, 0, -1, 1: mean 0, sample variance 2/3, SE sqrt(2/3 / 4).
    expect(v.certified.byRadius[0].baselines[0].difference.standardError).toBeCloseTo(Math.sqrt(2 / 3 / 4), 12);
    expect(v.certified.met).toBe(true);
    // A baseline as good at r = 2 is not strictly below: not met. One better at r = 1: not met.
    const equalAt2 = record('random-edit', [[0, 0, 2, 1], [1, 1, 1, 1], [0, -1, -1, 0], [0, 0, 0, 0]]);
    expect(targetVerdicts(frs, [below, equalAt2]).certified.met).toBe(false);
    const aboveAt1 = record('random-edit', [[0, 0, 1, 1], [1, 1, 1, 1], [1, 1, 1, 0], [1, -1, -1, 0]]);
    expect(targetVerdicts(frs, [aboveAt1]).certified.met).toBe(false);
  });

  it('fails the clean target 25 points below the victim and the attack target above half its rate', () => {
    // The vote right on sentences 1 and 2, the victim on 1, 2 and 3.
    const worse = record('frs', [[0, 0, 0, 0], [1, 1, 0, 1], [0, -1, -1, 1], [1, -1, -1, 1]], [1, 1, 1, 0, 0]);
    const v = targetVerdicts(worse, [below]);
    expect(v.clean.difference.value).toBeCloseTo(0.5 - 0.75, 12);
    expect(v.clean.met).toBe(false);
    expect(v.attack.frs.value).toBe(0.6);
    expect(v.attack.met).toBe(false);
  });
});

describe('certify targets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-targets-'));
  const file = (name: string, r: CertifyRecord) => { const f = join(dir, name); writeFileSync(f, JSON.stringify(r)); return f; };

  it('prints the verdicts of certify results on the same sentences', async () => {
    out.length = 0;
    expect(await main(['certify', 'targets', file('frs.json', frs), file('ranmask.json', below)])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/clean accuracy: frs's vote 75\.0% vs the victim's 50\.0% on 4 sentences \(limit 47\.0%\).*met/);
    expect(text).toMatch(/strictly above at r >= 2: met/);
    expect(text).toMatch(/calls 40\.0% .* of 5 triggered negatives positive .* limit 45\.0%: met/);
  });

  it('refuses a baseline certified on other sentences, naming its file', async () => {
    err.length = 0;
    const other = { ...below, perSentence: below.perSentence.slice(0, 3) };
    const f = file('other.json', other);
    expect(await main(['certify', 'targets', file('frs.json', frs), f])).toBe(1);
    expect(err.join('\n')).toContain(`${f}: its 3 sentences are not the 4 of`);
  });

  it('refuses a file that is not a certify result', async () => {
    err.length = 0;
    const f = join(dir, 'plain.json');
    writeFileSync(f, '{"method": "frs"}');
    expect(await main(['certify', 'targets', f, f])).toBe(1);
    expect(err.join('\n')).toMatch(/plain\.json.*no perSentence, triggeredPerSentence, attackSuccessRate: not a certify result/);
  });
});
