/**
 * Weight-stationary cycle mode: a pass stepped by the generated row kernels. The column partial sums
 * of a group run through the K tiles of the group in k order (each pass injects the previous tile's
 * partials at the top), so every value equals the output-stationary one.
 */
import { DEQUANT_LATENCY, groupLength } from '../dequant-unit.ts';
import type { FeederOperands } from '../operands.ts';
import type { OperandArray } from '../os/row-kernel.ts';
import { activationOperandBits, weightGroupBits } from '../operand-bits.ts';
import { peThroughput } from '../throughput.ts';
import type { GemmShape, SimConfig } from '../types.ts';
import { wsRowKernel } from './row-kernel.ts';
import { wsGeometry, type WsTile } from './tiling.ts';

/** The on-chip state of one (M tile, N tile) across its K tiles: column partials and FP32 outputs. */
export interface WsTileState {
  partial: OperandArray;
  out: Float64Array;
}

/** What one WS pass measured as it ran. */
export interface WsPassResult {
  readonly cycles: number;
  readonly peCycles: number;
  readonly macs: number;
  readonly groupPartials: number;
  readonly weightsFed: number;
  readonly activationReadBits: number;
  readonly weightReadBits: number;
  readonly outputWriteBits: number;
}

/**
 * Cycle mode of one WS pass: loads the weight tile, steps every PE of every row over the pass, then
 * takes the bottom partial sums (cycle 2R + i + c for row i, column c) into `state`, dequantizing at
 * the group's last K tile, and writes the finished outputs into `y` after the last K tile. Returns
 * the pass's cycles (the dequant of the last bottom partial done) and the counts it made.
 */
export function simulateWsPass(config: SimConfig, ops: FeederOperands, shape: GemmShape, t: WsTile, state: WsTileState, y: Float32Array | undefined): WsPassResult {
  const { rows: R, cols: C } = config.array;
  const { k: K, n: N } = shape;
  const { rk } = wsGeometry(config, shape);
  const { kp, lanes } = peThroughput(config);
  const Q = C * lanes;
  const Arr = ops.integer ? Int32Array : Float64Array;
  const stepped = 2 * R + t.rows + C;
  const groupLen = groupLength(config, K);
  const groupStart = t.k0 % groupLen === 0;
  const groupFinal = (t.k0 + rk) % groupLen === 0;
  const x = activationOperandBits(config);
  // North injection: the running partial of row i enters output column q (PE column q / lanes) at cycle R + i + c (0 at a group start).
  let psIn: OperandArray = new Arr(stepped * Q);
  let psOut: OperandArray = new Arr(stepped * Q);
  if (!groupStart) {
    for (let i = 0; i < t.rows; i++) for (let q = 0; q < t.cols; q++) psIn[(R + i + Math.floor(q / lanes)) * Q + q] = state.partial[i * Q + q]!;
  }
  const kernel = wsRowKernel(C, kp, lanes, ops.integer);
  const feedA: OperandArray = new Arr((stepped + C) * kp);
  const feedV = new Uint8Array(stepped + C);
  const w: OperandArray = new Arr(Q * kp);
  const wMacs = new Uint8Array(C);
  let macs = 0, weightsFed = 0, weightReadBits = 0, activationReadBits = 0;
  for (let r = 0; r < R; r++) {
    feedA.fill(0);
    feedV.fill(0);
    w.fill(0);
    wMacs.fill(0);
    if (r * kp < rk) {
      // The weight load: kp k-rows per PE row, `lanes` columns per PE column, each read once.
      for (let q = 0; q < t.cols; q++) {
        for (let i = 0; i < kp; i++) w[q * kp + i] = ops.w[(t.k0 + r * kp + i) * N + t.n0 + q]!;
        wMacs[Math.floor(q / lanes)]! += kp;
        weightsFed += kp;
        weightReadBits += kp * config.pe.weightBits;
      }
      // Row i of the M tile enters row r at cycle R + i + r (after the R-cycle weight load).
      for (let i = 0; i < t.rows; i++) {
        for (let j = 0; j < kp; j++) feedA[(R + i + r + C) * kp + j] = ops.x[(t.m0 + i) * K + t.k0 + r * kp + j]!;
        feedV[R + i + r + C] = 0xff;
        activationReadBits += kp * x.code;
      }
    }
    psOut.fill(0, 0, Q);
    macs += kernel(stepped, feedA, feedV, w, wMacs, psIn, psOut);
    [psIn, psOut] = [psOut, psIn];
  }
  // A weight group's scale (and zero point) is read with the tile that starts the group.
  if (t.k0 % config.group === 0) weightReadBits += t.cols * weightGroupBits(config);
  const g = Math.floor(t.k0 / config.group);
  let lastBottom = 0;
  let groupPartials = 0, outputWriteBits = 0;
  for (let i = 0; i < t.rows; i++) {
    const sa = ops.xScaleValue ? ops.xScaleValue[t.m0 + i]! : 1;
    // The dequant unit reads the token's scale once per group it finishes.
    if (groupFinal) activationReadBits += x.scale;
    for (let q = 0; q < t.cols; q++) {
      const cycle = 2 * R + i + Math.floor(q / lanes);
      lastBottom = Math.max(lastBottom, cycle);
      const p = psIn[cycle * Q + q]!;
      state.partial[i * Q + q] = p;
      if (groupFinal) {
        const sp = config.pe.groupDequant ? Math.fround(ops.wScaleValue[g * N + t.n0 + q]! * sa) : 1;
        state.out[i * Q + q] = Math.fround(state.out[i * Q + q]! + Math.fround(Math.fround(p) * sp));
        groupPartials++;
      }
      // The partial (or, after the last K tile, the output) goes back to the output buffer.
      outputWriteBits += 32;
      if (y && t.k0 + rk === K) y[(t.m0 + i) * N + t.n0 + q] = state.out[i * Q + q]!;
    }
  }
  // The controller waits for the last column of the last row even when the tile is ragged.
  lastBottom = Math.max(lastBottom, 2 * R + t.rows - 1 + C - 1);
  return { cycles: lastBottom + DEQUANT_LATENCY + 1, peCycles: R * C * stepped, macs, groupPartials, weightsFed, activationReadBits, weightReadBits, outputWriteBits };
}
