// A real training command (`tessera lso train` on a small synthetic recipe data set) stopped by a
// plain kill and by Ctrl-C inside the shared training loop: each is held at a known training step by
// a pause point (not raced against a clock), then signalled. The loop stops at that very step (its
// message names the epoch and batch), the command exits 143 / 130 without writing its outputs, and
// a rerun keeps what was finished (the first method's model) and completes.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killCliChildren, runCli } from '../../helpers/signal-child.ts';
import { writeSyntheticDataset } from '../qor/lsoformer/synthetic-data.ts';

const work = mkdtempSync(join(tmpdir(), 'tessera-train-interrupt-'));
const models = join(work, 'models');
afterAll(() => {
  killCliChildren();
  rmSync(work, { recursive: true, force: true });
});

const args = (data: string) => ['lso', 'train', '--data', data, '--out', models, '--split', 'case1', '--methods', 'lsoformer,lostin', '--quick'];

const modelFile = (method: string) => join(models, 'case1', method, 'checkpoint.json');

describe('the training loop stops at Ctrl-C and a plain kill', () => {
  it('exits 143 / 130 at the signalled step with no outputs, and a rerun resumes', async () => {
    const data = writeSyntheticDataset(work);

    // A plain kill at the first method's second step: exit 143, nothing written.
    const killed = await runCli(args(data), {}, 'train lsoformer step 2', 'SIGTERM');
    expect(killed.code, killed.stderr).toBe(143);
    expect(killed.stderr).toMatch(/train lsoformer interrupted (in epoch 1 after batch 2 of|after epoch 1)/);
    expect(existsSync(modelFile('lsoformer'))).toBe(false);
    expect(existsSync(join(models, 'metrics.json'))).toBe(false);

    // Ctrl-C at the second method's second step: exit 130; the first method's model is kept, the second not written.
    const stopped = await runCli(args(data), {}, 'train lostin step 2', 'SIGINT');
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(/train lostin interrupted (in epoch 1 after batch 2 of|after epoch 1)/);
    expect(existsSync(modelFile('lsoformer'))).toBe(true);
    expect(existsSync(modelFile('lostin'))).toBe(false);
    expect(existsSync(join(models, 'metrics.json'))).toBe(false);
    const kept = readFileSync(modelFile('lsoformer'), 'utf8');

    // The rerun reuses the finished model and trains the rest.
    const rerun = await runCli(args(data));
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain(`case1/lsoformer: from ${join(models, 'case1', 'lsoformer')}`);
    expect(readFileSync(modelFile('lsoformer'), 'utf8')).toBe(kept);
    expect(existsSync(modelFile('lostin'))).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(join(models, 'metrics.json'), 'utf8')).splits[0].methods)).toEqual(['lsoformer', 'lostin']);
  }, 300_000);
});
