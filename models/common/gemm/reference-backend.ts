/** The float32 reference backend: the model's own arithmetic, no hardware; the ledger books MACs only. */
import { matmulB, matmulTransposedB, transpose } from './float-kernels.ts';
import { SimdGemv } from './simd-gemv.ts';
import { simdProducts } from './simd-products.ts';
import { GemmLedger, zeroCost } from './ledger.ts';
import { checkOperand, checkPrepared } from './checks.ts';
import type { GemmBackend, GemmLabel, MatrixLayout, OperandRole, PreparedWeights } from './types.ts';

interface ReferenceWeights extends PreparedWeights {
  /** W transposed (N rows of K), so each output is one contiguous dot product. */
  readonly wt: Float32Array;
  /** The same matrix in a WebAssembly SIMD kernel (absent where SIMD is missing or K is not a multiple of 8). */
  readonly simd?: SimdGemv;
}

export class ReferenceBackend implements GemmBackend {
  readonly name = 'reference';
  readonly description = 'reference float32';
  readonly ledger = new GemmLedger();

  prepare(w: Float32Array, k: number, n: number, layout: MatrixLayout = 'kn'): PreparedWeights {
    checkOperand(w, k, n, 'weights');
    const wt = layout === 'nk' ? Float32Array.from(w) : transpose(w, k, n);
    const prepared: ReferenceWeights = { k, n, preparedBy: this.description, wt, simd: SimdGemv.of(wt, k, n) };
    return prepared;
  }

  linear(x: Float32Array, m: number, w: PreparedWeights, label: GemmLabel): Float32Array {
    const p = checkPrepared<ReferenceWeights>(w, this.description);
    checkOperand(x, m, p.k, 'activations');
    this.ledger.record(label, m * p.k * p.n, zeroCost);
    return p.simd ? p.simd.multiply(x, m) : matmulTransposedB(x, m, p.k, p.wt, p.n);
  }

  product(a: Float32Array, m: number, k: number, b: Float32Array, n: number, layout: MatrixLayout, label: GemmLabel, _role: OperandRole = 'kv'): Float32Array {
    checkOperand(a, m, k, 'A');
    checkOperand(b, k, n, 'B');
    this.ledger.record(label, m * k * n, zeroCost);
    const simd = simdProducts();
    if (layout === 'nk') return simd ? simd.transposedB(a, m, k, b, n) : matmulTransposedB(a, m, k, b, n);
    return simd && n % 8 === 0 ? simd.rowsOfB(a, m, k, b, n) : matmulB(a, m, k, b, n);
  }
}
