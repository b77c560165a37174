/**
 * Generated, unrolled JavaScript for the PEs of one row of the output-stationary array, each stepped
 * cycle by cycle over a whole pass: a PE's accumulators and group-partial registers are updated in
 * every cycle, held in locals. A PE's state depends only on what enters it from the west and the
 * north, and data flows only east and south, so the PEs are simulated one after another (rows in
 * order, and within a row, columns in order), each over all the cycles of the pass.
 *
 * The operand registers a, w, the last-of-group tag and the valid bit are pure delay lines (each is
 * its west or north neighbour's value one cycle earlier), so they are represented by the histories
 * of the feeders rather than copied PE to PE in every cycle: PE (r, c) holds at cycle u
 *   a_i   = feedA[(u + pad - c) kp + i]                          (row r's west input, delayed c cycles)
 *   w_j,i = wCol[((c H + R - r + u) lanes + j) kp + i]           (column c's north input, delayed r cycles)
 * A PE owns `lanes` outputs (one accumulator each) and fuses `kp` k-values per cycle.
 * Register transfer at edge t = u + L (docs/sim-cycle-model.md):
 *   integer kinds (L = 1): acc_j <= acc_j + sum_i a_i * w_j,i (INT32); on the group's last operand
 *                          gp_j <= that sum and acc_j <= 0
 *   float kinds   (L = 2): acc_j <= fp32(acc_j + p_j) with the exact product p_j = a * w_j of cycle u
 * Each PE also counts its MACs as it runs: a valid bit travels with its activation, and while it is
 * set the PE makes the MACs its column's valid weights allow (kp per active lane). The counter is
 * event-driven like the tags: the valid bit's rising edge subtracts the cycle times that rate, its
 * falling edge adds the cycle times the rate of the last valid cycle, so the counter advances by the
 * valid cycles without a per-cycle add.
 */

import { unpackPartialSource } from './packed-pairs.ts';

export type OperandArray = Int32Array | Float64Array;

/** Leading zero cycles in the feed arrays so that PE c's index u - c never goes below 0. */
export function feedPad(cols: number): number {
  return cols;
}

/** Bits of the row's event stream (feedEv). */
export const EVENT_LAST = 1;
export const EVENT_VALID_START = 2;
export const EVENT_VALID_END = 4;

/**
 * @param cols    PEs in the row (C)
 * @param cycles  cycles stepped (edges 0 .. cycles - 1)
 * @param feedA   operands entering PE (r, 0): feedA[(u + pad)*kp + i] is a_i of PE (r, 0) at cycle u
 * @param feedEv  events travelling with that operand, at feedEv[u + pad]: EVENT_LAST (the last of its
 *                group), EVENT_VALID_START (the first valid operand), EVENT_VALID_END (the first
 *                cycle after the valid ones)
 * @param evAt    the feed indices where feedEv is not 0, ascending (evAt[0 .. evCount - 1]): between
 *                them a PE only accumulates, so the kernel tests for events only in their cycles
 * @param wCol    north inputs per column: wCol[((c*H + v)*lanes + j)*kp + i] enters PE (0, c) at edge v - R
 * @param H       entries per column in wCol (and wMacs)
 * @param v0      this row's delay: PE (r, c) reads entry v0 + u at cycle u (v0 = R - r)
 * @param wMacs   wMacs[c*H + v]: MACs column c's weights allow in the cycle they enter at v - R (kp x active lanes)
 * @param gpVal   group partials: gpVal[gpBase + (c*lanes + j)*groups + g]
 * @param gpCyc   the cycle each group-partial register was written
 * @returns       the MACs the row's PEs made
 */
export type RowKernel = (
  cols: number,
  cycles: number,
  feedA: OperandArray,
  feedEv: Uint8Array,
  evAt: Int32Array,
  evCount: number,
  wCol: OperandArray,
  H: number,
  v0: number,
  wMacs: Uint8Array,
  gpVal: OperandArray,
  gpCyc: Int32Array,
  gpBase: number,
  groups: number,
) => number;

