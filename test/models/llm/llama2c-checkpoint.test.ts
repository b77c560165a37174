import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../hw/index.ts';
import { captureLinearInputs, gemmWeights, parseLlama2cCheckpoint, readLlama2cCheckpoint } from '../../../models/llm/index.ts';
import { dataPath, isUserError, missingData } from '../../../util/index.ts';

/** Writes a checkpoint whose every float is its own index, so each tensor's position is checkable. */
function syntheticCheckpoint(h: { dim: number; hidden: number; layers: number; heads: number; kvHeads: number; vocab: number; seq: number; tied: boolean }, fill?: (i: number) => number): Uint8Array {
  const kvDim = (h.dim / h.heads) * h.kvHeads;
  const L = h.layers;
  const floats = h.vocab * h.dim + L * h.dim + 2 * L * h.dim * h.dim + 2 * L * kvDim * h.dim + L * h.dim + 3 * L * h.hidden * h.dim + h.dim + h.seq * (h.dim / h.heads) + (h.tied ? 0 : h.vocab * h.dim);
  const buf = new DataView(new ArrayBuffer(28 + 4 * floats));
  [h.dim, h.hidden, h.layers, h.heads, h.kvHeads, h.tied ? h.vocab : -h.vocab, h.seq].forEach((v, i) => buf.setInt32(4 * i, v, true));
  for (let i = 0; i < floats; i++) buf.setFloat32(28 + 4 * i, fill ? fill(i) : i, true);
  return new Uint8Array(buf.buffer);
}

const small = { dim: 8, hidden: 12, layers: 2, heads: 2, kvHeads: 1, vocab: 10, seq: 6, tied: false };

