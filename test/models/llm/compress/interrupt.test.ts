// `moe carve` and `prune fuse` keep nothing across runs: stopped by Ctrl-C or a plain kill (held at
// a known point by a pause point), they exit 130 / 143, write no output, and say that nothing was kept
// rather than promise a resume from cache.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killCliChildren, runCli } from '../../../helpers/signal-child.ts';
import { writeTinyCheckpoint } from '../tiny-checkpoint.ts';

const dir = mkdtempSync(join(tmpdir(), 'tessera-compress-stop-'));
const ckpt = writeTinyCheckpoint(dir, Array.from({ length: 60 }, (_, i) => `A dog number ${i} ran to the hill. It saw ${i % 5} birds and a tree.`));

afterAll(() => {
  killCliChildren();
  rmSync(dir, { recursive: true, force: true });
});

describe('moe carve and prune fuse at Ctrl-C and a plain kill', () => {
  it('exit 130 / 143 with no output and say that nothing was kept', async () => {
    const common = ['--checkpoint', ckpt, '--calibration', '1', '--tokens', '31', '--decode', '2', '--prompt', '4'];
    for (const [args, pauseAt, signal, code] of [
      [['moe', 'carve', '--config', 'S2A2E8', '--group', '8', '--finetune-context', '16'], 'cmoe calibration', 'SIGINT', 130],
      [['prune', 'fuse', '--rate', '0.5', '--steps', '1', '--batch', '1', '--context', '8'], 'fuse dense perplexity', 'SIGTERM', 143],
    ] as const) {
      const out = join(dir, `${args[0]}-out`), json = join(dir, `${args[0]}.json`);
      const r = await runCli([...args, ...common, '--out', out, '--json', json], {}, pauseAt, signal);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toMatch(new RegExp(`interrupted: nothing was kept \\(${args.slice(0, 2).join(' ')} caches no partial results\\)`));
      expect(r.stderr).not.toMatch(/cached; rerun/);
      expect(existsSync(out) || existsSync(json)).toBe(false);
    }
  });
});
