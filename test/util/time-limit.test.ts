// Time limits on the wall clock and on the test clock (a file of seconds), both driven by faked
// timers: the test, not the machine's load, decides when time passes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { startTimeLimit } from '../../util/index.ts';

const work = mkdtempSync(join(tmpdir(), 'tessera-time-limit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('startTimeLimit', () => {
  it('on the wall clock fires exactly when its seconds pass, and never once cancelled', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    vi.stubEnv('TESSERA_TEST_CLOCK', '');
    let fired = 0;
    startTimeLimit(2, () => fired++);
    const cancelled = startTimeLimit(2, () => fired++);
    cancelled.cancel();
    vi.advanceTimersByTime(1999);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(fired).toBe(1);
  });

  it('on the test clock fires when the file says its seconds have passed since it started, however much real time passes', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const clock = join(work, 'clock');
    writeFileSync(clock, '5');
    vi.stubEnv('TESSERA_TEST_CLOCK', clock);
    const fired: string[] = [];
    startTimeLimit(10, () => fired.push('ten'));
    startTimeLimit(30, () => fired.push('thirty'));
    const cancelled = startTimeLimit(1, () => fired.push('cancelled'));
    cancelled.cancel();
    // A minute of real time on a stopped test clock: nothing.
    vi.advanceTimersByTime(60_000);
    expect(fired).toEqual([]);
    // 14.9 s on the test clock is 9.9 s after the limits started.
    writeFileSync(clock, '14.9');
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([]);
    writeFileSync(clock, '15');
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual(['ten']);
    // A half-written or garbled clock reads as 0, which expires nothing.
    writeFileSync(clock, '');
    vi.advanceTimersByTime(1000);
    writeFileSync(clock, '35');
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual(['ten', 'thirty']);
    vi.advanceTimersByTime(10_000);
    expect(fired).toEqual(['ten', 'thirty']);
  });
});
