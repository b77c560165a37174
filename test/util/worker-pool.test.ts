import { afterAll, describe, expect, it } from 'vitest';
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

  it('stops a task that runs past its time limit, replaces its worker and keeps serving', async () => {
    const stuck = pool.run(99, { timeoutSeconds: 0.5 });
    const others = pool.map([5, 6, 7]);
    await expect(stuck).rejects.toThrow(WorkerTimeoutError);
    await expect(stuck).rejects.toThrow('task did not finish within 0.5 s');
    expect(await others).toEqual([25, 36, 49]);
    expect(await pool.run(8, { timeoutSeconds: 30 })).toBe(64);
  });
});
