import { describe, expect, it } from 'vitest';
import {
  ANT_TYPE_NAMES,
  antDecodedWeights,
  antDequantizeWeights,
  antEncode,
  antQuantizeWeights,
  antType,
  createRng,
  fp16ToNumber,
  type AntTypeName,
} from '../../../hw/index.ts';
import { UserError } from '../../../util/index.ts';

/**
 * ANT's value grids as its reference code builds them (int_value, flint_value, pot_value in
 * antquant/quant_modules.py), with B value bits (3 when signed), scaled so the smallest nonzero
 * flint magnitude is 1.
 */
function antGrid(name: AntTypeName, signed: boolean): number[] {
  const B = signed ? 3 : 4;
  const values = [0];
  const push = (v: number): void => {
    values.push(v);
    if (signed) values.push(-v);
  };
  if (name === 'int4') {
    for (let i = 1; i < 2 ** B; i++) push(i);
    if (signed) values.push(-(2 ** B));
  } else if (name === 'pot4') {
    for (let i = 0; i < 2 ** B - 1; i++) push(2 ** i);
  } else {
    // Exponent fields of 2, 3, ... bits; each leaves B - bits mantissa bits; exponents -1, -2, ...
    // below 1, exponent 0 with 2 bits, then 1 .. B-2 above, and a last value 2^(B-1).
    const unit = 2 ** (B - 1);
    for (let i = 0; i <= B - 1; i++) {
      const mantBits = B - (i + 2);
      for (let j = 0; mantBits >= 0 && j < 2 ** mantBits; j++) push(unit * 2 ** -(i + 1) * (1 + j / 2 ** mantBits));
    }
    for (let j = 0; j < 2 ** (B - 2); j++) push(unit * (1 + j / 2 ** (B - 2)));
    for (let i = 1; i < B - 1; i++) {
      const mantBits = B - (i + 2);
      for (let j = 0; j < 2 ** mantBits; j++) push(unit * 2 ** i * (1 + j / 2 ** mantBits));
    }
    push(unit * 2 ** (B - 1));
  }
  if (values.length < 16) values.push(0); // ANT pads the signed grids (the -0 code)
  return values.sort((a, b) => a - b);
}

