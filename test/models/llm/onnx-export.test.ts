// The ONNX export runs in onnxruntime-node (an independent implementation) with the engine's logits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReferenceBackend } from '../../../models/common/gemm/index.ts';
import { LlamaModel, writeOnnxDecoder, type LlamaWeights } from '../../../models/llm/index.ts';
import { skipReason } from '../../helpers/requirements.ts';
import { relativeMaxError } from './numpy-reference.ts';
import { randomLlama } from './random-llama.ts';

type Ort = typeof import('onnxruntime-node');
let ort: Ort | undefined;
try {
  ort = await import('onnxruntime-node');
} catch {
  ort = undefined;
}
const skip = skipReason(ort ? undefined : 'onnxruntime-node is not installed (npm ci)');
const dir = mkdtempSync(join(tmpdir(), 'tessera-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function randomModel(): LlamaWeights {
  return randomLlama({ dim: 32, hiddenDim: 48, layers: 2, heads: 4, kvHeads: 2, vocab: 37, seqLen: 24, tiedClassifier: true }, 11, 0.2, 0.15);
}

describe.skipIf(skip)('the ONNX decode step in onnxruntime', () => {
  it('gives the engine\'s logits at every step of a KV-cache decode (GQA), within 1e-5 relative', async () => {
    const w = randomModel();
    const file = join(dir, 'decode.onnx');
    writeOnnxDecoder(file, w);
    const session = await ort!.InferenceSession.create(file);
    const model = new LlamaModel(w, new ReferenceBackend());
    const cache = model.newCache();
    const hs = w.config.dim / w.config.heads;
    const feeds: Record<string, InstanceType<Ort['Tensor']>> = {};
    for (let l = 0; l < w.config.layers; l++) {
      for (const kv of ['key', 'value']) feeds[`past_${kv}_${l}`] = new ort!.Tensor('float32', new Float32Array(0), [w.config.kvHeads, 0, hs]);
    }
    const ids = [1, 5, 9, 36, 2, 17, 8, 8, 30, 12];
    for (let p = 0; p < ids.length; p++) {
      feeds.token = new ort!.Tensor('int64', BigInt64Array.of(BigInt(ids[p])), [1]);
      feeds.pos = new ort!.Tensor('int64', BigInt64Array.of(BigInt(p)), [1]);
      const out = await session.run(feeds);
      for (let l = 0; l < w.config.layers; l++) for (const kv of ['key', 'value']) feeds[`past_${kv}_${l}`] = out[`present_${kv}_${l}`];
      expect(out[`present_key_0`].dims).toEqual([w.config.kvHeads, p + 1, hs]);
      expect(relativeMaxError(out.logits.data as Float32Array, model.forward([ids[p]], cache))).toBeLessThan(1e-5);
    }
  });
});
