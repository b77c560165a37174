/**
 * A few helpers for assembling small WebAssembly modules by hand (the project has no wasm
 * toolchain; its kernels are small enough to read as byte lists): opcodes of WebAssembly core 2.0
 * and of the fixed-width SIMD proposal (prefix 0xfd), LEB128 integers, sections, and the part of
 * the JavaScript WebAssembly API the kernels use. Shared by the GEMV kernel of the reference
 * backend (gemm/simd-gemv.ts) and the slack model's network kernel.
 */

export const I32 = 0x7f, V128 = 0x7b;
export const LOCAL_GET = 0x20, LOCAL_SET = 0x21, I32_CONST = 0x41, I32_ADD = 0x6a, I32_MUL = 0x6c, I32_LT_U = 0x49, I32_EQZ = 0x45;
export const BLOCK = 0x02, LOOP = 0x03, VOID = 0x40, BR_IF = 0x0d, END = 0x0b, F64_ADD = 0xa0, F32_DEMOTE_F64 = 0xb6, F32_STORE = 0x38;
/** A SIMD instruction's opcode bytes (0xfd, then the LEB128 sub-opcode). */
export const simd = (op: number) => (op < 0x80 ? [0xfd, op] : [0xfd, (op & 0x7f) | 0x80, op >> 7]);
export const V128_LOAD = simd(0x00), V128_LOAD32_SPLAT = simd(0x09), V128_LOAD64_SPLAT = simd(0x0a), V128_CONST = simd(0x0c), V128_LOAD64_LANE = simd(0x57), V128_STORE64_LANE = simd(0x5b);
export const V128_LOAD64_ZERO = simd(0x5d), F64X2_PROMOTE_LOW = simd(0x5f), F64X2_EXTRACT = simd(0x21);
export const F64X2_ADD = simd(0xf0), F64X2_MUL = simd(0xf2), F64X2_PMAX = simd(0xf7);
export const I8X16_SHUFFLE = simd(0x0d), F32X4_DEMOTE_F64X2_ZERO = simd(0x5e), F32X4_ADD = simd(0xe4), F32X4_MUL = simd(0xe6), F32X4_PMAX = simd(0xeb);

export function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}
export const uleb = (v: number): number[] => (v < 0x80 ? [v] : [(v & 0x7f) | 0x80, ...uleb(v >>> 7)]);
export const get = (i: number) => [LOCAL_GET, ...uleb(i)];
export const set = (i: number) => [LOCAL_SET, ...uleb(i)];
export const i32 = (v: number) => [I32_CONST, ...sleb(v)];

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (s: string) => [...uleb(s.length), ...Buffer.from(s, 'ascii')];

/**
 * A module of one function `g` with `params` i32 parameters and no result, importing its memory as
 * `e.m`; `body` is the function body (local declarations first, then the code, ending with END).
 */
export function oneFunctionModule(params: number, body: number[]): Uint8Array {
  return functionsModule(params, [['g', body]]);
}

/** A module of several functions of the same type (`params` i32 parameters, no result), exported by name. */
export function functionsModule(params: number, functions: readonly (readonly [string, number[]])[]): Uint8Array {
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, params, ...new Array<number>(params).fill(I32), 0]),
    ...section(2, [1, ...name('e'), ...name('m'), 0x02, 0x00, 1]),
    ...section(3, [functions.length, ...functions.map(() => 0)]),
    ...section(7, [functions.length, ...functions.flatMap(([n], i) => [...name(n), 0x00, i])]),
    ...section(10, [functions.length, ...functions.flatMap(([, body]) => [...uleb(body.length), ...body])]),
  ]);
}

/** The part of the WebAssembly JS API used here (the project's TypeScript setup has no DOM types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
export const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Compiles `bytes`, or null where WebAssembly (or the SIMD it uses) is missing: the caller keeps its plain path. */
export function compileOrNull(bytes: () => Uint8Array): object | null {
  try {
    return wasm ? new wasm.Module(bytes()) : null;
  } catch {
    return null;
  }
}
