import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../hw/index.ts';
import { fakeQuantizeColumns, fakeQuantizeRows, groupParameters, QuantizedKvCache, kiviChunks } from '../../../../models/llm/kv/index.ts';
import { missingPython, pythonWith, skipReason } from '../../../helpers/requirements.ts';

const rng = createRng(7);
/** Rows of values with per-row offsets and scales, and a few outlier channels (as keys have). */
function sample(rows: number, cols: number): Float32Array {
  return Float32Array.from({ length: rows * cols }, (_, i) => Math.fround(rng.normal() * (1 + (i % cols === 3 ? 8 : 0)) + Math.floor(i / cols) * 0.01));
}

describe('asymmetric min-max quantizer', () => {
  it('every value is within half a step of itself (plus the FP16 rounding of minimum and step)', () => {
    for (const bits of [2, 4, 8]) {
      const x = sample(16, 32);
      const q = fakeQuantizeRows(x, 16, 32, bits);
      for (let r = 0; r < 16; r++) {
        const p = groupParameters(x, r * 32, 32, 1, bits);
        const row = x.subarray(r * 32, (r + 1) * 32);
        const lo = Math.min(...row), hi = Math.max(...row);
        const bound = p.step / 2 + Math.abs(lo - p.zero) + p.levels * Math.abs(p.step - (hi - lo) / p.levels) + 1e-6 * Math.max(Math.abs(lo), Math.abs(hi));
        for (let c = 0; c < 32; c++) expect(Math.abs(q[r * 32 + c] - x[r * 32 + c])).toBeLessThanOrEqual(bound);
        // Codes span the range: the extremes are (nearly) reproduced.
        expect(Math.abs(Math.min(...q.subarray(r * 32, (r + 1) * 32)) - lo)).toBeLessThanOrEqual(bound);
      }
    }
  });

  it('a constant group is reproduced as its FP16 value; 16 bits keep the values', () => {
    const x = new Float32Array(32).fill(0.1);
    const q = fakeQuantizeRows(x, 1, 32, 4);
    expect([...new Set(q)]).toEqual([Math.fround(0.0999755859375)]);
    const y = sample(2, 32);
    expect(fakeQuantizeRows(y, 2, 32, 16)).toEqual(y);
  });

  it('quantizing twice changes nothing (dequantized values are fixed points)', () => {
    const x = sample(8, 32);
    const once = fakeQuantizeRows(x, 8, 32, 4);
    const twice = fakeQuantizeRows(once, 8, 32, 4);
    for (let i = 0; i < once.length; i++) expect(Math.abs(twice[i] - once[i])).toBeLessThanOrEqual(1e-3 * Math.abs(once[i]) + 1e-3);
  });

  const noNumpy = skipReason(missingPython('numpy'));
  it.skipIf(noNumpy)('per-token and per-channel values equal a NumPy reference (float16 minimum and step)', () => {
    const x = sample(64, 32);
    const script = `
import sys, json, numpy as np
d = json.load(sys.stdin)
x = np.array(d['x'], dtype=np.float32).reshape(64, 32)
def q(g, bits):
    L = 2 ** bits - 1
    lo, hi = float(g.min()), float(g.max())
    step = float(np.float16((hi - lo) / L)); zero = float(np.float16(lo))
    if step == 0: return np.full(g.shape, np.float32(zero))
    code = np.clip(np.floor((g.astype(np.float64) - zero) / step + 0.5), 0, L)
    return (zero + code * step).astype(np.float32)
out = {}
for bits in (2, 4, 8):
    rows = np.stack([q(x[r], bits) for r in range(64)])
    cols = np.zeros_like(x)
    for r0 in range(0, 64, 32):
        for c in range(32): cols[r0:r0+32, c] = q(x[r0:r0+32, c], bits)
    out[str(bits)] = [rows.ravel().tolist(), cols.ravel().tolist()]
print(json.dumps(out))`;
    const r = spawnSync(pythonWith('numpy')!, ['-c', script], { input: JSON.stringify({ x: Array.from(x) }), encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(r.status, r.stderr).toBe(0);
    const ref = JSON.parse(r.stdout) as Record<string, [number[], number[]]>;
    for (const bits of [2, 4, 8]) {
      expect(Array.from(fakeQuantizeRows(x, 64, 32, bits))).toEqual(ref[String(bits)][0]);
      expect(Array.from(fakeQuantizeColumns(x, 64, 32, bits, 32))).toEqual(ref[String(bits)][1]);
    }
  });
});

describe('the quantized KV cache', () => {
  const hs = 8, heads = 2;
  const append = (c: QuantizedKvCache, k: Float32Array, v: Float32Array, from: number, count: number) =>
    c.append(k.subarray(from * heads * hs, (from + count) * heads * hs), v.subarray(from * heads * hs, (from + count) * heads * hs), count, Array.from({ length: count }, (_, i) => from + i));
  const head = (x: Float32Array, h: number, tokens: number) => Float32Array.from({ length: tokens * hs }, (_, i) => x[Math.floor(i / hs) * heads * hs + h * hs + (i % hs)]);

  it('KIVI keeps the most recent 32 tokens exact and quantizes whole groups of 32 per channel (keys) and per token (values)', () => {
    const T = 130;
    const k = sample(T, heads * hs), v = sample(T, heads * hs);
    const c = new QuantizedKvCache(heads, hs, { mode: 'kivi', pair: { k: 2, v: 4 } }, 16);
    for (let t = 0; t < T; t++) {
      append(c, k, v, t, 1);
      const n = t + 1, prefix = Math.floor(Math.max(0, n - 32) / 32) * 32;
      expect(c.quantizedTokens).toBe(prefix);
      expect(n - prefix).toBeGreaterThanOrEqual(Math.min(n, 32));
      for (let h = 0; h < heads; h++) {
        const kh = head(k, h, n), vh = head(v, h, n);
        const keys = c.keys(h), values = c.values(h);
        expect(Array.from(keys.subarray(prefix * hs))).toEqual(Array.from(kh.subarray(prefix * hs)));
        expect(Array.from(values.subarray(prefix * hs))).toEqual(Array.from(vh.subarray(prefix * hs)));
        if (prefix > 0) {
          expect(Array.from(keys.subarray(0, prefix * hs))).toEqual(Array.from(fakeQuantizeColumns(kh.subarray(0, prefix * hs), prefix, hs, 2, 32)));
          expect(Array.from(values.subarray(0, prefix * hs))).toEqual(Array.from(fakeQuantizeRows(vh.subarray(0, prefix * hs), prefix, hs, 4)));
        }
      }
    }
    // Bytes: 96 quantized tokens (2-bit keys, 3 channel groups; 4-bit values, a group per token), 34 FP16 tokens, per head.
    expect(c.bytes()).toBe(heads * (96 * hs * 2 / 8 + 3 * hs * 4 + 96 * hs * 4 / 8 + 96 * 4 + 2 * 2 * 34 * hs));
  });

  it('fed in kiviChunks, a KIVI cache ends as token-by-token decoding leaves it', () => {
    const T = 200;
    const k = sample(T, heads * hs), v = sample(T, heads * hs);
    const one = new QuantizedKvCache(heads, hs, { mode: 'kivi', pair: { k: 4, v: 2 } });
    const chunked = new QuantizedKvCache(heads, hs, { mode: 'kivi', pair: { k: 4, v: 2 } });
    for (let t = 0; t < T; t++) append(one, k, v, t, 1);
    const chunks = kiviChunks(T);
    expect(chunks.reduce((s, x) => s + x, 0)).toBe(T);
    expect(chunks.slice(0, 3)).toEqual([63, 32, 32]);
    let at = 0;
    for (const len of chunks) {
      // Before the chunk's tokens arrive the query at `at` sees prefix(at + 1): the chunked cache quantizes exactly that.
      append(chunked, k, v, at, len);
      expect(chunked.quantizedTokens).toBe(chunked.kiviPrefix(at + 1));
      at += len;
    }
    for (let h = 0; h < heads; h++) {
      const p = chunked.quantizedTokens * hs;
      expect(Array.from(chunked.keys(h).subarray(0, p))).toEqual(Array.from(one.keys(h).subarray(0, p)));
    }
  });

  it('per-token mode quantizes every token on arrival', () => {
    const k = sample(5, heads * hs), v = sample(5, heads * hs);
    const c = new QuantizedKvCache(heads, hs, { mode: 'per-token', pair: { k: 8, v: 4 } });
    append(c, k, v, 0, 5);
    expect(c.quantizedTokens).toBe(5);
    expect(Array.from(c.keys(1))).toEqual(Array.from(fakeQuantizeRows(head(k, 1, 5), 5, hs, 8)));
    expect(Array.from(c.values(0))).toEqual(Array.from(fakeQuantizeRows(head(v, 0, 5), 5, hs, 4)));
    expect(c.bytes()).toBe(heads * (5 * hs + 5 * 4 + 5 * hs / 2 + 5 * 4));
  });
});
