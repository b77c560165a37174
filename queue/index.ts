// Work across machines: a job queue on Redis (BullMQ). Domain code never imports this folder; the
// CLI hands a domain an executor built on it, and registers the job kinds a worker runs.
export { redisTarget, type RedisTarget } from './connection.ts';
export { QueueClient, connectChecked, type EnqueueOptions } from './queue-client.ts';
export { startQueueWorker, type QueueWorkerOptions, type RunningWorker } from './queue-worker.ts';
export { queueStatus, type KindStatus } from './status.ts';
export { PermanentJobError, type JobHandler, type PinnedVersions } from './job.ts';
