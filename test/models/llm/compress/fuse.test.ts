import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../hw/index.ts';
import { selectBackend } from '../../../../models/common/index.ts';
import { ReferenceBackend } from '../../../../models/common/gemm/index.ts';
import { LlamaModel, type LlamaConfig } from '../../../../models/llm/index.ts';
import { finalHidden, fuseBlock, macroInfluence, removeBlock, type FuseOptions } from '../../../../models/llm/compress/index.ts';
import { randomLlama } from '../random-llama.ts';

const config: LlamaConfig = { dim: 32, hiddenDim: 64, layers: 4, heads: 4, kvHeads: 2, vocab: 40, seqLen: 16, tiedClassifier: true };
const weights = randomLlama(config, 11, 0.2, 0.1);
const rng = createRng(5);
const windows = Array.from({ length: 2 }, () => Uint16Array.from({ length: 16 }, () => rng.int(3, 39)));
const stream = Uint16Array.from({ length: 400 }, () => rng.int(3, 39));
const options: FuseOptions = { reach: 1, rank: 4, alpha: 8, coefficientRank: 4, steps: 0, batch: 2, context: 8, lr: 1e-2, seed: 1, fuse: true };

beforeAll(async () => { await selectBackend(() => {}); });

describe('FuseGPT', () => {
  it('final hidden states times the classifier are the engine\'s logits', async () => {
    const [h] = await finalHidden(weights, [0, 1, 2, 3], windows.slice(0, 1));
    const be = new ReferenceBackend();
    const model = new LlamaModel(weights, be);
    const logits = model.forward(Array.from(windows[0]), model.newCache());
    for (const t of [0, 7, 15]) {
      for (const v of [0, 13, 39]) {
        let s = 0;
        for (let d = 0; d < 32; d++) s += h[t * 32 + d] * weights.classifier[v * 32 + d];
        expect(s).toBeCloseTo(logits[t * 40 + v], 4);
      }
    }
  });

  it('Macro Influence picks a block that is the identity (zero output projections)', async () => {
    const w = { ...weights, layers: weights.layers.map((l, i) => (i === 2 ? { ...l, wo: new Float32Array(l.wo.length), w2: new Float32Array(l.w2.length) } : l)) };
    const mi = await macroInfluence(w, windows);
    expect(mi[2]).toBeCloseTo(0, 6);
    for (const i of [0, 1, 3]) expect(mi[i]).toBeGreaterThan(1e-4);
  });

  it('fusion with zero coefficients is plain removal', async () => {
    for (const r of [0, 2, 3]) {
      const result = await fuseBlock(weights, r, stream, options);
      const fused = result.weights;
      expect(result.coefficient).toEqual({ meanAbs: 0, maxAbs: 0 });
      const removed = removeBlock(weights, r);
      expect(fused.config.layers).toBe(3);
      fused.layers.forEach((l, i) => {
        for (const p of ['wq', 'wk', 'wv', 'wo', 'w1', 'w2', 'w3'] as const) expect(l[p]).toEqual(removed.layers[i][p]);
      });
    }
  });

  it('local distillation lowers the group\'s distance to the full model\'s output, with and without fusion', async () => {
    // One repeated token: every step draws the same windows, so the loss moves only by training.
    const same = new Uint16Array(200).fill(7);
    for (const fuse of [true, false]) {
      const r = await fuseBlock(weights, 1, same, { ...options, steps: 12, fuse });
      expect(r.lossLast).toBeLessThan(r.lossFirst);
      expect(r.samples).toBe(24);
      // The fusion coefficient leaves zero only when there is one to train.
      if (fuse) expect(r.coefficient!.meanAbs).toBeGreaterThan(0);
      else expect(r.coefficient).toBeNull();
      if (fuse) expect(r.coefficient!.maxAbs).toBeGreaterThanOrEqual(r.coefficient!.meanAbs);
    }
  });

  it('the fusion coefficient\'s own learning rate lets it grow further in the same steps', async () => {
    const same = new Uint16Array(200).fill(7);
    const slow = await fuseBlock(weights, 1, same, { ...options, steps: 6 });
    const fast = await fuseBlock(weights, 1, same, { ...options, steps: 6, fusionLr: 10 * options.lr });
    expect(fast.coefficient!.meanAbs).toBeGreaterThan(2 * slow.coefficient!.meanAbs);
  });
});
