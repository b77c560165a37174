import { describe, expect, it } from 'vitest';
import { createRng, fp16FromNumber, mixpeEvalConfig, PE_KIND_IDS, peKind, quantizeActivations, type QuantScheme } from '../../../hw/index.ts';
import { ArrayBackend, backendFromFlags, matmulB, matmulTransposedB, ReferenceBackend, type MatrixLayout, type ProductPrecision } from '../../../models/common/gemm/index.ts';
import { gemmEnergy, referenceGemm, simulateGemm, type GemmOperands, type SimConfig } from '../../../sim/index.ts';
import { energyConstants28nm } from '../../../hw/energy/index.ts';
import { isUserError } from '../../../util/index.ts';
import { SimdGemv } from '../../../models/common/gemm/simd-gemv.ts';
import { simdProducts } from '../../../models/common/gemm/simd-products.ts';

function randomMatrix(seed: number, rows: number, cols: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  // A few large entries, as LLM activations have.
  return Float32Array.from({ length: rows * cols }, () => Math.fround(rng.normal() * scale * (rng.next() < 0.02 ? 12 : 1)));
}

/** The plain product in double, B given as K x N. */
function plainGemm(a: Float32Array, m: number, k: number, b: Float32Array, n: number): Float64Array {
  const y = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let t = 0; t < k; t++) for (let j = 0; j < n; j++) y[i * n + j] += a[i * k + t] * b[t * n + j];
  return y;
}

function relativeError(y: ArrayLike<number>, ref: ArrayLike<number>): number {
  let e = 0, s = 0;
  for (let i = 0; i < ref.length; i++) { e += (y[i] - ref[i]) ** 2; s += ref[i] ** 2; }
  return Math.sqrt(e / s);
}

function transposed(b: Float32Array, k: number, n: number): Float32Array {
  const t = new Float32Array(k * n);
  for (let i = 0; i < k; i++) for (let j = 0; j < n; j++) t[j * k + i] = b[i * n + j];
  return t;
}

const label = { kind: 'test', layer: 0 };

describe('reference backend', () => {
  it('equals the plain product for both layouts of weights and run-time operands', () => {
    const be = new ReferenceBackend();
    const [m, k, n] = [5, 37, 11];
    const x = randomMatrix(1, m, k), w = randomMatrix(2, k, n);
    const ref = plainGemm(x, m, k, w, n);
    for (const y of [be.linear(x, m, be.prepare(w, k, n), label), be.linear(x, m, be.prepare(transposed(w, k, n), k, n, 'nk'), label),
      be.product(x, m, k, w, n, 'kn', label), be.product(x, m, k, transposed(w, k, n), n, 'nk', label)]) {
      for (let i = 0; i < ref.length; i++) expect(y[i]).toBeCloseTo(ref[i], 4);
    }
    expect(be.ledger.total().macs).toBe(4 * m * k * n);
    expect(be.ledger.total().cost.cycles).toBe(0);
  });

  it('the WebAssembly SIMD kernel (K a multiple of 8) rounds the double sum to float32, as the typed-array loop does', () => {
    const [m, k, n] = [3, 64, 19];
    const x = randomMatrix(3, m, k), w = randomMatrix(4, k, n);
    const kernel = SimdGemv.of(transposed(w, k, n), k, n);
    expect(kernel, 'Node 20 has WebAssembly SIMD').toBeDefined();
    const ref = plainGemm(x, m, k, w, n);
    const be = new ReferenceBackend();
    for (const y of [kernel!.multiply(x, m), be.linear(x, m, be.prepare(w, k, n), label)]) {
      // Summed in double in another order: equal to the rounded exact sum within one float32 step.
      for (let i = 0; i < ref.length; i++) expect(Math.abs(y[i] - ref[i])).toBeLessThanOrEqual(Math.abs(ref[i]) * 2 ** -23 + 1e-30);
    }
    expect(SimdGemv.of(w, 37, 1)).toBeUndefined();
  });

  it('the SIMD kernel sums each output in its eight lanes, in order, bit for bit (pairs of outputs and the odd last one)', () => {
    for (const [m, k, n] of [[1, 128, 33], [2, 16, 8], [3, 64, 1]]) {
      const x = randomMatrix(5, m, k), wt = randomMatrix(6, n, k);
      const y = SimdGemv.of(wt, k, n)!.multiply(x, m);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          const lane = new Float64Array(8);
          for (let t = 0; t < k; t++) lane[t % 8] += wt[j * k + t] * x[i * k + t];
          const sum = ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
          expect(y[i * n + j]).toBe(Math.fround(sum));
        }
      }
    }
  });

  it('the SIMD product kernels give the typed-array loops\' outputs bit for bit (odd rows, ragged columns, masked zeros)', () => {
    const simd = simdProducts();
    expect(simd, 'Node 20 has WebAssembly SIMD').not.toBeNull();
    for (const [m, k, n] of [[2, 32, 67], [1, 32, 5], [5, 7, 13], [64, 32, 48]]) {
      const a = randomMatrix(9, m, k), bt = randomMatrix(10, n, k);
      expect(simd!.transposedB(a, m, k, bt, n)).toEqual(matmulTransposedB(a, m, k, bt, n));
    }
    for (const [m, k, n] of [[2, 67, 32], [1, 5, 8], [5, 13, 24], [64, 48, 32]]) {
      const a = randomMatrix(11, m, k).map((v, i) => (i % 3 === 0 ? 0 : v)), b = randomMatrix(12, k, n);
      expect(simd!.rowsOfB(a, m, k, b, n)).toEqual(matmulB(a, m, k, b, n));
    }
  });

  it('the typed-array kernels sum every output over K in order in double, one float32 rounding (odd shapes, masked zeros)', () => {
    for (const [m, k, n] of [[2, 32, 37], [5, 40, 7], [1, 9, 3], [3, 33, 32]]) {
      const a = randomMatrix(7, m, k).map((v, i) => (i % 5 === 0 ? 0 : v)), b = randomMatrix(8, k, n);
      const want = Float32Array.from(plainGemm(a, m, k, b, n));
      expect(matmulB(a, m, k, b, n)).toEqual(want);
      expect(matmulTransposedB(a, m, k, transposed(b, k, n), n)).toEqual(want);
    }
  });
});

