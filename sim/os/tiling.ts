/**
 * Output-stationary tiling of an M x K x N GEMM into passes (N tiles outer, M tiles inner; a pass
 * covers R rows and C x lanes columns over the whole K) and the DRAM traffic each pass causes under
 * the residency rule of docs/sim-cycle-model.md ("Memory"), in closed form.
 */
import { activationTileBytes, weightTileBytes } from '../operand-bits.ts';
import { residency } from '../residency.ts';
import type { PassDram } from '../pass-blocks.ts';
import { peThroughput } from '../throughput.ts';
import type { GemmShape, SimConfig, TilePass } from '../types.ts';

/** Output columns one pass covers: every PE column owns `lanes` of them. */
export function passColumns(config: SimConfig): number {
  return config.array.cols * peThroughput(config).lanes;
}

export function tilePasses(config: SimConfig, shape: GemmShape): TilePass[] {
  const R = config.array.rows;
  const C = passColumns(config);
  const passes: TilePass[] = [];
  for (let n0 = 0; n0 < shape.n; n0 += C) {
    for (let m0 = 0; m0 < shape.m; m0 += R) {
      passes.push({ m0, n0, rows: Math.min(R, shape.m - m0), cols: Math.min(C, shape.n - n0) });
    }
  }
  return passes;
}

/**
 * DRAM traffic of one pass of `rows` x `cols` outputs, the first of its N tile (`firstInColumn`) or
 * of the GEMM (`first`), with the residency rule; outputs are written once.
 */
export function passDram(config: SimConfig, shape: GemmShape, rows: number, cols: number, firstInColumn: boolean, first: boolean): PassDram {
  const { k } = shape;
  const resident = residency(config, shape, passColumns(config));
  return {
    weightFillBytes: !resident.weights || firstInColumn ? weightTileBytes(config, k, cols) : 0,
    activationFillBytes: resident.activations ? (first ? activationTileBytes(config, k, shape.m) : 0) : activationTileBytes(config, k, rows),
    writeBytes: rows * cols * 4,
  };
}
