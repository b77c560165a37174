// The coordinator's side: enqueue a job under its content hash and wait for its result. The hash is
// the BullMQ job id, so enqueueing the same inputs twice adds nothing, a job another coordinator (or
// an earlier run of this one) enqueued is simply awaited, and a finished job's result is read back
// instead of being run again.
import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { UserError } from '../util/index.ts';
import { packBlobs } from './blobs.ts';
import { QUEUE_PREFIX, queueName, type JobEnvelope, type PinnedVersions } from './job.ts';
import { bullConnection, type RedisTarget } from './connection.ts';

export interface EnqueueOptions {
  requires: PinnedVersions;
  /** Runs of the job before it is recorded as failed (crashes and stalls count too). */
  attempts?: number;
}

/** Finished jobs stay this long in Redis, so a restarted coordinator finds their results. */
const KEEP_SECONDS = 7 * 24 * 3600;
/** How often a waiting coordinator checks that its job still exists. */
const CHECK_MS = 30_000;

export class QueueClient {
  private readonly queues = new Map<string, { queue: Queue; events: QueueEvents }>();

  private constructor(private readonly target: RedisTarget, private readonly redis: Redis) {}

  /** Connects and checks Redis answers; a clear error (naming `flag`) when it does not. */
  static async connect(target: RedisTarget, flag = '--queue'): Promise<QueueClient> {
    return new QueueClient(target, await connectChecked(target, flag));
  }

  private channel(kind: string) {
    let c = this.queues.get(kind);
    if (!c) {
      const connection = bullConnection(this.target);
      c = { queue: new Queue(queueName(kind), { connection, prefix: QUEUE_PREFIX }), events: new QueueEvents(queueName(kind), { connection, prefix: QUEUE_PREFIX }) };
      // Every waiting job listens for the queue closing: thousands at once in a large build.
      c.queue.setMaxListeners(0);
      this.queues.set(kind, c);
    }
    return c;
  }

  /** Runs `payload` as job `key` of `kind` on whichever worker takes it; rejects with the job's final error. */
  async run<O>(kind: string, key: string, payload: unknown, options: EnqueueOptions): Promise<O> {
    const { queue, events } = this.channel(kind);
    for (let pass = 0; ; pass++) {
      let job = (await Job.fromId(queue, key)) as Job<JobEnvelope> | undefined;
      if (job && (await job.getState()) === 'failed') {
        // A failure recorded by an earlier build is retried, as a local build retries its failures;
        // one seen while waiting is this build's answer.
        if (pass > 0) throw new Error(job.failedReason);
        await job.retry('failed');
      }
      job ??= await queue.add(kind, { requires: options.requires, payload: await packBlobs(this.redis, QUEUE_PREFIX, payload) } satisfies JobEnvelope, {
        jobId: key,
        attempts: options.attempts ?? 3,
        backoff: { type: 'fixed', delay: 500 },
        removeOnComplete: { age: KEEP_SECONDS },
        removeOnFail: { age: KEEP_SECONDS },
      });
      try {
        return (await job.waitUntilFinished(events, CHECK_MS)) as O;
      } catch (e) {
        // Look again now and then: a job lost with the last writes before a Redis crash is added again.
        if (!/timed out before finishing/.test((e as Error).message)) throw e;
      }
    }
  }

  async close(): Promise<void> {
    for (const { queue, events } of this.queues.values()) await Promise.all([events.close(), queue.close()]);
    this.redis.disconnect();
  }
}

/** A plain connection, with a located error when Redis cannot be reached within a few seconds. */
export async function connectChecked(target: RedisTarget, flag: string): Promise<Redis> {
  const redis = new Redis({ ...target.options, lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    redis.disconnect();
    throw new UserError(`cannot reach Redis at ${target.display}: ${(e as Error).message}`, flag, 'start redis-server there (see docs/scale-out.md) or correct the host, port and password');
  }
  // Reconnect patiently from now on: a Redis restart must not end a build (ioredis reports each
  // failed reconnection as an 'error' event; the commands themselves wait and succeed later).
  redis.on('error', () => undefined);
  redis.options.retryStrategy = target.options.retryStrategy;
  redis.options.maxRetriesPerRequest = null;
  return redis;
}
