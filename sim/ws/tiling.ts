/**
 * Weight-stationary tiling (docs/sim-cycle-model.md, "Weight-stationary option") and its closed-form
 * pass figures. A pass holds an Rk x C weight tile (Rk = min(R, G) k-rows) and streams the rows of
 * one M tile; N tiles outer, then M tiles, then the K tiles innermost.
 */
import { activationBits } from '../../hw/index.ts';
import { DEQUANT_LATENCY, groupLength } from '../dequant-unit.ts';
import { weightGroupBits } from '../operand-bits.ts';
import { activationTileBytes } from '../operand-bits.ts';
import { residency } from '../residency.ts';
import type { PassDram } from '../pass-blocks.ts';
import type { GemmShape, SimConfig } from '../types.ts';

export interface WsTile {
  readonly m0: number;
  readonly rows: number;
  readonly n0: number;
  readonly cols: number;
  readonly k0: number;
}

/** k-rows per weight tile and rows per M tile (the partial and output accumulators, 2 x 4 bytes each, live in the output buffer). */
export function wsGeometry(config: SimConfig, shape: GemmShape): { rk: number; mt: number } {
  const { rows: R, cols: C } = config.array;
  return { rk: Math.min(R, config.group), mt: Math.min(shape.m, Math.floor(config.array.outputBuffer.bytes / (C * 8))) };
}

/** N tiles outer, then M tiles, then the K tiles (innermost, so the partials of a tile stay on chip). */
export function wsTiles(config: SimConfig, shape: GemmShape): WsTile[] {
  const { rk, mt } = wsGeometry(config, shape);
  const tiles: WsTile[] = [];
  for (let n0 = 0; n0 < shape.n; n0 += config.array.cols) {
    for (let m0 = 0; m0 < shape.m; m0 += mt) {
      for (let k0 = 0; k0 < shape.k; k0 += rk) {
        tiles.push({ m0, rows: Math.min(mt, shape.m - m0), n0, cols: Math.min(config.array.cols, shape.n - n0), k0 });
      }
    }
  }
  return tiles;
}

/** Weight load (R) + stream until the last row leaves the last column (R + rows + C - 1) + dequant. */
export function wsPassCycles(config: SimConfig, rows: number): number {
  const { rows: R, cols: C } = config.array;
  return 2 * R + rows + C - 1 + DEQUANT_LATENCY;
}

/** Buffer bits of one pass and its operation counts. */
export function wsPassCounts(config: SimConfig, shape: GemmShape, t: WsTile) {
  const { rk } = wsGeometry(config, shape);
  const groupFinal = (t.k0 + rk) % groupLength(config, shape.k) === 0;
  const weightGroupStart = t.k0 % config.group === 0;
  return {
    cycles: wsPassCycles(config, t.rows),
    macs: t.rows * t.cols * rk,
    groupPartials: groupFinal ? t.rows * t.cols : 0,
    weightsFed: t.cols * rk,
    activationReadBits: t.rows * rk * activationBits(config.pe) + (groupFinal && config.pe.activation === 'int8' ? t.rows * 16 : 0),
    weightReadBits: t.cols * rk * config.pe.weightBits + (weightGroupStart ? t.cols * weightGroupBits(config) : 0),
    outputWriteBits: t.rows * t.cols * 32,
  };
}

/** DRAM traffic of one WS pass (`first`: the GEMM's first pass), with the residency rule of the output-stationary tiling. */
export function wsTileDram(config: SimConfig, shape: GemmShape, t: WsTile, first: boolean): PassDram {
  const { rk } = wsGeometry(config, shape);
  const resident = residency(config, shape, config.array.cols);
  const weightTile = (t.cols * rk * config.pe.weightBits + (t.k0 % config.group === 0 ? t.cols * weightGroupBits(config) : 0)) / 8;
  const activationTile = (t.rows * rk * activationBits(config.pe) + (t.k0 === 0 && config.pe.activation === 'int8' ? t.rows * 16 : 0)) / 8;
  return {
    weightFillBytes: !resident.weights || t.m0 === 0 ? weightTile : 0,
    activationFillBytes: resident.activations ? (first ? activationTileBytes(config, shape.k, shape.m) : 0) : activationTile,
    writeBytes: t.k0 + rk === shape.k ? t.rows * t.cols * 4 : 0,
  };
}

/** DRAM traffic per WS pass. */
export function wsPassDram(config: SimConfig, shape: GemmShape, tiles: readonly WsTile[]): PassDram[] {
  return tiles.map((t, i) => wsTileDram(config, shape, t, i === 0));
}