describe('array backend: linear layers', () => {
  const schemesOf = (id: string): QuantScheme[] => [...peKind(id).schemes];
  for (const id of PE_KIND_IDS) {
    for (const scheme of schemesOf(id)) {
      it(`${id} ${scheme}: equals sim's reference GEMM and cycle mode bit for bit`, () => {
        const rng = createRng(id.length * 7 + scheme.length);
        const group = [32, 64][rng.int(0, 1)];
        const [m, k, n] = [rng.int(1, 11), group * rng.int(1, 3), rng.int(3, 21)];
        const be = new ArrayBackend({ pe: peKind(id), array: mixpeEvalConfig(8, 8), group, scheme, check: { rate: 1, seed: 3 } });
        const w = randomMatrix(11, k, n, 0.05), x = randomMatrix(12, m, k);
        const p = be.prepare(w, k, n);
        const y = be.linear(x, m, p, label); // check mode: cycle mode compared inside, throws on a difference
        expect(be.checkedProducts).toBe(1);
        // sim's scalar reference (hw/pe semantics) on the same operands.
        const prepared = p as unknown as { weights: GemmOperands['weights']; config: SimConfig };
        const activations = peKind(id).activation === 'int8' ? quantizeActivations(x, m, k, 8) : { M: m, K: k, values: Uint16Array.from(x, (v) => fp16FromNumber(v)) };
        expect(referenceGemm(prepared.config, { weights: prepared.weights, activations })).toEqual(y);
        expect(prepared.config.group).toBe(group);
        // The quantization error is that of 4-bit (8-bit) weights: near the float product, not equal.
        const err = relativeError(y, plainGemm(x, m, k, w, n));
        expect(err).toBeLessThan(id === 'int8' ? 0.05 : 0.4);
        expect(err).toBeGreaterThan(0);
      });
    }
  }

  it('the nn.Linear layout gives the same values as the GEMM layout', () => {
    const be = new ArrayBackend({ pe: peKind('mixpe-w4a8'), array: mixpeEvalConfig(8, 8), group: 32, scheme: 'asymmetric' });
    const [m, k, n] = [3, 64, 9];
    const w = randomMatrix(5, k, n, 0.1), x = randomMatrix(6, m, k);
    expect(be.linear(x, m, be.prepare(transposed(w, k, n), k, n, 'nk'), label)).toEqual(be.linear(x, m, be.prepare(w, k, n), label));
  });

  it('books the fast-mode cycles, energy and DRAM bytes of each shape', () => {
    const pe = peKind('mixpe-w4a8');
    const array = mixpeEvalConfig(16, 16);
    const be = new ArrayBackend({ pe, array, group: 64, scheme: 'asymmetric' });
    const [m, k, n] = [3, 128, 40];
    const p = be.prepare(randomMatrix(1, k, n), k, n);
    be.linear(randomMatrix(2, m, k), m, p, { kind: 'up', layer: 2 });
    be.linear(randomMatrix(3, m, k), m, p, { kind: 'up', layer: 2 });
    const config = { pe, array, group: 64, scheme: 'asymmetric' as const };
    const r = simulateGemm(config, { m, k, n }, { mode: 'fast' });
    const e = gemmEnergy(config, r, energyConstants28nm);
    const entry = be.ledger.entries()[0];
    expect(entry).toMatchObject({ kind: 'up', layer: 2, calls: 2, macs: 2 * m * k * n });
    expect(entry.cost.cycles).toBe(2 * r.cycles);
    expect(entry.cost.energy.total).toBeCloseTo(2 * e.total, 20);
    expect(entry.cost.dram.weights).toBe(2 * r.traffic.weightFillBytes);
    expect(entry.cost.dram.activations).toBe(2 * (r.traffic.activationFillBytes + r.traffic.dramWriteBytes));
    expect(entry.cost.dram.kv).toBe(0);
    expect(be.costOfLinear(m, k, n).cycles).toBe(r.cycles);
  });

  it('refuses weights another backend prepared, and a group that does not divide K names --group', () => {
    const be = new ArrayBackend({ pe: peKind('int8'), array: mixpeEvalConfig(8, 8), group: 64, scheme: 'symmetric' });
    const ref = new ReferenceBackend();
    expect(() => be.linear(new Float32Array(64), 1, ref.prepare(new Float32Array(64 * 2), 64, 2), label)).toThrow(/prepared by/);
    try {
      be.prepare(new Float32Array(96 * 2), 96, 2);
      expect.unreachable();
    } catch (e) {
      expect(isUserError(e) && e.where).toBe('--group');
    }
  });
});

