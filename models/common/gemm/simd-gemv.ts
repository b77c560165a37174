/**
 * A WebAssembly SIMD kernel for the reference backend's weight products, Y = X W with W held
 * transposed (N rows of K): float32 weights widened to double two at a time
 * (f64x2.promote_low_f32x4), products and sums in double, one rounding to float32 per output. The
 * same arithmetic as `matmulTransposedB` except for the order of the double additions (the terms
 * of K are summed in the eight lanes of four accumulators, then added), so a float32 result can
 * differ from the loop's in its last bit, rarely. V8 compiles it to SSE2: 2-3x the typed-array
 * loop on the decode step's GEMVs (measured here: 1.9-2.3 against 0.7-0.8 GMAC per CPU-second).
 *
 * The module (one function, ~250 bytes) is assembled below rather than compiled from a source
 * language: the project has no wasm toolchain, and the function is small enough to read.
 * Each prepared weight matrix gets its own instance and memory, so it is freed with the matrix.
 */

import {
  BR_IF, END, F32_DEMOTE_F64, F32_STORE, F64_ADD, F64X2_ADD, F64X2_EXTRACT, F64X2_MUL, F64X2_PROMOTE_LOW, I32, I32_ADD, I32_LT_U, I32_MUL,
  LOOP, V128, V128_CONST, V128_LOAD, V128_LOAD64_ZERO, VOID, compileOrNull, get, i32, oneFunctionModule, set, uleb, wasm, type WasmApi, type WasmMemory,
} from '../wasm-asm.ts';

// Parameters: 0 w (byte offset of N rows of K float32), 1 x (K doubles), 2 out (N float32), 3 k, 4 n.
// Locals: 5 j, 6 xp, 7 wp, 8 xEnd, 9-12 four accumulators (independent chains hide the add latency).
const [W, X, OUT, K, N, J, XP, WP, XEND] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const ACC = [9, 10, 11, 12];
/** acc[a] += promote(w[t+2a], w[t+2a+1]) * (x[t+2a], x[t+2a+1]). */
const term = (a: number) => [...get(ACC[a]), ...get(WP), ...V128_LOAD64_ZERO, 2, 8 * a, ...F64X2_PROMOTE_LOW, ...get(XP), ...V128_LOAD, 3, ...uleb(16 * a), ...F64X2_MUL, ...F64X2_ADD, ...set(ACC[a])];
const lanes = (a: number) => [...get(ACC[a]), ...F64X2_EXTRACT, 0, ...get(ACC[a]), ...F64X2_EXTRACT, 1, F64_ADD];
function moduleBytes(): Uint8Array {
  const body = [
    2, 4, I32, 4, V128, // locals: 4 i32 (j, xp, wp, xEnd), 4 v128 (accumulators)
    ...i32(0), ...set(J),
    LOOP, VOID, // for each output j
    ...ACC.flatMap((a) => [...V128_CONST, ...new Array(16).fill(0), ...set(a)]),
    ...get(X), ...set(XP),
    ...get(W), ...get(J), ...get(K), I32_MUL, ...i32(4), I32_MUL, I32_ADD, ...set(WP),
    ...get(X), ...get(K), ...i32(8), I32_MUL, I32_ADD, ...set(XEND),
    LOOP, VOID, // eight terms of K per step
    ...term(0), ...term(1), ...term(2), ...term(3),
    ...get(WP), ...i32(32), I32_ADD, ...set(WP),
    ...get(XP), ...i32(64), I32_ADD, ...set(XP),
    ...get(XP), ...get(XEND), I32_LT_U, BR_IF, 0,
    END,
    ...get(OUT), ...get(J), ...i32(4), I32_MUL, I32_ADD,
    ...lanes(0), ...lanes(1), F64_ADD, ...lanes(2), ...lanes(3), F64_ADD, F64_ADD, F32_DEMOTE_F64,
    F32_STORE, 2, 0,
    ...get(J), ...i32(1), I32_ADD, ...set(J),
    ...get(J), ...get(N), I32_LT_U, BR_IF, 0,
    END,
    END,
  ];
  return oneFunctionModule(5, body);
}

let compiled: object | null | undefined;

/** The compiled kernel, or null where WebAssembly SIMD is missing (the caller keeps the typed-array loop). */
function kernelModule(): object | null {
  if (compiled === undefined) compiled = compileOrNull(moduleBytes);
  return compiled;
}

/** One weight matrix (N rows of K, K a multiple of 8) in its own wasm memory, ready for products. */
export class SimdGemv {
  private readonly run: (w: number, x: number, out: number, k: number, n: number) => void;
  private readonly memory: WasmMemory;
  private readonly xOffset: number;
  private readonly outOffset: number;

  private constructor(api: WasmApi, mod: object, wt: Float32Array, readonly k: number, readonly n: number) {
    this.xOffset = Math.ceil((k * n * 4) / 16) * 16;
    this.outOffset = this.xOffset + k * 8;
    const bytes = this.outOffset + n * 4;
    this.memory = new api.Memory({ initial: Math.ceil(bytes / 65536) });
    const instance = new api.Instance(mod, { e: { m: this.memory } });
    this.run = instance.exports.g as typeof this.run;
    new Float32Array(this.memory.buffer, 0, k * n).set(wt);
  }

  /** A kernel for `wt`, or undefined when SIMD is unavailable or K is not a multiple of 8. */
  static of(wt: Float32Array, k: number, n: number): SimdGemv | undefined {
    const mod = k % 8 === 0 && k > 0 ? kernelModule() : null;
    return mod && wasm ? new SimdGemv(wasm, mod, wt, k, n) : undefined;
  }

  /** Y [M x N] = X [M x K] W. */
  multiply(x: Float32Array, m: number, out = new Float32Array(m * this.n)): Float32Array {
    const { k, n } = this;
    const xs = new Float64Array(this.memory.buffer, this.xOffset, k);
    const ys = new Float32Array(this.memory.buffer, this.outOffset, n);
    for (let i = 0; i < m; i++) {
      for (let t = 0; t < k; t++) xs[t] = x[i * k + t];
      this.run(0, this.xOffset, this.outOffset, k, n);
      out.set(ys, i * n);
    }
    return out;
  }
}
