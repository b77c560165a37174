// The queue layer with an in-process worker and a test job kind: jobs identified by content hash
// (enqueueing twice runs once, a finished job is not run again), large inputs by hash, pinned
// versions refused, permanent errors not retried, crashes retried a bounded number of times.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentJobError, QueueClient, redisTarget, startQueueWorker, type JobHandler, type RunningWorker } from '../../queue/index.ts';
import { UserError, contentHash, isUserError } from '../../util/index.ts';
import { missingTool, skipReason } from '../helpers/requirements.ts';
import { TestRedis } from './redis-server.ts';

const skip = skipReason(missingTool('redis-server'));

interface Echo {
  text: string;
  fail?: 'permanent' | 'transient';
}

describe.skipIf(skip)('queue layer on a private redis-server', () => {
  let dir: string;
  let redis: TestRedis;
  let client: QueueClient;
  let worker: RunningWorker;
  const runs = new Map<string, number>();
  const handler: JobHandler = {
    async refuse(requires) {
      return requires.tool === 'v1' ? undefined : `it runs tool v1, the job needs ${requires.tool}`;
    },
    async run(payload) {
      const p = payload as Echo;
      runs.set(p.text.slice(0, 20), (runs.get(p.text.slice(0, 20)) ?? 0) + 1);
      if (p.fail === 'permanent') throw new PermanentJobError('this input can never work');
      if (p.fail === 'transient') throw new Error('flaky');
      return { length: p.text.length, hash: contentHash(p.text) };
    },
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-queue-'));
    redis = await TestRedis.start(dir);
    const target = redisTarget(redis.url);
    client = await QueueClient.connect(target);
    worker = startQueueWorker({ target, handlers: { echo: handler }, concurrency: 2, lockSeconds: 2 });
  });
  afterAll(async () => {
    await worker?.close();
    await client?.close();
    await redis?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const job = (text: string, extra: Partial<Echo> = {}) => ({ text, ...extra });

  it('runs a job once however often it is enqueued, and returns the stored result afterwards', async () => {
    const payload = job('alpha-once');
    const key = contentHash(payload);
    const [a, b] = await Promise.all([client.run('echo', key, payload, { requires: { tool: 'v1' } }), client.run('echo', key, payload, { requires: { tool: 'v1' } })]);
    expect(a).toEqual({ length: 10, hash: contentHash('alpha-once') });
    expect(b).toEqual(a);
    expect(await client.run('echo', key, payload, { requires: { tool: 'v1' } })).toEqual(a);
    expect(runs.get('alpha-once')).toBe(1);
  });

  it('carries a large input by content hash and hands the worker the same text', async () => {
    const big = 'x'.repeat(200_000) + 'tail';
    const result = await client.run<{ length: number; hash: string }>('echo', 'big-input', job(big), { requires: { tool: 'v1' } });
    expect(result).toEqual({ length: big.length, hash: contentHash(big) });
  });

  it('a worker without the pinned version refuses; the job fails with its reason after the bounded attempts', async () => {
    await expect(client.run('echo', 'pinned-v2', job('pinned'), { requires: { tool: 'v2' }, attempts: 2 })).rejects.toThrow(/refused the job: it runs tool v1, the job needs v2/);
    expect(runs.get('pinned')).toBeUndefined();
  });

  it('a permanent error is not retried; a transient one is, up to the attempts', async () => {
    await expect(client.run('echo', 'perm', job('perm-1', { fail: 'permanent' }), { requires: { tool: 'v1' }, attempts: 3 })).rejects.toThrow(/can never work/);
    expect(runs.get('perm-1')).toBe(1);
    await expect(client.run('echo', 'flaky', job('flaky-1', { fail: 'transient' }), { requires: { tool: 'v1' }, attempts: 3 })).rejects.toThrow(/flaky/);
    expect(runs.get('flaky-1')).toBe(3);
  });
});

describe('Redis URLs', () => {
  it('reads host, port, user, password, database and TLS options', () => {
    const t = redisTarget('rediss://alice:s%40cret@redis.example:6380/3?servername=redis.example&insecure=1');
    expect(t.options).toMatchObject({ host: 'redis.example', port: 6380, username: 'alice', password: 's@cret', db: 3, tls: { servername: 'redis.example', rejectUnauthorized: false } });
    expect(t.display).not.toContain('cret');
    expect(redisTarget('redis://127.0.0.1').options).toMatchObject({ host: '127.0.0.1', port: 6379 });
    expect(redisTarget('redis://127.0.0.1').options.tls).toBeUndefined();
  });

  it('names the flag and the fix on every malformed URL', () => {
    for (const bad of ['localhost:6379', 'http://h:1', 'redis://h/x', 'redis://h?ca=/x', 'rediss://h?nosuch=1', 'rediss://h?ca=/nonexistent.pem']) {
      let error: unknown;
      try {
        redisTarget(bad, '--queue');
      } catch (e) {
        error = e;
      }
      expect(isUserError(error), bad).toBe(true);
      expect((error as UserError).format()).toMatch(/^--queue: .+\(.+\)$/);
    }
  });
});
