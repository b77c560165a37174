/**
 * Cycle mode: one output-stationary tile pass stepped cycle by cycle (every PE register in every
 * cycle, by the generated kernels of sim/os/row-kernel.ts), followed by the per-group dequantization pipeline and the
 * row-by-row readout, with every event's cycle taken from the simulation. The figures of the pass
 * are counted as the parts run: MACs by the PEs, bits by the row and column feeders as they read
 * the buffers, group partials by the dequantization units, output bits by the readout.
 */
import { activationBits } from '../../hw/index.ts';
import { DEQUANT_LATENCY } from '../dequant-unit.ts';
import type { FeederOperands } from '../operands.ts';
import { weightGroupBits } from '../operand-bits.ts';
import { peThroughput } from '../throughput.ts';
import type { GemmShape, SimConfig, TilePass } from '../types.ts';
import { activationPair, packsPairs, weightPair } from './packed-pairs.ts';
import { EVENT_LAST, EVENT_VALID_END, EVENT_VALID_START, feedPad, rowKernel, type OperandArray } from './row-kernel.ts';

export interface GroupPartialEvent {
  /** Cycle in which PE (row, col / lanes)'s group-partial register for this output holds `value` (gp_valid). */
  readonly cycle: number;
  readonly row: number;
  /** Output column within the pass (PE column x lanes + lane). */
  readonly col: number;
  readonly group: number;
  /** INT32 partial (integer kinds) or FP32 partial (float kinds). */
  readonly value: number;
}

export interface OutputRowEvent {
  /** Cycle with out_valid = 1 and out_row = row. */
  readonly cycle: number;
  readonly row: number;
  /** FP32 values of all output columns of the pass (+0 beyond the tile). */
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
  const { kp, lanes } = peThroughput(config);
  const Q = C * lanes; // output columns of the pass
  const kc = K / kp;
  const groups = ops.groups;
  const gc = kc / groups;
  // Upper bound on the cycle of the last group partial (PE (R-1, C-1), L cycles after its last operand).
  const stepped = kc + R + C + config.pe.latency;
  const Arr = ops.integer ? Int32Array : Float64Array;
  // Operand words per cycle and lane: kp, or kp / 2 when k-values travel in pairs (packed-pairs.ts).
  const pairs = packsPairs(ops, kp, gc);
  const kw = pairs ? kp / 2 : kp;

  // Column feeders: each column's weight stream entering row 0, skewed by column, after R leading zero
  // cycles (row r reads it r cycles late): wCol[((c * H + R + u) * lanes + j) * kw + i] is w_j,i of PE (0, c) at cycle u.
  const H = R + stepped;
  const wCol: OperandArray = new Arr(C * H * lanes * kw);
  const wMacs = new Uint8Array(C * H);
  const pad = feedPad(C);
  let weightReadBits = 0;
  let weightsFed = 0;
  const metaBits = weightGroupBits(config);
  const wBits = config.pe.weightBits;
  const w = ops.w;
  // Per column: the MACs its weights allow each cycle and the bits it reads from the weight buffer.
  const activeLanes = new Int32Array(C);
  for (let c = 0; c < C; c++) {
    const active = Math.max(0, Math.min(lanes, tile.cols - c * lanes));
    activeLanes[c] = active;
    if (active === 0) continue;
    for (let s = 0; s < kc; s++) {
      wMacs[c * H + R + s + c] = kp * active;
      weightsFed += kp * active;
      // The scale (and zero point) of a weight group is read with its first weights.
      weightReadBits += kp * active * wBits + ((s * kp) % config.group === 0 ? active * metaBits : 0);
    }
  }
  // The weights themselves, read a W row at a time (contiguous in memory) into every column's stream.
  const colStep = (H + 1) * lanes * kw;
  for (let s = 0; s < kc; s++) {
    for (let i = 0; i < kw; i++) {
      const src = (s * kp + (pairs ? 2 * i : i)) * N + tile.n0;
      for (let c = 0, dst = (R + s) * lanes * kw + i; c < C; c++, dst += colStep) {
        const active = activeLanes[c]!;
        for (let j = 0, q = src + c * lanes; j < active; j++, q++) wCol[dst + j * kw] = pairs ? weightPair(w[q]!, w[q + N]!) : w[q]!;
      }
    }
  }

