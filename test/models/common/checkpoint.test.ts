import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Parameters, loadCheckpoint, saveCheckpoint, selectBackend, weightsFile } from '../../../models/common/index.ts';
import { isUserError } from '../../../util/index.ts';

beforeAll(async () => {
  await selectBackend(() => {});
});

describe('checkpoint files', () => {
  it('round-trips config and every weight bit for bit', () => {
    const p = new Parameters(7);
    p.add('enc/w', [3, 4]);
    p.add('enc/b', [4], { normal: 0.5 });
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
    saveCheckpoint(dir, { hidden: 4, name: 'test' }, p.snapshot());
    const { config, weights } = loadCheckpoint<{ hidden: number; name: string }>(dir);
    expect(config).toEqual({ hidden: 4, name: 'test' });
    for (const [name, w] of p.snapshot()) {
      expect(weights.get(name)!.shape).toEqual(w.shape);
      expect(Array.from(weights.get(name)!.data)).toEqual(Array.from(w.data));
    }
    const q = new Parameters(99);
    q.add('enc/w', [3, 4]);
    q.add('enc/b', [4]);
    q.restore(weights);
    expect(Array.from(q.get('enc/w').dataSync())).toEqual(Array.from(p.get('enc/w').dataSync()));
    p.dispose();
    q.dispose();
  });

  it('refuses a corrupted weights file and a missing folder with a user error', () => {
    const p = new Parameters(1);
    p.add('w', [2, 2]);
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
    saveCheckpoint(dir, {}, p.snapshot());
    const bin = readFileSync(join(dir, weightsFile));
    bin[0] ^= 0xff;
    writeFileSync(join(dir, weightsFile), bin);
    const expectUserError = (f: () => unknown, re: RegExp) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(isUserError(e)).toBe(true);
        expect((e as Error).message).toMatch(re);
      }
    };
    expectUserError(() => loadCheckpoint(dir), /do not match the hash/);
    expectUserError(() => loadCheckpoint(join(dir, 'nope')), /no checkpoint.json/);
    p.dispose();
  });
});
