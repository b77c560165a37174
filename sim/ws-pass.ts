/**
 * The weight-stationary dataflow (docs/sim-cycle-model.md, "Weight-stationary option"): tiling,
 * cycle mode (a pass stepped by the generated row kernels) and the closed-form pass figures.
 * A pass holds an Rk x C weight tile (Rk = min(R, G) k-rows) and streams the rows of one M tile;
 * the column partial sums of a group run through the K tiles of the group in k order (each pass
 * injects the previous tile's partials at the top), so every value equals the output-stationary one.
 */
import { activationBits, f32 } from '../hw/index.ts';
import type { FeederOperands } from './operands.ts';
import { DEQUANT_LATENCY, weightGroupBits } from './pass-model.ts';
import type { OperandArray } from './row-kernel.ts';
import { activationTileBytes, residency, type PassDram } from './tiling.ts';
import type { GemmShape, SimConfig } from './types.ts';
import { wsRowKernel } from './ws-kernel.ts';

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

function groupLength(config: SimConfig, k: number): number {
  return config.pe.groupDequant ? config.group : k;
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
  const resident = residency(config, shape);
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

/** The on-chip state of one (M tile, N tile) across its K tiles: column partials and FP32 outputs. */
export interface WsTileState {
  partial: OperandArray;
  out: Float64Array;
}

/**
 * Cycle mode of one WS pass: steps every PE of every row over the pass, then takes the bottom
 * partial sums (cycle 2R + i + c for row i, column c) into `state`, dequantizing at the group's
 * last K tile, and writes the finished outputs into `y` after the last K tile. Returns the pass's
 * cycles (the dequant of the last bottom partial done) and the PE-cycles stepped.
 */
export function simulateWsPass(config: SimConfig, ops: FeederOperands, shape: GemmShape, t: WsTile, state: WsTileState, y: Float32Array | undefined): { cycles: number; peCycles: number } {
  const { rows: R, cols: C } = config.array;
  const { k: K, n: N } = shape;
  const { rk } = wsGeometry(config, shape);
  const Arr = ops.integer ? Int32Array : Float64Array;
  const stepped = 2 * R + t.rows + C;
  const groupLen = groupLength(config, K);
  const groupStart = t.k0 % groupLen === 0;
  const groupFinal = (t.k0 + rk) % groupLen === 0;
  // North injection: the running partial of row i enters column c at cycle R + i + c (0 at a group start).
  let psIn: OperandArray = new Arr(stepped * C);
  let psOut: OperandArray = new Arr(stepped * C);
  if (!groupStart) for (let i = 0; i < t.rows; i++) for (let c = 0; c < t.cols; c++) psIn[(R + i + c) * C + c] = state.partial[i * C + c]!;
  const kernel = wsRowKernel(C, ops.integer);
  const feedA: OperandArray = new Arr(stepped + C);
  const w: OperandArray = new Arr(C);
  for (let r = 0; r < R; r++) {
    feedA.fill(0);
    w.fill(0);
    if (r < rk) {
      const k = t.k0 + r;
      for (let c = 0; c < t.cols; c++) w[c] = ops.w[k * N + t.n0 + c]!;
      // Row i of the M tile enters row r at cycle R + i + r (after the R-cycle weight load).
      for (let i = 0; i < t.rows; i++) feedA[R + i + r + C] = ops.x[(t.m0 + i) * K + k]!;
    }
    psOut.fill(0, 0, C);
    kernel(stepped, feedA, w, psIn, psOut);
    [psIn, psOut] = [psOut, psIn];
  }
  const g = Math.floor(t.k0 / config.group);
  let lastBottom = 0;
  for (let i = 0; i < t.rows; i++) {
    const sa = ops.xScaleValue ? ops.xScaleValue[t.m0 + i]! : 1;
    for (let c = 0; c < t.cols; c++) {
      const cycle = 2 * R + i + c;
      lastBottom = Math.max(lastBottom, cycle);
      const p = psIn[cycle * C + c]!;
      state.partial[i * C + c] = p;
      if (groupFinal) {
        const sp = config.pe.groupDequant ? f32(ops.wScaleValue[g * N + t.n0 + c]! * sa) : 1;
        state.out[i * C + c] = f32(state.out[i * C + c]! + f32(f32(p) * sp));
      }
      if (y && t.k0 + rk === K) y[(t.m0 + i) * N + t.n0 + c] = state.out[i * C + c]!;
    }
  }
  // The controller waits for the last column of the last row even when the tile is ragged.
  lastBottom = Math.max(lastBottom, 2 * R + t.rows - 1 + C - 1);
  return { cycles: lastBottom + DEQUANT_LATENCY + 1, peCycles: R * C * stepped };
}
