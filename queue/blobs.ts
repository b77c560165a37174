// Large inputs travel once: a string over BLOB_BYTES inside a job payload (a Liberty library, a big
// netlist) is stored in Redis under its content hash and the payload carries `{ $blob: hash }`.
// Every job of a build then refers to the same library instead of copying it, and a worker fetches
// each blob once. Payloads stay plain JSON: nothing in them is ever evaluated.
import type { Redis } from 'ioredis';
import { contentHash } from '../util/index.ts';

const BLOB_BYTES = 64 * 1024;
/** Blobs outlive any build that still refers to them (refreshed on every store). */
const BLOB_SECONDS = 7 * 24 * 3600;

interface BlobRef {
  $blob: string;
}

const blobKey = (prefix: string, hash: string) => `${prefix}:blob:${hash}`;

function isBlobRef(v: unknown): v is BlobRef {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as BlobRef).$blob === 'string';
}

/** Replaces every large string in `value` by a reference, storing the string (once per hash). */
export async function packBlobs(redis: Redis, prefix: string, value: unknown): Promise<unknown> {
  if (typeof value === 'string') {
    if (value.length < BLOB_BYTES) return value;
    const hash = contentHash(value);
    await redis.set(blobKey(prefix, hash), value, 'EX', BLOB_SECONDS);
    return { $blob: hash } satisfies BlobRef;
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => packBlobs(redis, prefix, v)));
  if (typeof value === 'object' && value !== null) {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await packBlobs(redis, prefix, v)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

/** The inverse of packBlobs; `local` keeps fetched blobs for the worker's later jobs. */
export async function unpackBlobs(redis: Redis, prefix: string, value: unknown, local: Map<string, string>): Promise<unknown> {
  if (isBlobRef(value)) {
    let text = local.get(value.$blob);
    if (text === undefined) {
      const stored = await redis.get(blobKey(prefix, value.$blob));
      if (stored === null) throw new Error(`input ${value.$blob.slice(0, 12)} is no longer in Redis (expired or flushed); enqueue the job again`);
      if (contentHash(stored) !== value.$blob) throw new Error(`input ${value.$blob.slice(0, 12)} in Redis does not match its hash`);
      local.set(value.$blob, (text = stored));
    }
    return text;
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => unpackBlobs(redis, prefix, v, local)));
  if (typeof value === 'object' && value !== null) {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await unpackBlobs(redis, prefix, v, local)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}
