import { describe, expect, it } from 'vitest';
import { createRng, fp16FromNumber, fp16Mul, fp16ToNumber, fp32FromBits, fp32ToBits } from '../../hw/index.ts';
import { FP16, FP32, addUnit, intToFloatUnit, mulUnit, printSourceFile, runRtl, widenUnit, type ModuleSet } from '../../hdl-gen/index.ts';
import { missingTool, skipReason } from '../helpers/requirements.ts';

const skip = skipReason(missingTool('iverilog'));

/** Runs `vectors` (operand tuples) through one combinational unit under iverilog; returns y per vector. */
async function simulate(units: ModuleSet, top: string, inputs: { name: string; width: number }[], outWidth: number, vectors: bigint[][]): Promise<bigint[]> {
  const total = inputs.reduce((s, i) => s + i.width, 0);
  const hex = vectors.map((v) => v.reduce((acc, x, i) => (acc << BigInt(inputs[i].width)) | x, 0n).toString(16)).join('\n');
  const tb = `module tb;
  ${inputs.map((i) => `reg [${i.width - 1}:0] ${i.name};`).join('\n  ')}
  wire [${outWidth - 1}:0] y;
  reg [${total - 1}:0] mem [0:${vectors.length - 1}];
  integer n;
  ${top} dut (${inputs.map((i) => `.${i.name}(${i.name})`).join(', ')}, .y(y));
  initial begin
    $readmemh("vectors.hex", mem);
    for (n = 0; n < ${vectors.length}; n = n + 1) begin
      {${inputs.map((i) => i.name).join(', ')}} = mem[n];
      #1 $display("%h", y);
    end
  end
endmodule
`;
  const design = printSourceFile({ header: ['float unit test'], modules: [...units.values()] });
  const { stdout } = await runRtl({ simulator: 'iverilog', top: 'tb', files: { 'units.v': design, 'tb.v': tb, 'vectors.hex': `${hex}\n` } });
  return stdout.trim().split('\n').map((l) => BigInt(`0x${l.trim()}`));
}

const isNaN32 = (b: bigint) => (b & 0x7f800000n) === 0x7f800000n && (b & 0x7fffffn) !== 0n;
const isNaN16 = (b: bigint) => (b & 0x7c00n) === 0x7c00n && (b & 0x3ffn) !== 0n;

/** Float32 bit patterns that reach every path: random, subnormal, near-equal, huge and tiny. */
function fp32Operands(rng: ReturnType<typeof createRng>, n: number): [number, number][] {
  const out: [number, number][] = [];
  const pick = (): number => {
    const r = rng.next();
    if (r < 0.1) return (rng.int(0, 0x7fffff) | (rng.next() < 0.5 ? 0x80000000 : 0)) >>> 0; // subnormal
    if (r < 0.15) return [0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f7fffff, 0x00800000][rng.int(0, 6)];
    if (r < 0.5) return ((rng.int(100, 150) << 23) | rng.int(0, 0x7fffff) | (rng.next() < 0.5 ? 0x80000000 : 0)) >>> 0;
    return rng.int(0, 0xffffffff) >>> 0;
  };
  for (let i = 0; i < n; i++) {
    const a = pick();
    const r = rng.next();
    // Near-cancellation pairs exercise the long normalization shifts of the adder.
    const b = r < 0.2 ? (a ^ 0x80000000 ^ rng.int(0, 7)) >>> 0 : r < 0.3 ? (a + rng.int(-3, 3)) >>> 0 : pick();
    out.push([a >>> 0, b]);
  }
  return out;
}

