// For kv command tests: a tiny checkpoint (writeTinyCheckpoint's, on short story lines) written
// before the file's tests, with a fresh result cache, both removed (and the cache setting restored)
// after them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { writeTinyCheckpoint } from '../tiny-checkpoint.ts';

export function tinyCheckpointFixture(prefix: string): { dir: string; ckpt: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const savedCache = process.env.TESSERA_CACHE;
  beforeAll(() => {
    writeTinyCheckpoint(dir, Array.from({ length: 80 }, (_, i) => `Once upon a time a cat number ${i} found a ball. It was red and ${i % 7} feet wide.`));
    process.env.TESSERA_CACHE = join(dir, 'cache');
  });
  afterAll(() => {
    if (savedCache === undefined) delete process.env.TESSERA_CACHE;
    else process.env.TESSERA_CACHE = savedCache;
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, ckpt: join(dir, 'model') };
}
