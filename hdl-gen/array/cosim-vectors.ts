// Test vectors for co-simulation, built with the TS simulator: the buffer contents the array reads
// (as the memory-style ports deliver them) and, per tile pass, the simulator's readout events and
// cycle count. Outside a ragged tile the buffers hold seeded garbage, so the RTL's masking is
// exercised rather than assumed.
import {
  activationBits, antQuantizeWeights, createRng, fp16FromNumber, quantizeActivations, ANT_TYPE_NAMES,
  type QuantizedActivations, type QuantizedWeights,
} from '../../hw/index.ts';
import {
  feederOperands, randomGemmOperands, simulatePass, tilePasses, validateGemm,
  type Fp16Activations, type GemmOperands, type GemmShape, type OutputRowEvent, type SimConfig, type TilePass,
} from '../../sim/index.ts';
import type { DesignParams } from './design-params.ts';

export interface PassVectors {
  readonly tile: TilePass;
  /** Operand cycles of the pass (Kc). */
  readonly opCycles: number;
  /** Per operand cycle: the x, w, z and sw words as hex (x row 0 / column 0 in the low bits). */
  readonly x: readonly string[];
  readonly w: readonly string[];
  readonly z: readonly string[];
  readonly sw: readonly string[];
  /** FP16 activation scales of the rows (int8 activations), row 0 low. */
  readonly sa: string;
  /** What the simulator says: cycles of the pass and its readout rows. */
  readonly cycles: number;
  readonly outputs: readonly OutputRowEvent[];
}

export interface CosimVectors {
  readonly shape: GemmShape;
  readonly seed: number;
  readonly antType: number;
  readonly passes: readonly PassVectors[];
}

/** Packs fields (lowest first) of their own widths into one hex word. */
function packFields(fields: readonly (readonly [number, number])[]): string {
  let word = 0n;
  for (let i = fields.length - 1; i >= 0; i--) {
    const [value, bits] = fields[i]!;
    word = (word << BigInt(bits)) | (BigInt(value) & ((1n << BigInt(bits)) - 1n));
  }
  return word.toString(16);
}

/** Packs fields (lowest first) of `bits` bits each into one hex word. */
function packHex(values: readonly number[], bits: number): string {
  return packFields(values.map((v) => [v, bits] as const));
}

/**
 * Seeded operands for any kind. ANT picks one 4-bit type for the whole tensor (the generated
 * feeder decodes with a per-pass type select), given to the simulator as codes plus their decoder.
 */
export function cosimOperands(config: SimConfig, shape: GemmShape, seed: number): { operands: GemmOperands & { weights: QuantizedWeights }; antType: number } {
  if (config.pe.weightFeed !== 'ant-decode') {
    const operands = randomGemmOperands(config, shape, seed);
    if (!('zeros' in operands.weights)) throw new Error(`${config.pe.id}: expected group-quantized weights`);
    return { operands: { ...operands, weights: operands.weights }, antType: 0 };
  }
  const rng = createRng(seed);
  const { m, k, n } = shape;
  const wReal = Float64Array.from({ length: k * n }, () => rng.normal() * 0.05 * (rng.next() < 0.05 ? 8 : 1));
  const xReal = Float64Array.from({ length: m * k }, () => rng.normal());
  const ant = antQuantizeWeights(wReal, k, n, { groupSize: config.group, selection: 'tensor' });
  const type = ant.types[ant.typeIndex[0]!]!;
  const weights: QuantizedWeights = {
    K: k, N: n, bits: 4, scheme: 'symmetric', groupSize: ant.groupSize, groups: ant.groups,
    codes: Int16Array.from(ant.codes), scales: ant.scales, zeros: new Uint8Array(ant.groups * n),
  };
  const operands = { weights, activations: quantizeActivations(xReal, m, k, activationBits(config.pe)), antValue: (code: number) => type.decode[code]! };
  return { operands, antType: ANT_TYPE_NAMES.indexOf(type.name) };
}

export function cosimVectors(p: DesignParams, shape: GemmShape, seed: number): CosimVectors {
  const config = p.config;
  validateGemm(config, shape);
  const { operands, antType } = cosimOperands(config, shape, seed);
  const feeder = feederOperands(config, operands);
  const garbage = createRng(seed ^ 0x5eed);
  const m = p.modes[p.mode]!;
  const { kp, xBits, qBits } = m;
  const kc = shape.k / kp;
  const { weights } = operands;
  const acts = operands.activations;
  const xCode = (r: number, k: number) =>
    'values' in acts ? (acts as Fp16Activations).values[r * shape.k + k]! : (acts as QuantizedActivations).codes[r * shape.k + k]!;
  const passes = tilePasses(config, shape).map((tile): PassVectors => {
    const inRow = (r: number) => r < tile.rows;
    const inCol = (q: number) => q < tile.cols;
    const junk = (bits: number) => garbage.int(0, 2 ** bits - 1);
    const x: string[] = [];
    const w: string[] = [];
    const z: string[] = [];
    const sw: string[] = [];
    for (let s = 0; s < kc; s++) {
      // Each row's word holds its kp codes in the mode's width; the rest of the word is garbage.
      const xs: [number, number][] = [];
      for (let r = 0; r < p.rows; r++) {
        for (let i = 0; i < kp; i++) xs.push([inRow(r) ? xCode(tile.m0 + r, s * kp + i) : junk(xBits), xBits]);
        if (p.xWord > kp * xBits) xs.push([junk(p.xWord - kp * xBits), p.xWord - kp * xBits]);
      }
      x.push(packFields(xs));
      const ws: [number, number][] = [];
      const zs: number[] = [];
      const ss: number[] = [];
      const g = Math.floor((s * kp) / weights.groupSize);
      for (let q = 0; q < p.outCols; q++) {
        const n = tile.n0 + q;
        for (let i = 0; i < kp; i++) ws.push([inCol(q) ? weights.codes[(s * kp + i) * shape.n + n]! : junk(qBits), qBits]);
        if (p.qWord > kp * qBits) ws.push([junk(p.qWord - kp * qBits), p.qWord - kp * qBits]);
        zs.push(inCol(q) ? weights.zeros[g * shape.n + n]! : junk(qBits));
        ss.push(inCol(q) ? weights.scales[g * shape.n + n]! : fp16FromNumber(garbage.normal() * 1e4));
      }
      w.push(packFields(ws));
      z.push(packHex(zs, qBits));
      sw.push(packHex(ss, 16));
    }
    const sa = packHex(Array.from({ length: p.rows }, (_, r) => (inRow(r) && feeder.xScale ? feeder.xScale[tile.m0 + r]! : fp16FromNumber(garbage.normal() * 1e4))), 16);
    const run = simulatePass(config, feeder, shape, tile, undefined, true);
    return { tile, opCycles: kc, x, w, z, sw, sa, cycles: run.cycles, outputs: run.outputs! };
  });
  return { shape, seed, antType, passes };
}