describe('llama2.c checkpoint reader', () => {
  it('cuts every tensor at the offset the format defines', () => {
    const m = parseLlama2cCheckpoint(syntheticCheckpoint(small), 'synthetic.bin');
    const { dim, hidden, layers: L, vocab } = { ...small, layers: small.layers };
    const kvDim = 4;
    expect(m.config).toEqual({ dim, hiddenDim: hidden, layers: L, heads: 2, kvHeads: 1, vocab, seqLen: 6, tiedClassifier: false });
    let at = vocab * dim;
    expect(m.tokenEmbedding[0]).toBe(0);
    expect(m.layers[1].rmsAttention[0]).toBe(at + dim); at += L * dim;
    expect(m.layers[0].wq[0]).toBe(at); expect(m.layers[1].wq[0]).toBe(at + dim * dim); at += L * dim * dim;
    expect(m.layers[1].wk[0]).toBe(at + kvDim * dim); at += L * kvDim * dim;
    expect(m.layers[0].wv.length).toBe(kvDim * dim); at += L * kvDim * dim;
    expect(m.layers[0].wo[0]).toBe(at); at += L * dim * dim;
    expect(m.layers[0].rmsFfn[0]).toBe(at); at += L * dim;
    expect(m.layers[1].w1[0]).toBe(at + hidden * dim); at += L * hidden * dim;
    expect(m.layers[0].w2[0]).toBe(at); at += L * hidden * dim;
    expect(m.layers[0].w3[0]).toBe(at); at += L * hidden * dim;
    expect(m.rmsFinal[0]).toBe(at); at += dim + 6 * (dim / 2);
    expect(m.classifier[0]).toBe(at);
    expect(m.classifier.length).toBe(vocab * dim);
  });

  it('a tied classifier is the token embedding', () => {
    const m = parseLlama2cCheckpoint(syntheticCheckpoint({ ...small, tied: true }), 'tied.bin');
    expect(m.classifier).toBe(m.tokenEmbedding);
  });

  it('survives random mutations: only UserErrors naming the file, never a crash', () => {
    const good = syntheticCheckpoint(small);
    const rng = createRng(11);
    let errors = 0;
    for (let trial = 0; trial < 300; trial++) {
      let bytes = good.slice();
      const kind = trial % 3;
      if (kind === 0) bytes = bytes.slice(0, rng.int(0, bytes.length - 1));
      else if (kind === 1) bytes[rng.int(0, 27)] = rng.int(0, 255);
      else bytes = new Uint8Array([...bytes, ...Array.from({ length: rng.int(1, 9) }, () => rng.int(0, 255))]);
      try {
        parseLlama2cCheckpoint(bytes, 'fuzz.bin');
      } catch (e) {
        expect(isUserError(e)).toBe(true);
        expect(String((e as { where?: unknown }).where)).toContain('fuzz.bin');
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(200);
  });
});

const skip = missingData('models', 'stories260K_plct', 'stories260K.bin');
if (skip) console.warn(`skipping the stories260K tests: ${skip}`);

describe.skipIf(skip)('stories260K', () => {
  const file = skip ? '' : dataPath('models', 'stories260K_plct', 'stories260K.bin');

  it('has the configuration its README states', () => {
    const m = readLlama2cCheckpoint(file);
    expect(m.config).toEqual({ dim: 64, hiddenDim: 172, layers: 5, heads: 8, kvHeads: 4, vocab: 512, seqLen: 512, tiedClassifier: true });
    expect(readFileSync(file).byteLength).toBe(1056540);
  });

  it('captured layer inputs are consistent with the weights (attention with RoPE, SwiGLU)', () => {
    const m = readLlama2cCheckpoint(file);
    const { captures } = captureLinearInputs(m, 6, 3);
    const at = (l: number, name: string) => captures.find((c) => c.layer === l && c.linear === name)!;
    for (let l = 0; l < m.config.layers; l++) {
      // Position 0 attends only to itself, so each head's output is its (grouped) value vector.
      const xqkv = at(l, 'attn.qkv').rows.subarray(0, 64);
      const qkv = gemmWeights(m, l, 'attn.qkv');
      const value = (j: number) => { let s = 0; for (let i = 0; i < 64; i++) s += xqkv[i] * qkv.w[i * qkv.n + 64 + 32 + j]; return s; };
      const attnOut = at(l, 'attn.out').rows;
      for (let h = 0; h < 8; h++) for (let d = 0; d < 8; d++) expect(attnOut[h * 8 + d]).toBeCloseTo(value(Math.floor(h / 2) * 8 + d), 4);
      // Position 1 attends to positions 0 and 1 after RoPE as the README states it: adjacent pairs
      // (2i, 2i+1) rotated by pos * 10000^(-(i mod head) / head), i the even index.
      const x1 = at(l, 'attn.qkv').rows;
      const project = (row: number, col0: number, count: number) => Array.from({ length: count }, (_, j) => {
        let acc = 0;
        for (let i = 0; i < 64; i++) acc += x1[row * 64 + i] * qkv.w[i * qkv.n + col0 + j];
        return acc;
      });
      const rotate = (v: number[], pos: number) => v.map((_, i) => {
        const even = i - (i % 2);
        const angle = pos * 10000 ** (-(even % 8) / 8);
        return i % 2 === 0 ? v[i] * Math.cos(angle) - v[i + 1] * Math.sin(angle) : v[i - 1] * Math.sin(angle) + v[i] * Math.cos(angle);
      });
      const q = rotate(project(1, 0, 64), 1);
      const keys = [rotate(project(0, 64, 32), 0), rotate(project(1, 64, 32), 1)];
      const vals = [project(0, 96, 32), project(1, 96, 32)];
      for (let h = 0; h < 8; h++) {
        const kv = Math.floor(h / 2) * 8;
        const scores = keys.map((k) => { let d = 0; for (let i = 0; i < 8; i++) d += q[h * 8 + i] * k[kv + i]; return d / Math.sqrt(8); });
        const p = scores.map((z) => Math.exp(z - Math.max(...scores)));
        const sum = p[0] + p[1];
        for (let d = 0; d < 8; d++) expect(attnOut[64 + h * 8 + d]).toBeCloseTo((p[0] * vals[0][kv + d] + p[1] * vals[1][kv + d]) / sum, 4);
      }
      // The down projection's input is silu(gate) * up of the gate+up projection's input.
      const xg = at(l, 'ffn.gate+up').rows.subarray(64 * 2, 64 * 3);
      const gu = gemmWeights(m, l, 'ffn.gate+up');
      const down = at(l, 'ffn.down').rows.subarray(172 * 2, 172 * 3);
      for (const j of [0, 50, 171]) {
        let g = 0, u = 0;
        for (let i = 0; i < 64; i++) { g += xg[i] * gu.w[i * gu.n + j]; u += xg[i] * gu.w[i * gu.n + 172 + j]; }
        expect(down[j]).toBeCloseTo((g / (1 + Math.exp(-g))) * u, 4);
      }
    }
  });
});
