/**
 * Weight-stationary tiling (docs/sim-cycle-model.md, "Weight-stationary option") and its closed-form
 * pass figures. A pass holds an Rk x C weight tile (Rk = min(R kp, G) k-rows, C x lanes columns) and streams the rows of
 * one M tile; N tiles outer, then M tiles, then the K tiles innermost.
 */
import { DEQUANT_LATENCY, groupLength } from '../dequant-unit.ts';
import { activationOperandBits, activationTileBytes, weightGroupBits } from '../operand-bits.ts';
import { residency } from '../residency.ts';
import type { PassDram } from '../pass-blocks.ts';
import { peThroughput } from '../throughput.ts';
import type { GemmShape, SimConfig } from '../types.ts';

export interface WsTile {
  readonly m0: number;
  readonly rows: number;
  readonly n0: number;
  readonly cols: number;
  readonly k0: number;
}

/**
 * k-rows per weight tile (each PE row holds kp of them), output columns per tile (each PE column
 * holds `lanes`), and rows per M tile (the partial and output accumulators, 2 x 4 bytes each, live in
 * the output buffer).
 */
export function wsGeometry(config: SimConfig, shape: GemmShape): { rk: number; mt: number; nt: number } {
  const { rows: R, cols: C } = config.array;
  const { kp, lanes } = peThroughput(config);
  const nt = C * lanes;
  return { rk: Math.min(R * kp, config.group), mt: Math.min(shape.m, Math.floor(config.array.outputBuffer.bytes / (nt * 8))), nt };
}

/** N tiles outer, then M tiles, then the K tiles (innermost, so the partials of a tile stay on chip). */
export function wsTiles(config: SimConfig, shape: GemmShape): WsTile[] {
  const { rk, mt, nt } = wsGeometry(config, shape);
  const tiles: WsTile[] = [];
  for (let n0 = 0; n0 < shape.n; n0 += nt) {
    for (let m0 = 0; m0 < shape.m; m0 += mt) {
      for (let k0 = 0; k0 < shape.k; k0 += rk) {
        tiles.push({ m0, rows: Math.min(mt, shape.m - m0), n0, cols: Math.min(nt, shape.n - n0), k0 });
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
  const x = activationOperandBits(config);
  return {
    cycles: wsPassCycles(config, t.rows),
    macs: t.rows * t.cols * rk,
    groupPartials: groupFinal ? t.rows * t.cols : 0,
    weightsFed: t.cols * rk,
    activationReadBits: t.rows * rk * x.code + (groupFinal ? t.rows * x.scale : 0),
    weightReadBits: t.cols * rk * config.pe.weightBits + (weightGroupStart ? t.cols * weightGroupBits(config) : 0),
    outputWriteBits: t.rows * t.cols * 32,
  };
}

/** DRAM traffic of one WS pass (`first`: the GEMM's first pass), with the residency rule of the output-stationary tiling. */
export function wsTileDram(config: SimConfig, shape: GemmShape, t: WsTile, first: boolean): PassDram {
  const { rk, nt } = wsGeometry(config, shape);
  const resident = residency(config, shape, nt);
  const x = activationOperandBits(config);
  const weightTile = (t.cols * rk * config.pe.weightBits + (t.k0 % config.group === 0 ? t.cols * weightGroupBits(config) : 0)) / 8;
  const activationTile = (t.rows * rk * x.code + (t.k0 === 0 ? t.rows * x.scale : 0)) / 8;
  return {
    weightFillBytes: !resident.weights || t.m0 === 0 ? weightTile : 0,
    activationFillBytes: resident.activations ? (first ? activationTileBytes(config, shape.k, shape.m) : 0) : activationTile,
    writeBytes: t.k0 + rk === shape.k ? t.rows * t.cols * 4 : 0,
  };
}
