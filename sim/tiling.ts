/**
 * Tiling of an M x K x N GEMM into output-stationary passes (N tiles outer, M tiles inner) and the
 * DRAM traffic each pass causes, with the residency rule of docs/sim-cycle-model.md ("Memory").
 */
import { activationBits } from '../hw/index.ts';
import { weightGroupBits } from './pass-model.ts';
import type { GemmShape, SimConfig, TilePass } from './types.ts';

export function tilePasses(config: SimConfig, shape: GemmShape): TilePass[] {
  const { rows: R, cols: C } = config.array;
  const passes: TilePass[] = [];
  for (let n0 = 0; n0 < shape.n; n0 += C) {
    for (let m0 = 0; m0 < shape.m; m0 += R) {
      passes.push({ m0, n0, rows: Math.min(R, shape.m - m0), cols: Math.min(C, shape.n - n0) });
    }
  }
  return passes;
}

/** Bytes of the weights of `cols` columns over all K (codes + per-group scale and zero point). */
export function weightTileBytes(config: SimConfig, k: number, cols: number): number {
  return (cols * k * config.pe.weightBits + (k / config.group) * cols * weightGroupBits(config)) / 8;
}

/** Bytes of `rows` activation rows over all K (codes + per-token scale for INT8 activations). */
export function activationTileBytes(config: SimConfig, k: number, rows: number): number {
  return (rows * k * activationBits(config.pe) + (config.pe.activation === 'int8' ? rows * 16 : 0)) / 8;
}

export interface PassDram {
  readonly weightFillBytes: number;
  readonly activationFillBytes: number;
  readonly writeBytes: number;
}

/**
 * Whether operands stay on chip: the weights of an N tile across its M tiles when they fit in half
 * the weight buffer (the other half is being refilled); the whole activation matrix when it fits in
 * half the activation buffer.
 */
export function residency(config: SimConfig, shape: GemmShape): { weights: boolean; activations: boolean } {
  return {
    weights: weightTileBytes(config, shape.k, config.array.cols) <= config.array.weightBuffer.bytes / 2,
    activations: activationTileBytes(config, shape.k, shape.m) <= config.array.activationBuffer.bytes / 2,
  };
}

/**
 * DRAM traffic of one pass of `rows` x `cols` outputs, the first of its N tile (`firstInColumn`) or
 * of the GEMM (`first`), with the residency rule; outputs are written once.
 */
export function passDram(config: SimConfig, shape: GemmShape, rows: number, cols: number, firstInColumn: boolean, first: boolean): PassDram {
  const { k } = shape;
  const resident = residency(config, shape);
  return {
    weightFillBytes: !resident.weights || firstInColumn ? weightTileBytes(config, k, cols) : 0,
    activationFillBytes: resident.activations ? (first ? activationTileBytes(config, k, shape.m) : 0) : activationTileBytes(config, k, rows),
    writeBytes: rows * cols * 4,
  };
}

/** DRAM traffic of every pass. */
export function passDramTraffic(config: SimConfig, shape: GemmShape, passes: readonly TilePass[]): PassDram[] {
  return passes.map((p, i) => passDram(config, shape, p.rows, p.cols, p.m0 === 0, i === 0));
}
