// The worker's side: one BullMQ worker per registered job kind, taking jobs from Redis on any
// machine that reaches it. A killed worker's jobs are found by BullMQ's stalled-job check (their lock
// is no longer renewed) and handed to another worker, up to a bounded number of times.
import { hostname } from 'node:os';
import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { unpackBlobs } from './blobs.ts';
import { PermanentJobError, QUEUE_PREFIX, isEnvelope, queueName, type JobHandler } from './job.ts';
import { bullConnection, type RedisTarget } from './connection.ts';

export interface QueueWorkerOptions {
  target: RedisTarget;
  handlers: Readonly<Record<string, JobHandler>>;
  /** Jobs run at once per kind (the handler's own pool decides how they share the cores). */
  concurrency: number;
  /** A job whose lock is not renewed for this long counts as stalled and is retried elsewhere. */
  lockSeconds?: number;
  /** Called as each job ends, for the worker's log. */
  onJob?: (kind: string, id: string, outcome: 'done' | 'failed', detail: string) => void;
}

export interface RunningWorker {
  readonly name: string;
  close(): Promise<void>;
}

export function startQueueWorker(options: QueueWorkerOptions): RunningWorker {
  const name = `${hostname()}:${process.pid}`;
  const lockMs = Math.round((options.lockSeconds ?? 30) * 1000);
  const blobs = new Map<string, string>();
  // Its own connection for the inputs stored by hash (BullMQ's are busy with blocking reads).
  const redis = new Redis({ ...options.target.options });
  redis.on('error', () => undefined); // reconnection is retried; BullMQ's own 'error' events are logged below
  const workers = Object.entries(options.handlers).map(([kind, handler]) => {
    const worker: Worker = new Worker(
      queueName(kind),
      async (job) => {
        // The queue name already fixes the kind; a job named otherwise was not made by Tessera.
        if (job.name !== kind) throw new UnrecoverableError(`job ${job.id} is of kind '${job.name}', not '${kind}'`);
        if (!isEnvelope(job.data)) throw new UnrecoverableError(`job ${job.id} is not a Tessera job envelope`);
        const refusal = await handler.refuse(job.data.requires);
        // Not permanent: another worker may have the pinned versions.
        if (refusal) throw new Error(`worker ${name} refused the job: ${refusal}`);
        const payload = await unpackBlobs(redis, QUEUE_PREFIX, job.data.payload, blobs);
        try {
          return await handler.run(payload);
        } catch (e) {
          if (e instanceof PermanentJobError) throw new UnrecoverableError(e.message);
          throw e;
        }
      },
      {
        connection: bullConnection(options.target),
        prefix: QUEUE_PREFIX,
        concurrency: options.concurrency,
        name,
        lockDuration: lockMs,
        stalledInterval: Math.max(500, Math.round(lockMs / 2)),
        maxStalledCount: 2,
      },
    );
    worker.on('completed', (job) => options.onJob?.(kind, String(job.id), 'done', ''));
    worker.on('failed', (job, e) => job && options.onJob?.(kind, String(job.id), 'failed', e.message));
    // Connection trouble (Redis restarting) is retried by ioredis; log it rather than crash.
    worker.on('error', (e) => options.onJob?.(kind, '-', 'failed', `queue connection: ${e.message}`));
    return worker;
  });
  return {
    name,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      for (const h of Object.values(options.handlers)) await h.close?.();
      redis.disconnect();
    },
  };
}
