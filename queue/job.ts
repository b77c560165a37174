// What a queued job is: a kind (one BullMQ queue per kind, so a worker takes only the kinds it
// registers), the tool versions its result depends on, and a JSON payload holding every input by
// value (large strings by content hash, see blobs.ts). Never a path: the worker may be elsewhere.

/** Tool versions a job's result depends on, e.g. `{ yosys: '0.55 (git sha1 ...)' }`. */
export type PinnedVersions = Readonly<Record<string, string>>;

export interface JobEnvelope {
  requires: PinnedVersions;
  payload: unknown;
}

/** What a worker registers for one kind of job. */
export interface JobHandler {
  /** Why this machine cannot honour the pinned versions (its own differ or are missing), or undefined. */
  refuse(requires: PinnedVersions): Promise<string | undefined>;
  run(payload: unknown): Promise<unknown>;
  close?(): Promise<void>;
}

/** A failure another attempt cannot fix (a time limit reached, a rejected input): not retried. */
export class PermanentJobError extends Error {}

/** Key prefix of everything the project keeps in Redis. */
export const QUEUE_PREFIX = 'tessera';

/** BullMQ queue name of a job kind. */
export const queueName = (kind: string) => `tessera-${kind}`;

export function isEnvelope(data: unknown): data is JobEnvelope {
  if (typeof data !== 'object' || data === null || !('requires' in data) || !('payload' in data)) return false;
  const requires = (data as JobEnvelope).requires;
  return typeof requires === 'object' && requires !== null && Object.values(requires).every((v) => typeof v === 'string');
}
