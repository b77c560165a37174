// `tessera queue status`: what waits, runs, finished and failed per job kind, and which workers are
// connected, read from Redis alone (no coordinator needed).
import { Queue } from 'bullmq';
import { QUEUE_PREFIX, queueName } from './job.ts';
import { bullConnection, type RedisTarget } from './connection.ts';

export interface KindStatus {
  kind: string;
  waiting: number;
  active: number;
  done: number;
  failed: number;
  delayed: number;
  /** Worker names (host:pid) connected to this kind's queue. */
  workers: string[];
}

export async function queueStatus(target: RedisTarget, kinds: readonly string[]): Promise<KindStatus[]> {
  const out: KindStatus[] = [];
  for (const kind of kinds) {
    const queue = new Queue(queueName(kind), { connection: bullConnection(target), prefix: QUEUE_PREFIX });
    try {
      const c = await queue.getJobCounts('waiting', 'prioritized', 'active', 'completed', 'failed', 'delayed');
      // BullMQ names a worker's connection `<prefix>:<queue, base64>:w:<worker name>`.
      const workers = (await queue.getWorkers()).map((w) => String(w.rawname ?? w.name ?? '').split(':w:')[1] ?? String(w.addr ?? '?'));
      out.push({ kind, waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, done: c.completed ?? 0, failed: c.failed ?? 0, delayed: c.delayed ?? 0, workers });
    } finally {
      await queue.close();
    }
  }
  return out;
}
