import { wasmAsm } from '../../../common/index.ts';
import type { MlpWeights } from './mlp.ts';

const {
  BLOCK, BR_IF, END, F32X4_ADD, F32X4_DEMOTE_F64X2_ZERO, F32X4_MUL, F32X4_PMAX, F64X2_PROMOTE_LOW, I32_ADD, I32_EQZ, I32_LT_U, I8X16_SHUFFLE,
  LOOP, V128, V128_CONST, V128_LOAD64_LANE, V128_LOAD64_SPLAT, V128_STORE64_LANE, VOID, compileOrNull, get, i32, oneFunctionModule, set, uleb,
  wasm,
} = wasmAsm;
type WasmMemory = wasmAsm.WasmMemory;

/**
 * The slack model's networks as WebAssembly SIMD in single precision: four feature rows per
 * f32x4 vector, one row in each lane. The networks were trained in float32 (tfjs), so this runs
 * them at the precision they were fitted in, four rows per instruction. Each row's sums are taken
 * as in the straight-line JavaScript kernel (mlp.ts: from its bias, the inputs in order, a float32
 * multiply and a float32 add per term; ReLU as f32x4.pmax(0, s), which like `if (!(s > 0)) s = 0`
 * maps NaN and -0 to +0), so the two give the same outputs bit for bit. The weights (the input
 * standardization folded in, in double, then rounded to float32) are constants of the code
 * (v128.const), one module per network. The rows stay double-precision row-major in memory: per
 * four rows the function loads each feature of rows 0-1 and 2-3 as two f64x2, narrows both to
 * float32 and joins them into one vector, runs the layers, and widens each output back to double
 * into its row. More rows per step (two vectors) ran out of the 16 SSE registers before.
 */

const f32Quad = (v: number): number[] => {
  const b = Buffer.alloc(16);
  for (let i = 0; i < 4; i++) b.writeFloatLE(v, 4 * i);
  return [...b];
};

/** i8x16.shuffle lanes: the low two float32 lanes of the first vector, then the low two of the second. */
const JOIN_LOW = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
/** i8x16.shuffle lanes: float32 lanes 2 and 3 of the first vector into lanes 0 and 1. */
const HIGH_TO_LOW = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];

/** Parameters: 0 input (byte offset of the rows), 1 output (byte offset), 2 input end (byte offset after the last four rows). */
const [IN, OUT, END_IN] = [0, 1, 2];

function moduleBytes(m: MlpWeights): Uint8Array {
  const { sizes } = m;
  const layers = sizes.length - 1;
  const nIn = sizes[0]!;
  const nOut = sizes[layers]!;
  let locals = 3;
  const local = () => locals++;
  const zero = local();
  const wide = local();
  const quad: number[] = [];
  // Feature i of rows r and r + 1 (byte offsets of the rows a, b) as a float32 vector [x_r, x_r+1, 0, 0].
  const twoRows = (a: number, b: number) => [...get(IN), ...get(IN), ...V128_LOAD64_SPLAT, 3, ...uleb(a), ...V128_LOAD64_LANE, 3, ...uleb(b), 1, ...F32X4_DEMOTE_F64X2_ZERO];
  let prev = Array.from({ length: nIn }, (_, i) => {
    const v = local();
    quad.push(...twoRows(8 * i, 8 * (nIn + i)), ...twoRows(8 * (2 * nIn + i), 8 * (3 * nIn + i)), ...I8X16_SHUFFLE, ...JOIN_LOW, ...set(v));
    return v;
  });
  for (let l = 0; l < layers; l++) {
    const n = sizes[l]!;
    const next: number[] = [];
    for (let j = 0; j < sizes[l + 1]!; j++) {
      const s = local();
      quad.push(...V128_CONST, ...f32Quad(m.b[l]![j]!));
      for (let i = 0; i < n; i++) quad.push(...get(prev[i]!), ...V128_CONST, ...f32Quad(m.w[l]![j * n + i]!), ...F32X4_MUL, ...F32X4_ADD);
      quad.push(...set(s));
      if (l + 1 < layers) quad.push(...get(zero), ...get(s), ...F32X4_PMAX, ...set(s));
      next.push(s);
    }
    prev = next;
  }
  for (let j = 0; j < nOut; j++) {
    // Rows 0 and 1 from the low lanes, rows 2 and 3 from the high ones, each widened to double.
    quad.push(...get(prev[j]!), ...F64X2_PROMOTE_LOW, ...set(wide));
    quad.push(...get(OUT), ...get(wide), ...V128_STORE64_LANE, 3, ...uleb(8 * j), 0);
    quad.push(...get(OUT), ...get(wide), ...V128_STORE64_LANE, 3, ...uleb(8 * (nOut + j)), 1);
    quad.push(...get(prev[j]!), ...get(prev[j]!), ...I8X16_SHUFFLE, ...HIGH_TO_LOW, ...F64X2_PROMOTE_LOW, ...set(wide));
    quad.push(...get(OUT), ...get(wide), ...V128_STORE64_LANE, 3, ...uleb(8 * (2 * nOut + j)), 0);
    quad.push(...get(OUT), ...get(wide), ...V128_STORE64_LANE, 3, ...uleb(8 * (3 * nOut + j)), 1);
  }
  quad.push(...get(IN), ...i32(32 * nIn), I32_ADD, ...set(IN), ...get(OUT), ...i32(32 * nOut), I32_ADD, ...set(OUT));
  const body = [
    1, ...uleb(locals - 3), V128, // v128 locals: zero, wide, the inputs, every layer's sums (zero is 0 as declared)
    BLOCK, VOID, ...get(IN), ...get(END_IN), I32_LT_U, I32_EQZ, BR_IF, 0,
    LOOP, VOID, ...quad, ...get(IN), ...get(END_IN), I32_LT_U, BR_IF, 0, END,
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
  /** Rows the regions hold (a multiple of four, at least three more than any batch asked for: the last rows' partners). */
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
    if (rows + 3 > this.capacity) {
      const capacity = (Math.max(rows + 3, this.capacity * 2) + 3) & ~3;
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
    if (input !== this.inView || rows + 3 > this.capacity) this.input(rows).set(input.subarray(0, rows * this.nIn));
    const quads = (rows + 3) >> 2;
    this.run(0, this.capacity * this.nIn * 8, quads * 32 * this.nIn);
    return this.outView;
  }
}