describe('ANT 4-bit types', () => {
  it('decode tables hold exactly the values of ANT grids, as integers', () => {
    for (const name of ANT_TYPE_NAMES) {
      for (const signed of [false, true]) {
        const decoded = Array.from(antType(name, signed).decode).sort((a, b) => a - b);
        expect(decoded, `${name} ${signed ? 'signed' : 'unsigned'}`).toEqual(antGrid(name, signed));
        for (const v of decoded) expect(Number.isInteger(v)).toBe(true);
      }
    }
  });

  it('decode tables follow the bit-level rules for all 16 codes of every type', () => {
    const table = (name: AntTypeName, signed: boolean): number[] => Array.from(antType(name, signed).decode);
    expect(table('int4', false)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(table('int4', true)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, -8, -7, -6, -5, -4, -3, -2, -1]);
    // flint: 0xxx integers; 10mm = 2^3 (1 + mm/4); 110m = 2^4 (1 + m/2); 1110 = 2^5; 1111 = 2^6.
    expect(table('flint4', false)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 24, 32, 64]);
    expect(table('flint4', true)).toEqual([0, 1, 2, 3, 4, 6, 8, 16, 0, -1, -2, -3, -4, -6, -8, -16]);
    expect(table('pot4', false)).toEqual([0, ...Array.from({ length: 15 }, (_, i) => 2 ** i)]);
    expect(table('pot4', true)).toEqual([0, 1, 2, 4, 8, 16, 32, 64, 0, -1, -2, -4, -8, -16, -32, -64]);
  });

  it('encode returns a nearest value at and around every decision boundary, ties to the smaller magnitude', () => {
    const problems: string[] = [];
    for (const name of ANT_TYPE_NAMES) {
      for (const signed of [false, true]) {
        const type = antType(name, signed);
        const values = Array.from(type.decode);
        // Every decision boundary: each level, each midpoint between neighbours, points just beside
        // them, and points beyond both ends.
        const levels = [...new Set(values)].sort((a, b) => a - b);
        const probes = [levels[0]! - 3, levels[levels.length - 1]! + 3];
        for (let i = 0; i < levels.length; i++) {
          probes.push(levels[i]!);
          if (i + 1 < levels.length) {
            const mid = (levels[i]! + levels[i + 1]!) / 2;
            probes.push(mid, mid - 1e-9, mid + 1e-9, (levels[i]! + mid) / 2, (mid + levels[i + 1]!) / 2);
          }
        }
        for (const t of probes) {
          const code = antEncode(type, t);
          const got = type.decode[code]!;
          const bestDistance = Math.min(...values.map((v) => Math.abs(t - v)));
          const tied = values.filter((v) => Math.abs(t - v) === bestDistance);
          const want = tied.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a));
          if (got !== want) problems.push(`${name}/${signed}: encode(${t}) -> ${got}, want ${want}`);
        }
        for (let code = 0; code < 16; code++) {
          if (type.decode[antEncode(type, type.decode[code]!)] !== type.decode[code]) problems.push(`${name}/${signed} code ${code}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('ANT type selection by minimum MSE', () => {
  /** A K x 1 column whose values are `grid` entries times `unit`, cycled. */
  const column = (grid: number[], K: number, unit: number): Float64Array => Float64Array.from({ length: K }, (_, k) => grid[k % grid.length]! * unit);

  it('picks the type whose grid the data lies on (zero error there, positive error elsewhere)', () => {
    const cases: [AntTypeName, number[]][] = [
      ['int4', [-7, -5, -3, -1, 0, 1, 2, 3, 4, 5, 6, 7]],
      ['flint4', [-16, -8, -6, -3, 0, 1, 2, 3, 4, 6, 8, 16]],
      ['pot4', [-64, -16, -2, 0, 1, 4, 8, 32, 64]],
    ];
    for (const [expected, grid] of cases) {
      const w = column(grid, 64, 0.0078125);
      const qw = antQuantizeWeights(w, 64, 1, { groupSize: 'channel', selection: 'tensor' });
      expect(qw.types[qw.typeIndex[0]!]!.name, expected).toBe(expected);
      expect(qw.sse).toBe(0);
      expect(Array.from(antDequantizeWeights(qw))).toEqual(Array.from(w));
      for (const other of ANT_TYPE_NAMES.filter((n) => n !== expected)) {
        expect(antQuantizeWeights(w, 64, 1, { groupSize: 'channel', selection: 'tensor', candidates: [other] }).sse).toBeGreaterThan(0);
      }
    }
  });

  it('the chosen type has the lowest error of all candidates, per tensor and per group, on random data', () => {
    const rng = createRng(21);
    const K = 128;
    const N = 6;
    for (let trial = 0; trial < 6; trial++) {
      // Mixtures: gaussian, heavy-tailed (cubed gaussian), uniform.
      const w = Float64Array.from({ length: K * N }, (_, i) => {
        const kind = (i + trial) % 3;
        const z = rng.normal();
        return kind === 0 ? z : kind === 1 ? z * z * z : rng.next() * 2 - 1;
      });
      const singles = ANT_TYPE_NAMES.map((name) => antQuantizeWeights(w, K, N, { groupSize: 32, selection: 'tensor', candidates: [name] }));
      const tensor = antQuantizeWeights(w, K, N, { groupSize: 32, selection: 'tensor' });
      expect(tensor.sse).toBe(Math.min(...singles.map((s) => s.sse)));
      const group = antQuantizeWeights(w, K, N, { groupSize: 32, selection: 'group' });
      expect(group.sse).toBeLessThanOrEqual(tensor.sse);
      // Per group: the chosen type's squared error is the minimum over the single-type runs.
      const deqs = singles.map((s) => antDequantizeWeights(s));
      const chosen = antDequantizeWeights(group);
      for (let g = 0; g < K / 32; g++) {
        for (let n = 0; n < N; n++) {
          const sse = (d: Float64Array): number => {
            let total = 0;
            for (let k = g * 32; k < g * 32 + 32; k++) total += (w[k * N + n]! - d[k * N + n]!) ** 2;
            return total;
          };
          expect(sse(chosen)).toBe(Math.min(...deqs.map(sse)));
        }
      }
    }
  });

  it('per-group selection gives different groups different types when their data differ', () => {
    const K = 64;
    const intLike = column([-7, -4, -1, 0, 2, 5, 7], 32, 0.01);
    const potLike = column([-64, -8, -1, 0, 1, 2, 16, 64], 32, 0.001);
    const w = Float64Array.from([...intLike, ...potLike]);
    const qw = antQuantizeWeights(w, K, 1, { groupSize: 32, selection: 'group' });
    expect(qw.types[qw.typeIndex[0]!]!.name).toBe('int4');
    expect(qw.types[qw.typeIndex[1]!]!.name).toBe('pot4');
    const ints = antDecodedWeights(qw);
    for (let k = 0; k < K; k++) {
      const g = Math.floor(k / 32);
      expect(ints[k]! * fp16ToNumber(qw.scales[g]!)).toBe(antDequantizeWeights(qw)[k]);
    }
  });

  it('clipping ratios never increase the error and unsigned types saturate negatives at 0', () => {
    const rng = createRng(4);
    const w = Float64Array.from({ length: 256 }, () => rng.normal() ** 3);
    const plain = antQuantizeWeights(w, 256, 1, { groupSize: 'channel', selection: 'tensor' });
    const clipped = antQuantizeWeights(w, 256, 1, { groupSize: 'channel', selection: 'tensor', clipRatios: [0.5, 0.6, 0.7, 0.8, 0.9, 1] });
    expect(clipped.sse).toBeLessThanOrEqual(plain.sse);
    const unsigned = antQuantizeWeights(w, 256, 1, { groupSize: 'channel', selection: 'tensor', signed: false });
    const deq = antDequantizeWeights(unsigned);
    for (let i = 0; i < 256; i++) if (w[i]! < 0) expect(deq[i]).toBe(0);
  });

  it('rejects bad candidates, clip ratios and group sizes with UserErrors', () => {
    const w = new Float64Array(64);
    expect(() => antQuantizeWeights(w, 64, 1, { groupSize: 48, selection: 'tensor' })).toThrow(UserError);
    expect(() => antQuantizeWeights(w, 64, 1, { groupSize: 32, selection: 'tensor', candidates: [] })).toThrow(/unknown ANT type list/);
    expect(() => antQuantizeWeights(w, 64, 1, { groupSize: 32, selection: 'tensor', clipRatios: [1.5] })).toThrow(UserError);
  });
});
