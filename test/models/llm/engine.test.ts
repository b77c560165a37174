import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng, mixpeEvalConfig, peKind } from '../../../hw/index.ts';
import { ArrayBackend, ReferenceBackend } from '../../../models/common/gemm/index.ts';
import { loadModel, LlamaModel, readLlama2cCheckpoint, writeLlama2cCheckpoint, type LlamaConfig, type LlamaWeights } from '../../../models/llm/index.ts';
import { dataPath, missingData, projectRoot } from '../../../util/index.ts';
import { skipReason } from '../../helpers/requirements.ts';
import { missingNumpy, numpyLogits, relativeMaxError } from './numpy-reference.ts';
import { randomLlama } from './random-llama.ts';

const noNumpy = skipReason(missingNumpy());
const noStories = noNumpy ?? skipReason(missingData('models', 'stories260K_plct', 'stories260K.bin'));
const scratch = mkdtempSync(join(tmpdir(), 'tessera-engine-'));
/** The trained checkpoints in the repo: the shipped default and its continuation (models/llm/continued/README.md). */
const trained = [['the shipped model', undefined], ['the continued model', join(projectRoot(), 'models', 'llm', 'continued')]] as const;
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A small random model (GQA, tied classifier) with widths the array's groups divide. */
function randomModel(c: Partial<LlamaConfig> = {}, seed = 1): LlamaWeights {
  return randomLlama({ dim: 64, hiddenDim: 96, layers: 2, heads: 4, kvHeads: 2, vocab: 50, seqLen: 48, tiedClassifier: true, ...c }, seed, 0.15, 0.1);
}

function tokens(n: number, vocab: number, seed: number): number[] {
  const rng = createRng(seed);
  return [1, ...Array.from({ length: n - 1 }, () => rng.int(0, vocab - 1))];
}

/** Prefill `split` tokens, then decode the rest one at a time; the logits of every position. */
function incremental(model: LlamaModel, ids: readonly number[], split: number): Float32Array {
  const V = model.config.vocab;
  const cache = model.newCache();
  const out = new Float32Array(ids.length * V);
  out.set(model.forward(ids.slice(0, split), cache), 0);
  for (let t = split; t < ids.length; t++) out.set(model.forward([ids[t]], cache), t * V);
  return out;
}

describe.skipIf(noNumpy)('engine logits against a NumPy forward pass', () => {
  it('a random GQA model: within 1e-5 relative', () => {
    const w = randomModel();
    const bin = join(scratch, 'random.bin');
    writeLlama2cCheckpoint(bin, w);
    const ids = tokens(40, w.config.vocab, 2);
    const ours = new LlamaModel(readLlama2cCheckpoint(bin), new ReferenceBackend()).forward(ids, new LlamaModel(w, new ReferenceBackend()).newCache());
    expect(relativeMaxError(ours, numpyLogits(bin, ids))).toBeLessThan(1e-5);
  });

  it.skipIf(noStories)('stories260K (token ids only): within 1e-4 relative', () => {
    const bin = dataPath('models', 'stories260K_plct', 'stories260K.bin');
    const model = new LlamaModel(readLlama2cCheckpoint(bin), new ReferenceBackend());
    const ids = tokens(64, model.config.vocab, 3);
    const err = relativeMaxError(model.forward(ids, model.newCache()), numpyLogits(bin, ids));
    expect(err).toBeLessThan(1e-4);
  });

  it.each(trained)('%s, on a TinyStories prompt and a full context: within 1e-4 relative', (name, dir) => {
    const m = loadModel(dir, undefined);
    const bin = join(scratch, `${name}.bin`);
    writeLlama2cCheckpoint(bin, m.weights);
    const prompt = [m.tokenizer.bos, ...m.tokenizer.encode('Once upon a time, there was a little girl named Lily. She loved to play in the park with her dog.')];
    const model = new LlamaModel(m.weights, new ReferenceBackend());
    expect(relativeMaxError(model.forward(prompt, model.newCache()), numpyLogits(bin, prompt))).toBeLessThan(1e-4);
    const full = tokens(model.config.seqLen, model.config.vocab, 8);
    expect(relativeMaxError(model.forward(full, model.newCache()), numpyLogits(bin, full))).toBeLessThan(1e-4);
  });
});

