// `moe carve` and `prune fuse` end to end on a tiny checkpoint: their outputs read back as
// checkpoints with their tokenizer; stopped by Ctrl-C or a plain kill (held at a known point by a
// pause point), they exit 130 / 143, write no output, and say that nothing was kept rather than
// promise a resume from cache.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main.ts';
import { ReferenceBackend } from '../../../../models/common/gemm/index.ts';
import { engineModel, generate, loadModel, type Block } from '../../../../models/llm/index.ts';
import { CarvedFeedForward } from '../../../../models/llm/compress/index.ts';
import { kvSetup } from '../../../../cli/commands/kv-common.ts';
import { captureConsole } from '../../../helpers/console-capture.ts';
import { killCliChildren, runCli } from '../../../helpers/signal-child.ts';
import { writeTinyCheckpoint } from '../tiny-checkpoint.ts';

const { out: log, err } = captureConsole();
const dir = mkdtempSync(join(tmpdir(), 'tessera-compress-stop-'));
const ckpt = writeTinyCheckpoint(dir, Array.from({ length: 60 }, (_, i) => `A dog number ${i} ran to the hill. It saw ${i % 5} birds and a tree.`));

afterAll(() => {
  killCliChildren();
  rmSync(dir, { recursive: true, force: true });
});

describe('moe carve and prune fuse', () => {
  it('write a checkpoint that reads back with its tokenizer, and the JSON with both decode kernels', async () => {
    const out = join(dir, 'carved'), json = join(dir, 'carved.json');
    const args = ['moe', 'carve', '--checkpoint', ckpt, '--config', 'S2A2E8', '--group', '8', '--finetune', '2', '--finetune-context', '16', '--balance-fit', '2', '--balance-steps', '20', '--balance-batch', '16', '--calibration', '2', '--tokens', '31', '--decode', '2', '--prompt', '4', '--representative', 'rate', '--out', out, '--json', json];
    expect(await main(args), err.join('\n')).toBe(0);
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.representative).toBe('rate');
    expect(r.loadBalance.balance).toEqual({ steps: 20, batch: 16, rate: 0.001, decay: 'linear', streamWindows: 0, fitWindows: 2, refitAfterFinetune: true });
    // Fitted again from zero after fine-tuning: 20 updates of +-0.001 (decaying) at most.
    for (const l of loadModel(out, undefined).moe!.layers) for (const b of l.bias) expect(Math.abs(b)).toBeLessThanOrEqual(0.02 + 1e-12);
    expect(r.array.fusedKernel.byKind.carved['router-gate-up'].cycles).toBeGreaterThan(0);
    expect(r.array.fusedKernel.ffnCyclesPerToken.dense).toBeLessThan(r.array.ffnCyclesPerToken.dense);
    expect(loadModel(out, undefined).tokenizer.id).toBe(loadModel(ckpt, undefined).tokenizer.id);
    // The carved, fine-tuned model reloads through the llm commands: eval scores the same windows
    // to the perplexity moe carve measured in memory, generate decodes with it, the kv commands run
    // it, and the commands that need a dense model refuse it by name.
    const evalJson = join(dir, 'carved-eval.json');
    expect(await main(['llm', 'eval', '--checkpoint', out, '--tokens', '31', '--workers', '1', '--json', evalJson]), err.join('\n')).toBe(0);
    expect(JSON.parse(readFileSync(evalJson, 'utf8')).perplexity).toBeCloseTo(r.perplexity.finetuned, 10);
    const carved = loadModel(out, undefined);
    const genJson = join(dir, 'carved-generate.json');
    expect(await main(['llm', 'generate', '--checkpoint', out, '--prompt', 'A dog', '--tokens', '5', '--temperature', '0', '--json', genJson]), err.join('\n')).toBe(0);
    const prompt = [carved.tokenizer.bos, ...carved.tokenizer.encode('A dog')];
    const model = engineModel(carved, new ReferenceBackend()), cache = model.newCache();
    model.forward(prompt.slice(0, -1), cache, { logits: 'none' });
    const greedy = generate(model, prompt.slice(-1), 5, { temperature: 0, topP: 1, seed: 1 }, [carved.tokenizer.bos, carved.tokenizer.eos], cache);
    expect(JSON.parse(readFileSync(genJson, 'utf8')).tokens).toEqual(greedy.tokens);
    expect(kvSetup({ checkpoint: out, array: '8x8', group: '8', check: 0 }, 1, 1).model.blocks.every((b) => (b as Block).ffn instanceof CarvedFeedForward)).toBe(true);
    expect(kvSetup({ checkpoint: ckpt, array: '8x8', group: '8', check: 0 }, 1, 1).costNote).toBeUndefined();
    // The kv commands cost the dense FFN: said in the output and the JSON.
    const kvJson = join(dir, 'carved-kv.json');
    expect(await main(['kv', 'compress', '--checkpoint', out, '--method', 'streaming', '--budget', '0.25', '--windows', '1', '--array', '8x8', '--group', '8', '--json', kvJson]), err.join('\n')).toBe(0);
    expect(JSON.parse(readFileSync(kvJson, 'utf8')).array.note).toMatch(/^the array cost is the dense model's: it books the dense FFN, not the S2A2E8 active experts'/);
    expect(log.join('\n')).toContain("note: the array cost is the dense model's");
    for (const command of [['prune', 'fuse', '--out', join(dir, 'never')], ['moe', 'carve', '--out', join(dir, 'never')], ['llm', 'profile', '--on', 'mixpe-w4a8', '--context', '8']]) {
      expect(await main([...command, '--checkpoint', out])).not.toBe(0);
      expect(err.join('\n')).toContain(`is a carved (CMoE S2A2E8) model; ${command.slice(0, 2).join(' ')} takes a dense checkpoint`);
    }
    const fused = join(dir, 'fused');
    expect(await main(['prune', 'fuse', '--checkpoint', ckpt, '--rate', '0.5', '--steps', '1', '--batch', '1', '--context', '8', '--calibration', '1', '--tokens', '31', '--decode', '2', '--prompt', '4', '--group', '16', '--fusion-lr', '1e-2', '--rank', '2', '--out', fused]), err.join('\n')).toBe(0);
    expect(loadModel(fused, undefined).weights.layers.length).toBe(1);
    const report = JSON.parse(readFileSync(join(fused, 'fuse.json'), 'utf8'));
    expect(report.finetune.fusionLr).toBe(1e-2);
    expect([report.finetune.rank, report.finetune.coefficientRank]).toEqual([2, 2]);
    expect(report.finetune.distillation.fused[0].coefficient.meanAbs).toBeGreaterThan(0);
    expect(report.finetune.distillation.healedRemoval[0].coefficient).toBeNull();
    expect(await main(['prune', 'fuse', '--checkpoint', ckpt, '--rank', '0', '--out', join(dir, 'never')])).not.toBe(0);
    expect(err.join('\n')).toMatch(/--rank/);
    expect(await main(['moe', 'carve', '--checkpoint', ckpt, '--representative', 'median', '--out', join(dir, 'never')])).not.toBe(0);
    expect(err.join('\n')).toMatch(/--representative/);
    expect(await main(['moe', 'carve', '--checkpoint', ckpt, '--balance-decay', 'cosine', '--out', join(dir, 'never')])).not.toBe(0);
    expect(err.join('\n')).toMatch(/'cosine' is not a step rule/);
    expect(err.join('\n')).toMatch(/--balance-decay/);
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
