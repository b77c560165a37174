// merge compare refuses an unknown method with one located line, before any model is read.
import { describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main.ts';
import { captureConsole } from '../../../helpers/console-capture.ts';

const { err } = captureConsole();

describe('merge compare flags', () => {
  it('--methods takes only known methods', async () => {
    err.length = 0;
    expect(await main(['merge', 'compare', '--methods', 'lore,tie'])).toBe(1);
    expect(err.join('\n')).toMatch(/--methods.*unknown method\(s\) 'tie'.*task-arithmetic, ties, dare, lore/s);
  });
});
