import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentCache, contentHash, writeFileAtomic } from '../../util/index.ts';

describe('contentHash', () => {
  it('ignores object key order and separates parts', () => {
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
    expect(contentHash('ab', 'c')).not.toBe(contentHash('a', 'bc'));
  });
});

describe('ContentCache', () => {
  it('computes once and then serves from disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-cache-'));
    let calls = 0;
    const compute = async () => ({ n: ++calls });
    expect(await new ContentCache<{ n: number }>('t', dir).getOrCompute('k1', compute)).toEqual({ n: 1 });
    expect(await new ContentCache<{ n: number }>('t', dir).getOrCompute('k1', compute)).toEqual({ n: 1 });
    expect(calls).toBe(1);
  });
});

describe('writeFileAtomic', () => {
  it('leaves only the final file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-atomic-'));
    writeFileAtomic(join(dir, 'sub', 'out.txt'), 'hello');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['out.txt']);
    expect(readFileSync(join(dir, 'sub', 'out.txt'), 'utf8')).toBe('hello');
  });
});
