/**
 * WebAssembly SIMD kernels for the reference backend's products of two run-time operands
 * (attention's Q K^T and P V), with the arithmetic of the typed-array loops (float-kernels.ts):
 * each output is its own in-order sum over K in double, rounded once to float32. The two lanes of
 * an f64x2 hold two different outputs, never two terms of one sum, so the results are the loops'
 * to the bit. (The P V loop skips a K term whose two probabilities are both zero; here it adds
 * 0 x value, which changes nothing while the values are finite.)
 *
 * - `q` (B stored as N rows of K, Q K^T): lanes are two rows of A (fed as interleaved doubles);
 *   four outputs at a time, each K term a splat of B's float widened to double.
 * - `v` (B stored as K rows of N, P V): lanes are two adjacent columns of B; two rows of A and
 *   eight columns at a time.
 * The operands are copied into one growing memory per thread; where WebAssembly SIMD is missing
 * the caller keeps the loops.
 */
import {
  BR_IF, END, F32_DEMOTE_F64, F32_STORE, F64X2_ADD, F64X2_EXTRACT, F64X2_MUL, F64X2_PROMOTE_LOW, I32, I32_ADD, I32_LT_U, I32_MUL, LOOP, V128,
  V128_CONST, V128_LOAD, V128_LOAD32_SPLAT, V128_LOAD64_ZERO, VOID, compileOrNull, functionsModule, get, i32, set, wasm, type WasmMemory,
} from '../wasm-asm.ts';

const zero = (locals: readonly number[]) => locals.flatMap((l) => [...V128_CONST, ...new Array<number>(16).fill(0), ...set(l)]);
const add = (local: number, v: number[]) => [...get(local), ...v, I32_ADD, ...set(local)];
/** acc = acc + x * y, x and y given as the code that pushes them. */
const mac = (acc: number, x: number[], y: number[]) => [...get(acc), ...x, ...y, ...F64X2_MUL, ...F64X2_ADD, ...set(acc)];
/** Stores lane `lane` of `acc` as float32 at address local `at` + `offset`. */
const store = (at: number, offset: number, acc: number, lane: number) => [...get(at), ...get(acc), ...F64X2_EXTRACT, lane, F32_DEMOTE_F64, F32_STORE, 2, offset];
const splatFloat = (ptr: number) => [...get(ptr), ...V128_LOAD32_SPLAT, 2, 0, ...F64X2_PROMOTE_LOW];

// q(a, b, out, k, n, pairs, stride): a = pairs x K interleaved doubles (a[2p][t], a[2p+1][t]);
// b = N rows of K float32; out row r at out + r * stride * 4; n a multiple of 4.
function qBody(): number[] {
  const [A, B, OUT, K, N, PAIRS, STRIDE] = [0, 1, 2, 3, 4, 5, 6];
  const [P, J, AP, AEND, O, O2] = [7, 8, 9, 10, 11, 12];
  const BP = [13, 14, 15, 16], ACC = [17, 18, 19, 20], AV = 21;
  const rowBytes = [...get(K), ...i32(4), I32_MUL];
  return [
    2, 10, I32, 5, V128,
    ...i32(0), ...set(P),
    LOOP, VOID,
    ...i32(0), ...set(J),
    LOOP, VOID,
    ...zero(ACC),
    ...get(A), ...get(P), ...get(K), I32_MUL, ...i32(16), I32_MUL, I32_ADD, ...set(AP),
    ...get(AP), ...get(K), ...i32(16), I32_MUL, I32_ADD, ...set(AEND),
    ...get(B), ...get(J), ...rowBytes, I32_MUL, I32_ADD, ...set(BP[0]),
    ...[1, 2, 3].flatMap((u) => [...get(BP[u - 1]), ...rowBytes, I32_ADD, ...set(BP[u])]),
    LOOP, VOID,
    ...get(AP), ...V128_LOAD, 3, 0, ...set(AV),
    ...[0, 1, 2, 3].flatMap((u) => [...mac(ACC[u], get(AV), splatFloat(BP[u])), ...add(BP[u], i32(4))]),
    ...add(AP, i32(16)),
    ...get(AP), ...get(AEND), I32_LT_U, BR_IF, 0,
    END,
    ...get(OUT), ...get(P), ...i32(2), I32_MUL, ...get(STRIDE), I32_MUL, ...get(J), I32_ADD, ...i32(4), I32_MUL, I32_ADD, ...set(O),
    ...get(O), ...get(STRIDE), ...i32(4), I32_MUL, I32_ADD, ...set(O2),
    ...[0, 1, 2, 3].flatMap((u) => [...store(O, 4 * u, ACC[u], 0), ...store(O2, 4 * u, ACC[u], 1)]),
    ...add(J, i32(4)),
    ...get(J), ...get(N), I32_LT_U, BR_IF, 0,
    END,
    ...add(P, i32(1)),
    ...get(P), ...get(PAIRS), I32_LT_U, BR_IF, 0,
    END,
    END,
  ];
}

