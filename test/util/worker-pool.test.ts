import { afterAll, describe, expect, it, vi } from 'vitest';
import { WorkerPool, WorkerTaskError, WorkerTimeoutError } from '../../util/index.ts';

describe('WorkerPool', () => {
  const pool = new WorkerPool<number, number>(new URL('./fixtures/square-task.ts', import.meta.url), 2);
  afterAll(() => pool.close());

  it('runs tasks in workers and keeps input order', async () => {
    const inputs = Array.from({ length: 12 }, (_, i) => i);
    expect(await pool.map(inputs)).toEqual(inputs.map((i) => i * i));
  });

  it('re-raises a task error with its message', async () => {
    await expect(pool.run(-2)).rejects.toThrow(WorkerTaskError);
    await expect(pool.run(-2)).rejects.toThrow('negative input -2');
  });

  it('replaces a worker that dies and keeps serving', async () => {
    await expect(pool.run(13)).rejects.toThrow(/exited with code 3/);
    expect(await pool.map([2, 3, 4])).toEqual([4, 9, 16]);
  });

  // The limit runs on faked timers: the test, not the machine's load, decides when time passes.
  it('stops a task exactly when its time limit passes, replaces its worker and keeps serving', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let settled = false;
      const stuck = pool.run(99, { timeoutSeconds: 0.5 });
      stuck.then(() => (settled = true), () => (settled = true));
      // The other worker serves these while the stuck one spins and no time passes.
      expect(await pool.map([5, 6, 7])).toEqual([25, 36, 49]);
      expect(settled).toBe(false);
      vi.advanceTimersByTime(499);
      await Promise.resolve();
      expect(settled).toBe(false);
      vi.advanceTimersByTime(1);
      await expect(stuck).rejects.toThrow(WorkerTimeoutError);
      await expect(stuck).rejects.toThrow('task did not finish within 0.5 s');
      // The replacement worker serves; its limit never passes, so only finishing can settle it.
      expect(await pool.map([8, 9])).toEqual([64, 81]);
      expect(await pool.run(10, { timeoutSeconds: 30 })).toBe(100);
    } finally {
      vi.useRealTimers();
    }
  });
});
