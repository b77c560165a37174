import {
  BLOCK, BR_IF, END, F64X2_ADD, F64X2_MUL, F64X2_PMAX, I32_ADD, I32_EQZ, I32_LT_U, LOOP, V128, V128_CONST, V128_LOAD64_LANE,
  V128_LOAD64_SPLAT, V128_STORE64_LANE, VOID, compileOrNull, get, i32, oneFunctionModule, set, uleb, wasm, type WasmMemory,
} from '../../../common/wasm-asm.ts';
import type { MlpWeights } from './mlp.ts';

/**
 * The slack model's networks as WebAssembly SIMD: two feature rows per f64x2 vector, one row in
 * each lane, so every row's sums are taken exactly as in the straight-line JavaScript kernel
 * (each from its bias, the inputs in order, a double multiply and a double add per term; ReLU as
 * f64x2.pmax(0, s), which like `if (!(s > 0)) s = 0` maps NaN and -0 to +0): the outputs are the
 * same bit for bit, two rows per instruction. As in that kernel, the weights are constants of
 * the code (v128.const), one module per network. Per pair of rows the function loads each
 * feature of both rows into a vector's two lanes, runs the layers, and stores the outputs'
 * lanes back to their rows. About 1.3 to 1.4 times the straight-line JavaScript on the shipped
 * networks (more rows per vector ran out of the 16 SSE registers and was slower).
 */

const f64Pair = (v: number): number[] => {
  const b = Buffer.alloc(16);
  b.writeDoubleLE(v, 0);
  b.writeDoubleLE(v, 8);
  return [...b];
};

/** Parameters: 0 input (byte offset of the rows), 1 output (byte offset), 2 input end (byte offset after the last pair of rows). */
const [IN, OUT, END_IN] = [0, 1, 2];

function moduleBytes(m: MlpWeights): Uint8Array {
  const { sizes } = m;
  const layers = sizes.length - 1;
  const nIn = sizes[0]!;
  const nOut = sizes[layers]!;
  let locals = 3;
  const local = () => locals++;
  const zero = local();
  const pair: number[] = [];
  // Feature i of rows 2t and 2t + 1 into the two lanes of one vector.
  let prev = Array.from({ length: nIn }, (_, i) => {
    const v = local();
    pair.push(...get(IN), ...get(IN), ...V128_LOAD64_SPLAT, 3, ...uleb(8 * i), ...V128_LOAD64_LANE, 3, ...uleb(8 * (nIn + i)), 1, ...set(v));
    return v;
  });
  for (let l = 0; l < layers; l++) {
    const n = sizes[l]!;
    const next: number[] = [];
    for (let j = 0; j < sizes[l + 1]!; j++) {
      const s = local();
      pair.push(...V128_CONST, ...f64Pair(m.b[l]![j]!));
      for (let i = 0; i < n; i++) pair.push(...get(prev[i]!), ...V128_CONST, ...f64Pair(m.w[l]![j * n + i]!), ...F64X2_MUL, ...F64X2_ADD);
      pair.push(...set(s));
      if (l + 1 < layers) pair.push(...get(zero), ...get(s), ...F64X2_PMAX, ...set(s));
      next.push(s);
    }
    prev = next;
  }
  for (let j = 0; j < nOut; j++) {
    pair.push(...get(OUT), ...get(prev[j]!), ...V128_STORE64_LANE, 3, ...uleb(8 * j), 0);
    pair.push(...get(OUT), ...get(prev[j]!), ...V128_STORE64_LANE, 3, ...uleb(8 * (nOut + j)), 1);
  }
  pair.push(...get(IN), ...i32(16 * nIn), I32_ADD, ...set(IN), ...get(OUT), ...i32(16 * nOut), I32_ADD, ...set(OUT));
  const body = [
    1, ...uleb(locals - 3), V128, // v128 locals: zero, the inputs, every layer's sums (zero is 0 as declared)
    BLOCK, VOID, ...get(IN), ...get(END_IN), I32_LT_U, I32_EQZ, BR_IF, 0,
    LOOP, VOID, ...pair, ...get(IN), ...get(END_IN), I32_LT_U, BR_IF, 0, END,
    END,
    END,
  ];
  return oneFunctionModule(3, body);
}

const PAGE = 65536;

/**
 * One network's kernel and its memory: the input rows, then the output rows. `input(rows)`
 * hands out the input region as a Float64Array to write the rows into directly (valid until the
 * next `input` call, which may grow the memory); `forward` runs the network on it.
 */
export class SimdMlp {
  private readonly run: (input: number, output: number, end: number) => void;
  private readonly memory: WasmMemory;
  private readonly nIn: number;
  private readonly nOut: number;
  /** Rows the regions hold (even, one more than any batch asked for, for the odd row's partner). */
  private capacity = 0;
  private inView = new Float64Array(0);
  private outView = new Float64Array(0);

  private constructor(mod: object, m: MlpWeights) {
    this.nIn = m.sizes[0]!;
    this.nOut = m.sizes[m.sizes.length - 1]!;
    this.memory = new wasm!.Memory({ initial: 1 });
    this.run = new wasm!.Instance(mod, { e: { m: this.memory } }).exports.g as typeof this.run;
  }

  /** The kernel of network `m`, or undefined where WebAssembly SIMD is missing. */
  static of(m: MlpWeights): SimdMlp | undefined {
    const mod = compileOrNull(() => moduleBytes(m));
    return mod ? new SimdMlp(mod, m) : undefined;
  }

  /** The input region for `rows` rows (row-major, nIn doubles each). */
  input(rows: number): Float64Array {
    if (rows + 1 > this.capacity) {
      const capacity = Math.max(rows + 2, this.capacity * 2) & ~1;
      const bytes = capacity * (this.nIn + this.nOut) * 8;
      const have = this.memory.buffer.byteLength;
      if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
      this.capacity = capacity;
    }
    if (this.inView.buffer !== this.memory.buffer || this.inView.length !== this.capacity * this.nIn) {
      this.inView = new Float64Array(this.memory.buffer, 0, this.capacity * this.nIn);
      this.outView = new Float64Array(this.memory.buffer, this.capacity * this.nIn * 8, this.capacity * this.nOut);
    }
    return this.inView;
  }

  /**
   * Runs the network on `rows` rows of `input` (copied in unless it is this kernel's input
   * region) and returns the output region (`rows x nOut` values; valid until the next call).
   */
  forward(input: Float64Array, rows: number): Float64Array {
    if (input !== this.inView || rows + 1 > this.capacity) this.input(rows).set(input.subarray(0, rows * this.nIn));
    const pairs = (rows + 1) >> 1;
    this.run(0, this.capacity * this.nIn * 8, pairs * 16 * this.nIn);
    return this.outView;
  }
}