  const gpVal: OperandArray = new Arr(R * Q * groups);
  const gpCyc = new Int32Array(R * Q * groups).fill(-1);
  const feedA: OperandArray = new Arr((stepped + pad) * kw);
  // The group tags of operand cycle s; the valid bit's edges (operand cycles 0 and Kc) are added per row.
  const events = new Uint8Array(kc);
  for (let s = gc - 1; s < kc; s += gc) events[s] = EVENT_LAST;
  const feedEv = new Uint8Array(stepped + pad);
  const evAt = new Int32Array(stepped + pad);
  const kernel = rowKernel(kp, lanes, ops.integer, pairs);
  const xBits = activationBits(config.pe);
  let activationReadBits = 0;
  let macs = 0;
  for (let r = 0; r < R; r++) {
    // Row feeder: activations of row r enter PE (r, 0) r cycles late, valid while the row is in the
    // tile; the group tags flow in every row.
    feedA.fill(0);
    feedEv.fill(0);
    feedEv.set(events, r + pad);
    if (r < tile.rows) {
      // Row r of X is kc cycles of kp operands, contiguous in memory: the feeder reads it whole.
      const xRow = ops.x.subarray((tile.m0 + r) * K, (tile.m0 + r + 1) * K);
      if (!pairs) feedA.set(xRow, (r + pad) * kp);
      else for (let i = 0, f = (r + pad) * kw; i < K; i += 2, f++) feedA[f] = activationPair(xRow[i]!, xRow[i + 1]!);
      activationReadBits += xRow.length * xBits;
      feedEv[r + pad] |= EVENT_VALID_START;
      feedEv[r + pad + kc] |= EVENT_VALID_END;
      if (ops.xScale) activationReadBits += 16;
    }
    let evCount = 0;
    for (let f = r + pad; f <= r + pad + kc; f++) if (feedEv[f] !== 0) evAt[evCount++] = f;
    macs += kernel(C, stepped, feedA, feedEv, evAt, evCount, wCol, H, R - r, wMacs, gpVal, gpCyc, r * Q * groups, groups);
  }

  // Per-group dequantization (3 stages after gp_valid) into the FP32 output accumulators.
  const partials: GroupPartialEvent[] | undefined = trace ? [] : undefined;
  const yAcc = new Float32Array(R * Q);
  const finalCycle = new Int32Array(R * Q);
  const sw = ops.wScaleValue;
  let groupPartials = 0;
  for (let r = 0; r < R; r++) {
    // Stage 1's scale: sw x sa (exact in FP32) for integer activations, sw for FP16 ones, 1 without group dequant.
    const sa = ops.xScaleValue && r < tile.rows ? ops.xScaleValue[tile.m0 + r]! : 1;
    for (let q = 0; q < Q; q++) {
      const active = r < tile.rows && q < tile.cols;
      let acc = 0;
      for (let g = 0; g < groups; g++) {
        const i = (r * Q + q) * groups + g;
        if (gpCyc[i]! < 0) throw new Error(`PE (${r}, ${Math.floor(q / lanes)}) never completed group ${g} of lane ${q % lanes}`);
        const p = gpVal[i]!;
        partials?.push({ cycle: gpCyc[i]!, row: r, col: q, group: g, value: p });
        const sp = !active ? 0 : config.pe.groupDequant ? Math.fround(sw[g * N + tile.n0 + q]! * sa) : 1;
        acc = Math.fround(acc + Math.fround(Math.fround(p) * sp));
        if (active) groupPartials++;
      }
      yAcc[r * Q + q] = acc;
      finalCycle[r * Q + q] = gpCyc[(r * Q + q) * groups + groups - 1]! + DEQUANT_LATENCY;
    }
  }

  // Readout: one row per cycle, each as soon as it is final and the port is free; the output buffer
  // takes the tile's columns of it.
  const outputs: OutputRowEvent[] | undefined = trace ? [] : undefined;
  let out = -1;
  let outputWriteBits = 0;
  for (let r = 0; r < R; r++) {
    let ready = 0;
    for (let q = 0; q < Q; q++) ready = Math.max(ready, finalCycle[r * Q + q]! + 1);
    out = Math.max(ready, out + 1);
    outputs?.push({ cycle: out, row: r, values: yAcc.slice(r * Q, r * Q + Q) });
    if (r >= tile.rows) continue;
    for (let q = 0; q < tile.cols; q++) {
      if (y) y[(tile.m0 + r) * N + tile.n0 + q] = yAcc[r * Q + q]!;
      outputWriteBits += 32;
    }
  }
  return { cycles: out + 1, peCycles: R * C * stepped, activationReadBits, weightReadBits, outputWriteBits, macs, groupPartials, weightsFed, partials, outputs };
}