// v(a, b, out, k, n, pairs, unused): a = 2 x pairs rows of K float32; b = K rows of N float32; out =
// rows of N float32; n a multiple of 8. (Seven parameters, as q: the module's functions share one type.)
function vBody(): number[] {
  const [A, B, OUT, K, N, PAIRS] = [0, 1, 2, 3, 4, 5];
  const [P, JB, AP0, AP1, BP, AEND, O, O2] = [7, 8, 9, 10, 11, 12, 13, 14];
  const ACC0 = [15, 16, 17, 18], ACC1 = [19, 20, 21, 22], S0 = 23, S1 = 24, W = 25;
  return [
    2, 8, I32, 11, V128,
    ...i32(0), ...set(P),
    LOOP, VOID,
    ...i32(0), ...set(JB),
    LOOP, VOID,
    ...zero([...ACC0, ...ACC1]),
    ...get(A), ...get(P), ...i32(2), I32_MUL, ...get(K), I32_MUL, ...i32(4), I32_MUL, I32_ADD, ...set(AP0),
    ...get(AP0), ...get(K), ...i32(4), I32_MUL, I32_ADD, ...set(AP1),
    ...get(AP1), ...set(AEND),
    ...get(B), ...get(JB), ...i32(4), I32_MUL, I32_ADD, ...set(BP),
    LOOP, VOID,
    ...splatFloat(AP0), ...set(S0),
    ...splatFloat(AP1), ...set(S1),
    ...[0, 1, 2, 3].flatMap((u) => [
      ...get(BP), ...V128_LOAD64_ZERO, 2, 8 * u, ...F64X2_PROMOTE_LOW, ...set(W),
      ...mac(ACC0[u], get(S0), get(W)), ...mac(ACC1[u], get(S1), get(W)),
    ]),
    ...add(BP, [...get(N), ...i32(4), I32_MUL]), ...add(AP0, i32(4)), ...add(AP1, i32(4)),
    ...get(AP0), ...get(AEND), I32_LT_U, BR_IF, 0,
    END,
    ...get(OUT), ...get(P), ...i32(2), I32_MUL, ...get(N), I32_MUL, ...get(JB), I32_ADD, ...i32(4), I32_MUL, I32_ADD, ...set(O),
    ...get(O), ...get(N), ...i32(4), I32_MUL, I32_ADD, ...set(O2),
    ...[0, 1, 2, 3].flatMap((u) => [...store(O, 8 * u, ACC0[u], 0), ...store(O, 8 * u + 4, ACC0[u], 1), ...store(O2, 8 * u, ACC1[u], 0), ...store(O2, 8 * u + 4, ACC1[u], 1)]),
    ...add(JB, i32(8)),
    ...get(JB), ...get(N), I32_LT_U, BR_IF, 0,
    END,
    ...add(P, i32(1)),
    ...get(P), ...get(PAIRS), I32_LT_U, BR_IF, 0,
    END,
    END,
  ];
}

const PAGE = 65536;
const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

class SimdProducts {
  private readonly memory: WasmMemory;
  private readonly q: (a: number, b: number, out: number, k: number, n: number, pairs: number, stride: number) => void;
  private readonly v: (a: number, b: number, out: number, k: number, n: number, pairs: number, unused: number) => void;

  constructor(mod: object) {
    this.memory = new wasm!.Memory({ initial: 1 });
    const exports = new wasm!.Instance(mod, { e: { m: this.memory } }).exports;
    [this.q, this.v] = [exports.q as typeof this.q, exports.v as typeof this.v];
  }

  /** Whole-memory views, made again only when the memory grows (a decode step would otherwise make three per product). */
  private f64 = new Float64Array(0);
  private f32 = new Float32Array(0);

  private reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
    if (this.f32.buffer !== this.memory.buffer) {
      this.f64 = new Float64Array(this.memory.buffer);
      this.f32 = new Float32Array(this.memory.buffer);
    }
  }

  /** Y = A B^T for B held as N rows of K (a multiple of 4 of the outputs here, the rest by the loop's arithmetic). */
  transposedB(a: Float32Array, m: number, k: number, b: Float32Array, n: number): Float32Array {
    const pairs = Math.ceil(m / 2), n4 = n - (n % 4);
    const bOff = align(pairs * k * 16), outOff = bOff + align(n * k * 4);
    this.reserve(outOff + 2 * pairs * n * 4);
    const ai = this.f64, mem = this.f32, o = outOff / 4;
    for (let i = 0; i < m; i++) {
      const lane = ((i >> 1) * k) * 2 + (i & 1);
      for (let t = 0; t < k; t++) ai[lane + 2 * t] = a[i * k + t];
    }
    if (m % 2 === 1) for (let t = 0; t < k; t++) ai[((pairs - 1) * k + t) * 2 + 1] = 0;
    mem.set(b, bOff / 4);
    if (n4 > 0) this.q(0, bOff, outOff, k, n4, pairs, n);
    for (let i = 0; i < m; i++) {
      for (let j = n4; j < n; j++) {
        let s = 0;
        for (let t = 0; t < k; t++) s += a[i * k + t] * b[j * k + t];
        mem[o + i * n + j] = s;
      }
    }
    return mem.slice(o, o + m * n);
  }

  /** Y = A B for B held as K rows of N, N a multiple of 8. */
  rowsOfB(a: Float32Array, m: number, k: number, b: Float32Array, n: number): Float32Array {
    const pairs = Math.ceil(m / 2);
    const bOff = align(2 * pairs * k * 4), outOff = bOff + align(k * n * 4);
    this.reserve(outOff + 2 * pairs * n * 4);
    const mem = this.f32;
    mem.set(a, 0);
    if (m % 2 === 1) mem.fill(0, m * k, 2 * pairs * k);
    mem.set(b, bOff / 4);
    this.v(0, bOff, outOff, k, n, pairs, 0);
    return mem.slice(outOff / 4, outOff / 4 + m * n);
  }
}

let products: SimdProducts | null | undefined;

/** This thread's product kernels, or null where WebAssembly SIMD is missing. */
export function simdProducts(): SimdProducts | null {
  if (products === undefined) {
    const mod = compileOrNull(() => functionsModule(7, [['q', qBody()], ['v', vBody()]]));
    products = mod ? new SimdProducts(mod) : null;
  }
  return products;
}
