// certify and llm finetune refuse inconsistent smoothing flags with one located line, before any model is read.
import { describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main.ts';
import { captureConsole } from '../../../helpers/console-capture.ts';

const { err } = captureConsole();

describe('smoothing flags', () => {
  it('certify: FRS\'s targeted rate must not be below the base rate', async () => {
    err.length = 0;
    expect(await main(['certify', '--method', 'frs', '--rate', '0.8', '--targeted-rate', '0.5'])).toBe(1);
    expect(err.join('\n')).toMatch(/--targeted-rate.*0\.5 is below --rate 0\.8/s);
  });

  it('certify: the sentences come from the test sample, the dev sample or the held-out test sentences only', async () => {
    err.length = 0;
    expect(await main(['certify', '--method', 'ranmask', '--split', 'train'])).toBe(1);
    expect(err.join('\n')).toMatch(/--split/);
  });

  it('certify: the logit shift is two numbers, negative and positive', async () => {
    err.length = 0;
    expect(await main(['certify', '--method', 'frs', '--logit-shift', '0.3'])).toBe(1);
    expect(err.join('\n')).toMatch(/--logit-shift.*two numbers.*got '0\.3'/s);
  });

  it('llm finetune: the mask rate must be in [0, 1)', async () => {
    err.length = 0;
    expect(await main(['llm', 'finetune', '--task', 'sst2', '--out', 'unused', '--mask-rate', '1'])).toBe(1);
    expect(err.join('\n')).toMatch(/--mask-rate.*must be in \[0, 1\), got 1/s);
  });
});