describe.skipIf(skip)('generated FP units are bit-exact with IEEE round-to-nearest-even', () => {
  it('fp32 adder against Math.fround(a + b)', async () => {
    const units: ModuleSet = new Map();
    const top = addUnit(units, FP32);
    const ops = fp32Operands(createRng(1), 20000);
    const got = await simulate(units, top, [{ name: 'a', width: 32 }, { name: 'b', width: 32 }], 32, ops.map(([a, b]) => [BigInt(a), BigInt(b)]));
    ops.forEach(([a, b], i) => {
      const want = BigInt(fp32ToBits(fp32FromBits(a) + fp32FromBits(b)));
      if (isNaN32(want)) expect(isNaN32(got[i])).toBe(true);
      else if (got[i] !== want) expect(`${a.toString(16)} + ${b.toString(16)} = ${got[i].toString(16)}`).toBe(want.toString(16));
    });
  });

  it('fp32 multiplier against Math.fround(a * b)', async () => {
    const units: ModuleSet = new Map();
    const top = mulUnit(units, FP32, FP32, FP32);
    const ops = fp32Operands(createRng(2), 20000).map(([a, b]) => [a, createRng(a).next() < 0.5 ? (((b & 0x807fffff) | ((254 - ((a >>> 23) & 0xff)) << 23)) >>> 0) : b] as [number, number]);
    const got = await simulate(units, top, [{ name: 'a', width: 32 }, { name: 'b', width: 32 }], 32, ops.map(([a, b]) => [BigInt(a), BigInt(b)]));
    ops.forEach(([a, b], i) => {
      const want = BigInt(fp32ToBits(fp32FromBits(a) * fp32FromBits(b)));
      if (isNaN32(want)) expect(isNaN32(got[i])).toBe(true);
      else if (got[i] !== want) expect(`${a.toString(16)} * ${b.toString(16)} = ${got[i].toString(16)}`).toBe(want.toString(16));
    });
  });

  it('fp16 x fp16 -> fp16 multiplier against hw/numeric fp16Mul (every a against a special and a random b)', async () => {
    const units: ModuleSet = new Map();
    const top = mulUnit(units, FP16, FP16, FP16);
    const rng = createRng(3);
    const ops: [number, number][] = [];
    for (let a = 0; a < 65536; a++) for (let j = 0; j < 2; j++) ops.push([a, j === 0 ? [0x3c00, 0x0001, 0x7bff, 0x8400][a & 3] : rng.int(0, 65535)]);
    const got = await simulate(units, top, [{ name: 'a', width: 16 }, { name: 'b', width: 16 }], 16, ops.map(([a, b]) => [BigInt(a), BigInt(b)]));
    ops.forEach(([a, b], i) => {
      const want = BigInt(fp16Mul(a, b));
      if (isNaN16(want)) expect(isNaN16(got[i])).toBe(true);
      else if (got[i] !== want) expect(`${a.toString(16)} * ${b.toString(16)} = ${got[i].toString(16)}`).toBe(want.toString(16));
    });
  });

  it('fp16 x fp16 -> fp32 (exact) and fp16 -> fp32 for every fp16', async () => {
    const units: ModuleSet = new Map();
    const top = mulUnit(units, FP16, FP16, FP32);
    const rng = createRng(4);
    const ops: [number, number][] = [];
    for (let a = 0; a < 65536; a += 7) ops.push([a, rng.int(0, 65535)]);
    const got = await simulate(units, top, [{ name: 'a', width: 16 }, { name: 'b', width: 16 }], 32, ops.map(([a, b]) => [BigInt(a), BigInt(b)]));
    ops.forEach(([a, b], i) => {
      const want = BigInt(fp32ToBits(fp16ToNumber(a) * fp16ToNumber(b)));
      if (isNaN32(want)) expect(isNaN32(got[i])).toBe(true);
      else expect(got[i]).toBe(want);
    });
    const widen: ModuleSet = new Map();
    const wtop = widenUnit(widen, FP16, FP32);
    const all = Array.from({ length: 65536 }, (_, a) => [BigInt(a)]);
    const wide = await simulate(widen, wtop, [{ name: 'a', width: 16 }], 32, all);
    for (let a = 0; a < 65536; a++) {
      const want = BigInt(fp32ToBits(fp16ToNumber(a)));
      if (isNaN32(want)) expect(isNaN32(wide[a])).toBe(true);
      else expect(wide[a]).toBe(want);
    }
  });

  it('int32 -> fp32 and int9 -> fp16 conversions', async () => {
    const units: ModuleSet = new Map();
    const top = intToFloatUnit(units, 32, FP32);
    const rng = createRng(5);
    const xs = [0, 1, -1, 0x7fffffff, -0x80000000, 16777217, -16777219, ...Array.from({ length: 5000 }, () => rng.int(-0x80000000, 0x7fffffff) >> rng.int(0, 31))];
    const got = await simulate(units, top, [{ name: 'x', width: 32 }], 32, xs.map((x) => [BigInt(x >>> 0)]));
    xs.forEach((x, i) => expect(got[i]).toBe(BigInt(fp32ToBits(x))));
    const small: ModuleSet = new Map();
    const stop = intToFloatUnit(small, 9, FP16);
    const ints = Array.from({ length: 512 }, (_, i) => i - 256);
    const got16 = await simulate(small, stop, [{ name: 'x', width: 9 }], 16, ints.map((x) => [BigInt(x & 0x1ff)]));
    ints.forEach((x, i) => expect(got16[i]).toBe(BigInt(fp16FromNumber(x))));
  });
});
