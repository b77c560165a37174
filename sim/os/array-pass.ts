/**
 * Cycle mode: one output-stationary tile pass stepped cycle by cycle (every PE register in every
 * cycle, by the generated row kernels), followed by the per-group dequantization pipeline and the
 * row-by-row readout, with every event's cycle taken from the simulation.
 */
import { activationBits, f32 } from '../../hw/index.ts';
import { DEQUANT_LATENCY } from '../dequant-unit.ts';
import type { FeederOperands } from '../operands.ts';
import { weightGroupBits } from '../operand-bits.ts';
import { peThroughput } from '../throughput.ts';
import type { GemmShape, SimConfig, TilePass } from '../types.ts';
import { feedPad, rowKernel, type OperandArray } from './row-kernel.ts';

export interface GroupPartialEvent {
  /** Cycle in which PE (row, col)'s group-partial register holds `value` (gp_valid). */
  readonly cycle: number;
  readonly row: number;
  readonly col: number;
  readonly group: number;
  /** INT32 partial (integer kinds) or FP32 partial (float kinds). */
  readonly value: number;
}

export interface OutputRowEvent {
  /** Cycle with out_valid = 1 and out_row = row. */
  readonly cycle: number;
  readonly row: number;
  /** FP32 values of all physical columns (+0 beyond the tile). */
  readonly values: Float32Array;
}

export interface PassResult {
  readonly cycles: number;
  /** PE-cycles stepped (rows x cols x stepped cycles), for throughput figures. */
  readonly peCycles: number;
  readonly activationReadBits: number;
  readonly weightReadBits: number;
  readonly outputWriteBits: number;
  readonly macs: number;
  readonly groupPartials: number;
  readonly weightsFed: number;
  readonly partials?: GroupPartialEvent[];
  readonly outputs?: OutputRowEvent[];
}

/**
 * Simulates one pass. Writes the tile's FP32 results into `y` (M x N, row-major) when given;
 * `trace` records every group-partial and readout event.
 */
export function simulatePass(config: SimConfig, ops: FeederOperands, shape: GemmShape, tile: TilePass, y: Float32Array | undefined, trace = false): PassResult {
  const { rows: R, cols: C } = config.array;
  const { k: K, n: N } = shape;
  const { kp } = peThroughput(config);
  const kc = K / kp;
  const groups = ops.groups;
  const gc = kc / groups;
  // Upper bound on the cycle of the last group partial (PE (R-1, C-1), L cycles after its last operand).
  const stepped = kc + R + C + config.pe.latency;
  const Arr = ops.integer ? Int32Array : Float64Array;

  // Column feeders: the weight stream entering row 0, skewed by column, after R leading zero cycles
  // (row r reads it r cycles late): wHist[((R + u) * C + c) * kp + j] is w of PE (0, c) at cycle u.
  const wHist: OperandArray = new Arr((R + stepped) * C * kp);
  const pad = feedPad(C);
  let weightReadBits = 0;
  for (let c = 0; c < tile.cols; c++) {
    for (let s = 0; s < kc; s++) {
      const base = ((R + s + c) * C + c) * kp;
      for (let j = 0; j < kp; j++) wHist[base + j] = ops.w[(s * kp + j) * N + tile.n0 + c]!;
    }
    weightReadBits += K * config.pe.weightBits + (K / config.group) * weightGroupBits(config);
  }

  const gpVal: OperandArray = new Arr(R * C * groups);
  const gpCyc = new Int32Array(R * C * groups).fill(-1);
  const feedA: OperandArray = new Arr((stepped + pad) * kp);
  const feedL = new Uint8Array(stepped + pad);
  const anyL = new Uint8Array(stepped);
  // The group tags of operand cycle s, and whether any of the C PEs of a row holds a tag, for row 0.
  const tags = new Uint8Array(kc);
  for (let s = gc - 1; s < kc; s += gc) tags[s] = 1;
  const anyTags = new Uint8Array(kc + C);
  for (let s = gc - 1; s < kc; s += gc) anyTags.fill(1, s, s + C);
  const kernel = rowKernel(C, kp, ops.integer);
  let activationReadBits = 0;
  for (let r = 0; r < R; r++) {
    // Row feeder: activations of row r enter PE (r, 0) r cycles late; the group tags flow in every row.
    feedA.fill(0);
    feedL.fill(0);
    anyL.fill(0);
    if (r < tile.rows) {
      const xRow = (tile.m0 + r) * K;
      feedA.set(ops.x.subarray(xRow, xRow + K), (r + pad) * kp);
      activationReadBits += K * activationBits(config.pe) + (ops.xScale ? 16 : 0);
    }
    feedL.set(tags, r + pad);
    anyL.set(anyTags.subarray(0, Math.min(kc + C, stepped - r)), r);
    kernel(stepped, feedA, feedL, anyL, wHist, (R - r) * C * kp, gpVal, gpCyc, r * C * groups, groups);
  }

  // Per-group dequantization (3 stages after gp_valid) into the FP32 output accumulators.
  const partials: GroupPartialEvent[] | undefined = trace ? [] : undefined;
  const yAcc = new Float32Array(R * C);
  const finalCycle = new Int32Array(R * C);
  const sw = ops.wScaleValue;
  for (let r = 0; r < R; r++) {
    // Stage 1's scale: sw x sa (exact in FP32) for INT8 activations, sw for FP16 ones, 1 without group dequant.
    const sa = ops.xScaleValue && r < tile.rows ? ops.xScaleValue[tile.m0 + r]! : 1;
    for (let c = 0; c < C; c++) {
      const active = r < tile.rows && c < tile.cols;
      let acc = 0;
      for (let g = 0; g < groups; g++) {
        const i = (r * C + c) * groups + g;
        if (gpCyc[i]! < 0) throw new Error(`PE (${r}, ${c}) never completed group ${g}`);
        const p = gpVal[i]!;
        partials?.push({ cycle: gpCyc[i]!, row: r, col: c, group: g, value: p });
        const sp = !active ? 0 : config.pe.groupDequant ? f32(sw[g * N + tile.n0 + c]! * sa) : 1;
        acc = f32(acc + f32(f32(p) * sp));
      }
      yAcc[r * C + c] = acc;
      finalCycle[r * C + c] = gpCyc[(r * C + c) * groups + groups - 1]! + DEQUANT_LATENCY;
      if (active && y) y[(tile.m0 + r) * N + tile.n0 + c] = acc;
    }
  }

  // Readout: one row per cycle, each as soon as it is final and the port is free.
  const outputs: OutputRowEvent[] | undefined = trace ? [] : undefined;
  let out = -1;
  for (let r = 0; r < R; r++) {
    let ready = 0;
    for (let c = 0; c < C; c++) ready = Math.max(ready, finalCycle[r * C + c]! + 1);
    out = Math.max(ready, out + 1);
    outputs?.push({ cycle: out, row: r, values: yAcc.slice(r * C, r * C + C) });
  }
  return {
    cycles: out + 1,
    peCycles: R * C * stepped,
    activationReadBits,
    weightReadBits,
    outputWriteBits: tile.rows * tile.cols * 32,
    macs: tile.rows * tile.cols * K,
    groupPartials: tile.rows * tile.cols * groups,
    weightsFed: tile.cols * K,
    partials,
    outputs,
  };
}
