// `moe carve` and `prune fuse` end to end on a tiny checkpoint: their outputs read back as
// checkpoints with their tokenizer; stopped by Ctrl-C or a plain kill (held at a known point by a
// pause point), they exit 130 / 143, write no output, and say that nothing was kept rather than
// promise a resume from cache.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main.ts';
import { loadModel } from '../../../../models/llm/index.ts';
import { captureConsole } from '../../../helpers/console-capture.ts';
import { killCliChildren, runCli } from '../../../helpers/signal-child.ts';
import { writeTinyCheckpoint } from '../tiny-checkpoint.ts';

const { err } = captureConsole();
const dir = mkdtempSync(join(tmpdir(), 'tessera-compress-stop-'));
const ckpt = writeTinyCheckpoint(dir, Array.from({ length: 60 }, (_, i) => `A dog number ${i} ran to the hill. It saw ${i % 5} birds and a tree.`));

afterAll(() => {
  killCliChildren();
  rmSync(dir, { recursive: true, force: true });
});

describe('moe carve and prune fuse', () => {
  it('write a checkpoint that reads back with its tokenizer, and the JSON with both decode kernels', async () => {
    const out = join(dir, 'carved'), json = join(dir, 'carved.json');
    const args = ['moe', 'carve', '--checkpoint', ckpt, '--config', 'S2A2E8', '--group', '8', '--finetune', '2', '--finetune-context', '16', '--balance-windows', '2', '--calibration', '2', '--tokens', '31', '--decode', '2', '--prompt', '4', '--representative', 'rate', '--out', out, '--json', json];
    expect(await main(args), err.join('\n')).toBe(0);
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.representative).toBe('rate');
    expect(r.loadBalance.balance).toEqual({ steps: 0, batch: 64, rate: 0.001, streamWindows: 2 });
    expect(r.array.fusedKernel.byKind.carved['router-gate-up'].cycles).toBeGreaterThan(0);
    expect(r.array.fusedKernel.ffnCyclesPerToken.dense).toBeLessThan(r.array.ffnCyclesPerToken.dense);
    expect(loadModel(out, undefined).tokenizer.id).toBe(loadModel(ckpt, undefined).tokenizer.id);
    const fused = join(dir, 'fused');
    expect(await main(['prune', 'fuse', '--checkpoint', ckpt, '--rate', '0.5', '--steps', '1', '--batch', '1', '--context', '8', '--calibration', '1', '--tokens', '31', '--decode', '2', '--prompt', '4', '--group', '16', '--fusion-lr', '1e-2', '--out', fused]), err.join('\n')).toBe(0);
    expect(loadModel(fused, undefined).weights.layers.length).toBe(1);
    const report = JSON.parse(readFileSync(join(fused, 'fuse.json'), 'utf8'));
    expect(report.finetune.fusionLr).toBe(1e-2);
    expect(report.finetune.distillation.fused[0].coefficient.meanAbs).toBeGreaterThan(0);
    expect(report.finetune.distillation.healedRemoval[0].coefficient).toBeNull();
    expect(await main(['moe', 'carve', '--checkpoint', ckpt, '--representative', 'median', '--out', join(dir, 'never')])).not.toBe(0);
    expect(err.join('\n')).toMatch(/--representative/);
  });

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
