/**
 * A WebAssembly SIMD kernel for the reference backend's weight products, Y = X W with W held
 * transposed (N rows of K): float32 weights widened to double two at a time
 * (f64x2.promote_low_f32x4), products and sums in double, one rounding to float32 per output. The
 * same arithmetic as `matmulTransposedB` except for the order of the double additions (the terms
 * of K are summed in the eight lanes of four accumulators, then added), so a float32 result can
 * differ from the loop's in its last bit, rarely. V8 compiles it to SSE2: 2-3x the typed-array
 * loop on the decode step's GEMVs (measured here: 1.9-2.3 against 0.7-0.8 GMAC per CPU-second).
 *
 * The module (two functions, ~700 bytes) is assembled below rather than compiled from a source
 * language: the project has no wasm toolchain, and the functions are small enough to read.
 * Each prepared weight matrix gets its own instance and memory, so it is freed with the matrix.
 */

import {
  BR_IF, END, F32_DEMOTE_F64, F32_STORE, F64_ADD, F64X2_ADD, F64X2_EXTRACT, F64X2_MUL, F64X2_PROMOTE_LOW, I32, I32_ADD, I32_LT_U, I32_MUL,
  LOOP, V128, V128_CONST, V128_LOAD, V128_LOAD64_ZERO, VOID, compileOrNull, functionsModule, get, i32, set, uleb, wasm, type WasmApi, type WasmMemory,
} from '../wasm-asm.ts';

// Two functions: `g` computes one output at a time, `p` two (rows j and j + 1 of W share each load
// of x: ~1.3x `g` on the decode step's GEMVs); both give every output the same sums in the same order.
// Parameters: 0 w (byte offset of N rows of K float32), 1 x (K doubles), 2 out (N float32), 3 k,
// 4 n (outputs for `g`, pairs of outputs for `p`).
// Locals: 5 j, 6 xp, 7 wp, 8 xEnd, 9 wp of the second row; then v128 accumulators (four per output:
// independent chains hide the add latency) and, in `p`, the loaded pair of x values.
const [W, X, OUT, K, N, J, XP, WP, XEND, WP2] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const ACC = [10, 11, 12, 13], ACC2 = [14, 15, 16, 17], XV = 18;
/** acc += promote(w[t+2a], w[t+2a+1]) * (x[t+2a], x[t+2a+1]); `x` is the code that pushes the pair of x values. */
const mac = (acc: number, wp: number, a: number, x: number[]) => [...get(acc), ...get(wp), ...V128_LOAD64_ZERO, 2, 8 * a, ...F64X2_PROMOTE_LOW, ...x, ...F64X2_MUL, ...F64X2_ADD, ...set(acc)];
const loadX = (a: number) => [...get(XP), ...V128_LOAD, 3, ...uleb(16 * a)];
const lanes = (acc: number) => [...get(acc), ...F64X2_EXTRACT, 0, ...get(acc), ...F64X2_EXTRACT, 1, F64_ADD];
/** ((a0 + a1) + (a2 + a3)) of the four accumulators' lane sums, rounded to float32. */
const reduce = (acc: readonly number[]) => [...lanes(acc[0]), ...lanes(acc[1]), F64_ADD, ...lanes(acc[2]), ...lanes(acc[3]), F64_ADD, F64_ADD, F32_DEMOTE_F64];
const zero = (acc: readonly number[]) => acc.flatMap((a) => [...V128_CONST, ...new Array(16).fill(0), ...set(a)]);
const add = (local: number, v: number) => [...get(local), ...i32(v), I32_ADD, ...set(local)];

