/**
 * Generated, unrolled JavaScript for one PE row of the output-stationary array, stepped cycle by
 * cycle over a whole pass: every PE's accumulator and group-partial register are updated in every
 * cycle, with the accumulators held in locals. Rows are simulated one after another (data only
 * flows east and south, so row r needs only row r-1's weight register history).
 *
 * The operand registers a, w and the last-of-group tag are pure delay lines (each is its west or
 * north neighbour's value one cycle earlier), so they are represented by the histories of the
 * feeders rather than copied PE to PE in every cycle: PE (r, c) holds at cycle u
 *   a = feedA[u - c]     (row r's west input, delayed c cycles along the row)
 *   w = wHist[u - r][c]  (column c's north input, delayed r cycles down the column)
 * Register transfer at edge t = u + L (docs/sim-cycle-model.md):
 *   integer kinds (L = 1): acc <= acc + sum_j a_j * w_j (INT32); on the group's last operand
 *                          gp <= that sum and acc <= 0
 *   float kinds   (L = 2): acc <= fp32(acc + p) with the product register p = a * w (exact) of
 *                          cycle u; same group-partial rule
 */

export type OperandArray = Int32Array | Float64Array;

/** Leading zero cycles in feedA/feedL so that PE c's index u - c never goes below 0. */
export function feedPad(cols: number): number {
  return cols;
}

/**
 * @param cycles  cycles stepped (edges 0 .. cycles - 1)
 * @param feedA   operands entering PE (r, 0): feedA[(u + pad)*kp + j] is a_j of PE (r, 0) at cycle u
 * @param feedL   feedL[u + pad] = 1 where that operand is the last of its group
 * @param anyL    anyL[u] = 1 when some PE of the row holds a last-of-group operand at cycle u (lets
 *                the kernel skip the per-PE tag tests in the other cycles)
 * @param wHist   north inputs of the array: wHist[(v*C + c)*kp + j] enters PE (0, c) at edge v - pad0
 * @param hb0     this row's start in wHist: the index of PE (r, 0)'s w register at cycle 0
 * @param gpVal   group partials: gpVal[gpBase + c*groups + g]
 * @param gpCyc   the cycle each group-partial register was written
 */
export type RowKernel = (
  cycles: number,
  feedA: OperandArray,
  feedL: Uint8Array,
  anyL: Uint8Array,
  wHist: OperandArray,
  hb0: number,
  gpVal: OperandArray,
  gpCyc: Int32Array,
  gpBase: number,
  groups: number,
) => void;

const cache = new Map<string, RowKernel>();

/** The kernel for a row of `cols` PEs doing `kp` MACs per cycle, integer (L = 1) or FP32 (L = 2). */
export function rowKernel(cols: number, kp: number, integer: boolean): RowKernel {
  const key = `${cols}:${kp}:${integer}`;
  let k = cache.get(key);
  if (!k) {
    k = new Function('cycles', 'feedA', 'feedL', 'anyL', 'wHist', 'hb0', 'gpVal', 'gpCyc', 'gpBase', 'groups', kernelSource(cols, kp, integer)) as RowKernel;
    cache.set(key, k);
  }
  return k;
}

function kernelSource(C: number, kp: number, integer: boolean): string {
  if (!integer && kp !== 1) throw new Error('float PE kinds take one operand per cycle');
  const L = integer ? 1 : 2;
  const pad = feedPad(C);
  const cs = [...Array(C).keys()];
  const js = [...Array(kp).keys()];
  const decl = cs.flatMap((c) => [`acc${c} = 0`, `g${c} = 0`]);
  const body: string[] = [];
  const tests: string[] = [];
  for (const c of cs) {
    const emit = `{ const i = gpBase + ${c} * groups + g${c}; gpVal[i] = acc${c}; gpCyc[i] = u + ${L}; g${c}++; acc${c} = 0; }`;
    if (integer) {
      const sum = js.map((j) => `Math.imul(feedA[fa + ${j - c * kp}], wHist[hb + ${c * kp + j}])`).join(' + ');
      body.push(`acc${c} = (acc${c} + ${sum}) | 0;`);
    } else {
      body.push(`acc${c} = Math.fround(acc${c} + feedA[fa - ${c}] * wHist[hb + ${c}]);`);
    }
    tests.push(`if (feedL[fl - ${c}] !== 0) ${emit}`);
  }
  body.push(`if (anyL[u] !== 0) {`, ...tests, '}');
  return `"use strict";
let ${decl.join(', ')};
for (let u = 0, fa = ${pad * kp}, fl = ${pad}, hb = hb0; u + ${L} < cycles; u++, fa += ${kp}, fl++, hb += ${C * kp}) {
${body.join('\n')}
}`;
}
