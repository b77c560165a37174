/**
 * Weight-stationary cycle mode: a pass stepped by the generated row kernels. The column partial sums
 * of a group run through the K tiles of the group in k order (each pass injects the previous tile's
 * partials at the top), so every value equals the output-stationary one.
 */
import { f32 } from '../../hw/index.ts';
import { DEQUANT_LATENCY, groupLength } from '../dequant-unit.ts';
import type { FeederOperands } from '../operands.ts';
import type { OperandArray } from '../os/row-kernel.ts';
import type { GemmShape, SimConfig } from '../types.ts';
import { wsRowKernel } from './row-kernel.ts';
import { wsGeometry, type WsTile } from './tiling.ts';

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
