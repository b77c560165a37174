// certify's --from/--sentences and --negatives-from/--negatives: a range of the split's sample, refused by flag when it does not fit.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main.ts';
import { sampleRange } from '../../../../models/llm/robust/index.ts';
import { UserError } from '../../../../util/index.ts';
import { captureConsole } from '../../../helpers/console-capture.ts';

const { err } = captureConsole();

describe('a range of a sample', () => {
  const items = Array.from({ length: 10 }, (_, i) => `s${i + 1}`);

  it('is items from..from+count-1, 1-based, as a plain loop picks them', () => {
    for (let from = 1; from <= 10; from++) {
      for (let count = 0; from + count - 1 <= 10; count++) {
        const expected: string[] = [];
        for (let k = from; k < from + count; k++) expected.push(`s${k}`);
        expect(sampleRange(items, { from, count }, 'sentences', '--from', '--sentences')).toEqual(expected);
      }
    }
  });

  it('refuses a range past the end or before the start, naming the flag and the fix', () => {
    const refused = (from: number, count: number) => {
      try { sampleRange(items, { from, count }, 'test sentences', '--from', '--sentences'); } catch (e) { return e as UserError; }
      throw new Error(`range ${from}+${count} accepted`);
    };
    const past = refused(9, 3);
    expect(past).toBeInstanceOf(UserError);
    expect(past.where).toBe('--from');
    expect(past.message).toBe('test sentences 9 to 11 reach past the 10 there are');
    expect(past.fix).toBe('give --from at most 8 or a smaller --sentences');
    expect(refused(1, 11).fix).toBe('give --sentences at most 10');
    expect(refused(0, 2).where).toBe('--from');
    expect(refused(1, -1).where).toBe('--sentences');
  });
});

describe('certify ranges on a data folder', () => {
  // Four test sentences (two negative), a dev and a training file: enough for the ranges to be checked before any model is built.
  const data = mkdtempSync(join(tmpdir(), 'tessera-range-'));
  mkdirSync(join(data, 'sst2'));
  const tsv = (rows: [string, number][]) => `sentence\tlabel\n${rows.map(([t, l]) => `${t}\t${l}`).join('\n')}\n`;
  writeFileSync(join(data, 'sst2', 'train.tsv'), tsv([['good film', 1], ['bad film', 0]]));
  writeFileSync(join(data, 'sst2', 'dev.tsv'), tsv([['fine', 1], ['dull', 0]]));
  writeFileSync(join(data, 'sst2', 'test.tsv'), tsv([['a b', 1], ['c d', 0], ['e f', 1], ['g h', 0]]));

  it('refuses sentences past the test sample with --from named', async () => {
    err.length = 0;
    expect(await main(['certify', '--method', 'ranmask', '--data', data, '--from', '3', '--sentences', '3', '--negatives', '1'])).toBe(1);
    expect(err.join('\n')).toMatch(/--from.*test sentences 3 to 5 reach past the 4 there are.*give --from at most 2 or a smaller --sentences/s);
  });

  it('refuses negatives past the test sample\'s negatives with --negatives-from named', async () => {
    err.length = 0;
    expect(await main(['certify', '--method', 'ranmask', '--data', data, '--sentences', '2', '--negatives-from', '2', '--negatives', '2'])).toBe(1);
    expect(err.join('\n')).toMatch(/--negatives-from.*test negatives 2 to 3 reach past the 2 there are/s);
  });

  it('takes --negatives from --sentences by default, so 4 sentences cannot bring 4 of 2 negatives', async () => {
    err.length = 0;
    expect(await main(['certify', '--method', 'ranmask', '--data', data, '--sentences', '4'])).toBe(1);
    expect(err.join('\n')).toMatch(/--negatives-from.*test negatives 1 to 4 reach past the 2 there are.*give --negatives at most 2/s);
  });
});
