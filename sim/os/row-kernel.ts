/**
 * Generated, unrolled JavaScript for one PE row of the output-stationary array, stepped cycle by
 * cycle over a whole pass: every PE's accumulators and group-partial registers are updated in every
 * cycle, with the accumulators held in locals. Rows are simulated one after another (data only
 * flows east and south, so row r needs only row r-1's weight register history).
 *
 * The operand registers a, w, the last-of-group tag and the valid bit are pure delay lines (each is
 * its west or north neighbour's value one cycle earlier), so they are represented by the histories
 * of the feeders rather than copied PE to PE in every cycle: PE (r, c) holds at cycle u
 *   a_i   = feedA[(u + pad - c) kp + i]              (row r's west input, delayed c cycles)
 *   w_j,i = wHist[hb(u) + (c lanes + j) kp + i]      (column c's north input, delayed r cycles)
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

export type OperandArray = Int32Array | Float64Array;

/** Leading zero cycles in the feed arrays so that PE c's index u - c never goes below 0. */
export function feedPad(cols: number): number {
  return cols;
}

/**
 * @param cycles  cycles stepped (edges 0 .. cycles - 1)
 * @param feedA   operands entering PE (r, 0): feedA[(u + pad)*kp + i] is a_i of PE (r, 0) at cycle u
 * @param feedL   feedL[u + pad] = 1 where that operand is the last of its group
 * @param feedE   the valid bit's edges: feedE[u + pad] = -1 where the valid run starts, +1 on the
 *                first cycle after it
 * @param anyL    anyL[u] = 1 when some PE of the row sees a tag or a valid edge at cycle u (lets the
 *                kernel skip the per-PE tests in the other cycles)
 * @param wHist   north inputs: wHist[((v*C + c)*lanes + j)*kp + i] enters PE (0, c) at edge v - R
 * @param hb0     this row's start in wHist: the index of PE (r, 0)'s w register at cycle 0
 * @param wMacs   wMacs[v*C + c]: MACs column c's weights allow in the cycle they enter at v - R (kp x active lanes)
 * @param hc0     this row's start in wMacs
 * @param gpVal   group partials: gpVal[gpBase + (c*lanes + j)*groups + g]
 * @param gpCyc   the cycle each group-partial register was written
 * @returns       the MACs the row's PEs made
 */
export type RowKernel = (
  cycles: number,
  feedA: OperandArray,
  feedL: Uint8Array,
  feedE: Int8Array,
  anyL: Uint8Array,
  wHist: OperandArray,
  hb0: number,
  wMacs: Uint8Array,
  hc0: number,
  gpVal: OperandArray,
  gpCyc: Int32Array,
  gpBase: number,
  groups: number,
) => number;

const cache = new Map<string, RowKernel>();

/** The kernel for a row of `cols` PEs of `lanes` outputs fusing `kp` k-values, integer (L = 1) or FP32 (L = 2). */
export function rowKernel(cols: number, kp: number, lanes: number, integer: boolean): RowKernel {
  const key = `${cols}:${kp}:${lanes}:${integer}`;
  let k = cache.get(key);
  if (!k) {
    k = new Function('cycles', 'feedA', 'feedL', 'feedE', 'anyL', 'wHist', 'hb0', 'wMacs', 'hc0', 'gpVal', 'gpCyc', 'gpBase', 'groups', kernelSource(cols, kp, lanes, integer)) as RowKernel;
    cache.set(key, k);
  }
  return k;
}

function kernelSource(C: number, kp: number, lanes: number, integer: boolean): string {
  if (!integer && kp !== 1) throw new Error('float PE kinds take one k-value per cycle');
  const L = integer ? 1 : 2;
  const pad = feedPad(C);
  const cs = [...Array(C).keys()];
  const js = [...Array(lanes).keys()];
  const is = [...Array(kp).keys()];
  const acc = (c: number, j: number) => `a${c}_${j}`;
  const decl = [...cs.flatMap((c) => [...js.map((j) => `${acc(c, j)} = 0`), `g${c} = 0`, ...(integer && lanes > 1 ? is.map((i) => `x${c}_${i} = 0`) : [])]), 'macs = 0'];
  const body: string[] = [];
  const tests: string[] = [];
  for (const c of cs) {
    // A PE's activations are read once and shared by its lanes.
    if (integer && lanes > 1) body.push(`${is.map((i) => `x${c}_${i} = feedA[fa + ${i - c * kp}]`).join(', ')};`);
    const x = (i: number) => (lanes > 1 ? `x${c}_${i}` : `feedA[fa + ${i - c * kp}]`);
    for (const j of js) {
      const w = (i: number) => `wHist[hb + ${(c * lanes + j) * kp + i}]`;
      if (integer) {
        const sum = is.map((i) => `Math.imul(${x(i)}, ${w(i)})`).join(' + ');
        body.push(`${acc(c, j)} = (${acc(c, j)} + ${sum}) | 0;`);
      } else {
        body.push(`${acc(c, j)} = Math.fround(${acc(c, j)} + feedA[fa - ${c}] * ${w(0)});`);
      }
    }
    const emit = js.map((j) => `i = gpBase + ${c * lanes + j} * groups + g${c}; gpVal[i] = ${acc(c, j)}; gpCyc[i] = u + ${L}; ${acc(c, j)} = 0;`).join(' ');
    tests.push(`if (feedL[fl - ${c}] !== 0) { ${emit} g${c}++; }`);
    // Rising edge: the rate of this cycle; falling edge (first invalid cycle): the rate of the cycle before.
    tests.push(`e = feedE[fl - ${c}]; if (e !== 0) macs += e * u * (e < 0 ? wMacs[hc + ${c}] : wMacs[hc - ${C - c}]);`);
  }
  body.push(`if (anyL[u] !== 0) {`, 'let i, e;', ...tests, '}');
  return `"use strict";
let ${decl.join(', ')};
for (let u = 0, fa = ${pad * kp}, fl = ${pad}, hb = hb0, hc = hc0; u + ${L} < cycles; u++, fa += ${kp}, fl++, hb += ${C * lanes * kp}, hc += ${C}) {
${body.join('\n')}
}
return macs;`;
}
