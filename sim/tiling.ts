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
 * DRAM traffic of every pass. Weights of an N tile stay resident across its M tiles when they fit
 * in half the weight buffer (the other half is being refilled); the whole activation matrix stays
 * resident when it fits in half the activation buffer; outputs are written once.
 */
export function passDramTraffic(config: SimConfig, shape: GemmShape, passes: readonly TilePass[]): PassDram[] {
  const { k } = shape;
  const weightsResident = weightTileBytes(config, k, config.array.cols) <= config.array.weightBuffer.bytes / 2;
  const activationsResident = activationTileBytes(config, k, shape.m) <= config.array.activationBuffer.bytes / 2;
  return passes.map((p, i) => ({
    weightFillBytes: !weightsResident || p.m0 === 0 ? weightTileBytes(config, k, p.cols) : 0,
    activationFillBytes: activationsResident ? (i === 0 ? activationTileBytes(config, k, shape.m) : 0) : activationTileBytes(config, k, p.rows),
    writeBytes: p.rows * p.cols * 4,
  }));
}