describe('array backend: products of run-time operands', () => {
  const cases: [ProductPrecision, MatrixLayout][] = [['int8', 'nk'], ['int8', 'kn'], ['fp16', 'nk'], ['fp16', 'kn']];
  for (const [precision, layout] of cases) {
    it(`${precision}, B stored ${layout}: cycle mode agrees bit for bit, values near the float product`, () => {
      const be = new ArrayBackend({ pe: peKind('mixpe-w4a8'), array: mixpeEvalConfig(8, 8), group: 32, scheme: 'asymmetric', productPrecision: precision, productGroup: 16, check: { rate: 1 } });
      for (const [m, k, n] of [[1, 32, 7], [4, 45, 16], [6, 16, 33]]) {
        const a = randomMatrix(m * 100 + k, m, k), b = randomMatrix(n * 10 + k, k, n);
        const stored = layout === 'kn' ? b : transposed(b, k, n);
        const y = be.product(a, m, k, stored, n, layout, { kind: 'qk', layer: 1 });
        expect(relativeError(y, plainGemm(a, m, k, b, n))).toBeLessThan(precision === 'int8' ? 0.03 : 2e-3);
      }
      expect(be.checkedProducts).toBe(3);
      const e = be.ledger.total();
      expect(e.cost.dram.kv).toBeGreaterThan(0);
      expect(e.cost.dram.weights).toBe(0);
    });
  }

  it('pads K over tokens to whole groups (cost of the padded shape)', () => {
    const be = new ArrayBackend({ pe: peKind('mixpe-w4a8'), array: mixpeEvalConfig(8, 8), group: 32, scheme: 'asymmetric', productGroup: 32 });
    expect(be.costOfProduct(1, 33, 32, 'kn').cycles).toBe(be.costOfProduct(1, 64, 32, 'kn').cycles);
    expect(be.costOfProduct(1, 33, 32, 'kn').cycles).toBeGreaterThan(be.costOfProduct(1, 32, 32, 'kn').cycles);
  });
});

describe('backendFromFlags', () => {
  it('builds the reference without --on and names the flag of every bad value', () => {
    expect(backendFromFlags({}).name).toBe('reference');
    expect(backendFromFlags({ on: 'mixpe-w4a16', array: '32x32', group: 64 }).description).toBe('array mixpe-w4a16 32x32 group 64 asymmetric, products fp16');
    const where = (f: () => unknown) => { try { f(); return undefined; } catch (e) { return isUserError(e) ? e.where : String(e); } };
    expect(where(() => backendFromFlags({ on: 'tpu' }))).toBe('--on');
    expect(where(() => backendFromFlags({ on: 'int8', array: '64' }))).toBe('--array');
    expect(where(() => backendFromFlags({ on: 'int8', group: 'x' }))).toBe('--group');
    expect(where(() => backendFromFlags({ on: 'ant', scheme: 'asymmetric' }))).toBe('--scheme');
    expect(where(() => backendFromFlags({ on: 'int8', products: 'fp8' }))).toBe('--products');
    expect(where(() => backendFromFlags({ on: 'int8', check: 2 }))).toBe('--check');
  });
});
