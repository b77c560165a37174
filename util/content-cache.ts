import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { projectRoot } from './data-path.ts';

/** The cache folder: `TESSERA_CACHE`, else `.tessera-cache` in the repository. */
export function cacheDir(): string {
  return process.env.TESSERA_CACHE ?? join(projectRoot(), '.tessera-cache');
}

/** sha256 over a stable JSON encoding of `parts` (object keys sorted). */
export function contentHash(...parts: unknown[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' || p instanceof Uint8Array ? p : stableJson(p)).update('\0');
  return h.digest('hex');
}

export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * A JSON cache keyed by content hash. Entries are written atomically, so an interrupted job
 * keeps every finished entry and never sees a torn one. Include the tool version in the key.
 */
export class ContentCache<T> {
  constructor(private readonly namespace: string, private readonly dir = cacheDir()) {}

  private file(key: string): string {
    return join(this.dir, this.namespace, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): T | undefined {
    const f = this.file(key);
    if (!existsSync(f)) return undefined;
    try {
      return JSON.parse(readFileSync(f, 'utf8')) as T;
    } catch {
      return undefined; // unreadable entries are recomputed
    }
  }

  put(key: string, value: T): void {
    writeFileAtomic(this.file(key), JSON.stringify(value));
  }

  async getOrCompute(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const value = await compute();
    this.put(key, value);
    return value;
  }
}