const cache = new Map<string, RowKernel>();

/**
 * The kernel for PEs of `lanes` outputs fusing `kp` k-values, integer (L = 1) or FP32 (L = 2). With
 * `pairs`, the feeds hold kp / 2 words per cycle and lane, each a pair of k-values
 * (sim/os/packed-pairs.ts), and the group partial is unpacked from the accumulator when emitted.
 */
export function rowKernel(kp: number, lanes: number, integer: boolean, pairs = false): RowKernel {
  const key = `${kp}:${lanes}:${integer}:${pairs}`;
  let k = cache.get(key);
  if (!k) {
    k = new Function('cols', 'cycles', 'feedA', 'feedEv', 'evAt', 'evCount', 'wCol', 'H', 'v0', 'wMacs', 'gpVal', 'gpCyc', 'gpBase', 'groups', kernelSource(kp, lanes, integer, pairs)) as RowKernel;
    cache.set(key, k);
  }
  return k;
}

function kernelSource(kpTotal: number, lanes: number, integer: boolean, pairs: boolean): string {
  if (!integer && kpTotal !== 1) throw new Error('float PE kinds take one k-value per cycle');
  if (pairs && (!integer || kpTotal % 2 !== 0)) throw new Error('only integer kernels with an even kp take k-values in pairs');
  // Operand words per cycle and lane.
  const kp = pairs ? kpTotal / 2 : kpTotal;
  const L = integer ? 1 : 2;
  const lk = lanes * kp;
  const js = [...Array(lanes).keys()];
  const is = [...Array(kp).keys()];
  const acc = (j: number) => `a${j}`;
  // One cycle of the PE: its activations are read once and shared by its lanes.
  const step: string[] = [`const ${is.map((i) => `x${i} = feedA[fa + ${i}]`).join(', ')};`];
  for (const j of js) {
    const w = (i: number) => `wCol[hb + ${j * kp + i}]`;
    if (integer) {
      const sum = is.map((i) => `Math.imul(x${i}, ${w(i)})`).join(' + ');
      step.push(`${acc(j)} = (${acc(j)} + ${sum}) | 0;`);
    } else {
      step.push(`${acc(j)} = Math.fround(${acc(j)} + x0 * ${w(0)});`);
    }
  }
  const emit = js.map((j) => `i = gpBase + (c * ${lanes} + ${j}) * groups + g; gpVal[i] = ${pairs ? unpackPartialSource(acc(j)) : acc(j)}; gpCyc[i] = u + ${L}; ${acc(j)} = 0;`).join(' ');
  // Between two events the PE only accumulates; in an event's cycle it also acts on the event.
  return `"use strict";
const pad = cols;
let macs = 0;
for (let c = 0; c < cols; c++) {
  let ${js.map((j) => `${acc(j)} = 0`).join(', ')}, g = 0, u = 0, fa = (pad - c) * ${kp}, hb = (c * H + v0) * ${lk};
  const mb = c * H + v0, fe0 = pad - c, last = cycles - ${L};
  for (let e = 0; u < last; e++) {
    const at = e < evCount ? evAt[e] - fe0 : last;
    const end = at < last ? at : last;
    for (; u < end; u++, fa += ${kp}, hb += ${lk}) {
      ${step.join('\n      ')}
    }
    if (end === last) break;
    ${step.join('\n    ')}
    const ev = feedEv[fe0 + u];
    let i;
    if ((ev & ${EVENT_LAST}) !== 0) { ${emit} g++; }
    if ((ev & ${EVENT_VALID_START}) !== 0) macs -= u * wMacs[mb + u];
    if ((ev & ${EVENT_VALID_END}) !== 0) macs += u * wMacs[mb + u - 1];
    u++; fa += ${kp}; hb += ${lk};
  }
}
return macs;`;
}