/** A function's body: for each of n steps (outputs, or pairs), `rows` rows of W against x. */
function gemvBody(rows: 1 | 2): number[] {
  const eightTerms = rows === 1
    ? [0, 1, 2, 3].flatMap((a) => mac(ACC[a], WP, a, loadX(a)))
    : [0, 1, 2, 3].flatMap((a) => [...loadX(a), ...set(XV), ...mac(ACC[a], WP, a, get(XV)), ...mac(ACC2[a], WP2, a, get(XV))]);
  return [
    2, 5, I32, 9, V128, // locals: 5 i32 (j, xp, wp, xEnd, wp2), 9 v128 (accumulators, x)
    ...i32(0), ...set(J),
    LOOP, VOID, // for each step j
    ...zero(ACC), ...(rows === 2 ? zero(ACC2) : []),
    ...get(X), ...set(XP),
    ...get(W), ...get(J), ...get(K), I32_MUL, ...i32(4 * rows), I32_MUL, I32_ADD, ...set(WP),
    ...get(WP), ...get(K), ...i32(4), I32_MUL, I32_ADD, ...set(WP2),
    ...get(X), ...get(K), ...i32(8), I32_MUL, I32_ADD, ...set(XEND),
    LOOP, VOID, // eight terms of K per step
    ...eightTerms,
    ...add(WP, 32), ...add(WP2, 32), ...add(XP, 64),
    ...get(XP), ...get(XEND), I32_LT_U, BR_IF, 0,
    END,
    ...get(OUT), ...get(J), ...i32(4 * rows), I32_MUL, I32_ADD, ...reduce(ACC), F32_STORE, 2, 0,
    ...(rows === 2 ? [...get(OUT), ...get(J), ...i32(8), I32_MUL, I32_ADD, ...reduce(ACC2), F32_STORE, 2, 4] : []),
    ...add(J, 1),
    ...get(J), ...get(N), I32_LT_U, BR_IF, 0,
    END,
    END,
  ];
}

function moduleBytes(): Uint8Array {
  return functionsModule(5, [['g', gemvBody(1)], ['p', gemvBody(2)]]);
}

let compiled: object | null | undefined;

/** The compiled kernel, or null where WebAssembly SIMD is missing (the caller keeps the typed-array loop). */
function kernelModule(): object | null {
  if (compiled === undefined) compiled = compileOrNull(moduleBytes);
  return compiled;
}

/** One weight matrix (N rows of K, K a multiple of 8) in its own wasm memory, ready for products. */
export class SimdGemv {
  private readonly one: (w: number, x: number, out: number, k: number, n: number) => void;
  private readonly pairs: (w: number, x: number, out: number, k: number, pairs: number) => void;
  private readonly xOffset: number;
  private readonly outOffset: number;
  /** Views of the kernel's input (doubles) and output (float32): the memory never grows, so they stay valid. */
  private readonly xs: Float64Array;
  private readonly ys: Float32Array;

  private constructor(api: WasmApi, mod: object, wt: Float32Array, readonly k: number, readonly n: number) {
    this.xOffset = Math.ceil((k * n * 4) / 16) * 16;
    this.outOffset = this.xOffset + k * 8;
    const bytes = this.outOffset + n * 4;
    const memory = new api.Memory({ initial: Math.ceil(bytes / 65536) });
    const instance = new api.Instance(mod, { e: { m: memory } });
    this.one = instance.exports.g as typeof this.one;
    this.pairs = instance.exports.p as typeof this.pairs;
    new Float32Array(memory.buffer, 0, k * n).set(wt);
    this.xs = new Float64Array(memory.buffer, this.xOffset, k);
    this.ys = new Float32Array(memory.buffer, this.outOffset, n);
  }

  /** A kernel for `wt`, or undefined when SIMD is unavailable or K is not a multiple of 8. */
  static of(wt: Float32Array, k: number, n: number): SimdGemv | undefined {
    const mod = k % 8 === 0 && k > 0 ? kernelModule() : null;
    return mod && wasm ? new SimdGemv(wasm, mod, wt, k, n) : undefined;
  }

  /** Y [M x N] = X [M x K] W. */
  multiply(x: Float32Array, m: number, out = new Float32Array(m * this.n)): Float32Array {
    const { k, n, xs, ys } = this;
    for (let i = 0; i < m; i++) {
      for (let t = 0; t < k; t++) xs[t] = x[i * k + t];
      const even = n - (n % 2);
      if (even > 0) this.pairs(0, this.xOffset, this.outOffset, k, even / 2);
      if (even < n) this.one(even * k * 4, this.xOffset, this.outOffset + even * 4, k, 1);
      out.set(ys, i * n);
    }
    return out;
  }
}