describe('KV-cache decode equals the full-sequence forward', () => {
  it('reference backend', () => {
    const model = new LlamaModel(randomModel(), new ReferenceBackend());
    const ids = tokens(30, model.config.vocab, 4);
    const full = model.forward(ids, model.newCache());
    expect(relativeMaxError(incremental(model, ids, 7), full)).toBeLessThan(1e-6);
  });

  it.each(trained)('%s: reference within 1e-6, mixpe-w4a8 on 64x64 bit for bit', (_, dir) => {
    const { weights } = loadModel(dir, undefined);
    const ids = tokens(40, weights.config.vocab, 9);
    const reference = new LlamaModel(weights, new ReferenceBackend());
    expect(relativeMaxError(incremental(reference, ids, 12), reference.forward(ids, reference.newCache()))).toBeLessThan(1e-6);
    const onArray = new LlamaModel(weights, new ArrayBackend({ pe: peKind('mixpe-w4a8'), array: mixpeEvalConfig(64, 64), group: 128, scheme: 'asymmetric' }));
    expect(incremental(onArray, ids, 12)).toEqual(onArray.forward(ids, onArray.newCache()));
  });

  it('array backend: bit for bit (per-token quantization does not depend on the other tokens)', () => {
    const be = new ArrayBackend({ pe: peKind('mixpe-w4a8'), array: mixpeEvalConfig(8, 8), group: 32, scheme: 'asymmetric', productGroup: 16 });
    const model = new LlamaModel(randomModel(), be);
    const ids = tokens(25, model.config.vocab, 5);
    expect(incremental(model, ids, 10)).toEqual(model.forward(ids, model.newCache()));
  });
});

describe('buffers a decode step reuses', () => {
  it('two caches decoded in turns on one model: every logits array handed out keeps its values, bit for bit', () => {
    const model = new LlamaModel(randomModel(), new ReferenceBackend());
    const a = tokens(20, model.config.vocab, 6), b = tokens(20, model.config.vocab, 7);
    const alone = (ids: number[]) => { const c = model.newCache(); return ids.map((t) => Float32Array.from(model.forward([t], c))); };
    const [expectA, expectB] = [alone(a), alone(b)];
    const ca = model.newCache(), cb = model.newCache();
    const gotA: Float32Array[] = [], gotB: Float32Array[] = [];
    for (let i = 0; i < a.length; i++) {
      gotA.push(model.forward([a[i]], ca)); // kept as returned, not copied
      gotB.push(model.forward([b[i]], cb));
    }
    expect(gotA).toEqual(expectA);
    expect(gotB).toEqual(expectB);
  });
});

describe('the array backend inside the model', () => {
  for (const [pe, products] of [['mixpe-w4a8', 'int8'], ['mixpe-w4a16', 'fp16']] as const) {
    it(`${pe}, ${products} attention: every product kind equals cycle mode bit for bit`, () => {
      const be = new ArrayBackend({ pe: peKind(pe), array: mixpeEvalConfig(8, 8), group: 32, scheme: 'asymmetric', productPrecision: products, productGroup: 16, check: { rate: 1, seed: 1 } });
      const model = new LlamaModel(randomModel({ layers: 1 }), be);
      const cache = model.newCache();
      model.forward(tokens(5, model.config.vocab, 6), cache);
      model.forward([7], cache);
      const kinds = new Set(be.ledger.entries().map((e) => e.kind));
      expect([...kinds].sort()).toEqual(['av', 'down', 'gate', 'k', 'lm-head', 'o', 'q', 'qk', 'up', 'v']);
      expect(be.checkedProducts).toBe(be.ledger.total().calls);
      // Near the float model: quantization moves the logits, it does not scramble them.
      const ref = new LlamaModel(randomModel({ layers: 1 }), new ReferenceBackend());
      const ids = tokens(12, model.config.vocab, 7);
      expect(relativeMaxError(new LlamaModel(randomModel({ layers: 1 }), new ArrayBackend({ ...be.options, check: undefined })).forward(ids, model.newCache()), ref.forward(ids, ref.newCache()))).toBeLessThan(0.25);
    });
  }
});
