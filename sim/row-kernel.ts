/**
 * Generated, unrolled JavaScript for one PE row of the output-stationary array: the row's C PEs
 * with every register a local variable, stepped cycle by cycle over a whole pass. Rows are simulated
 * one after another (data only flows east and south, so row r needs only row r-1's weight register
 * history, which the previous call wrote into `histOut`). Each call updates every PE register of
 * the row in every cycle, exactly as the RTL does.
 *
 * Register transfer per edge t (docs/sim-cycle-model.md):
 *   integer kinds (L = 1): acc += sum_j a_j * w_j; on the group's last operand gp <= acc, acc <= 0
 *   float kinds   (L = 2): acc <= fp32(acc + p); on the last product gp <= acc, acc <= 0;
 *                          p <= a * w (exact)
 *   then a and the last-of-group tag shift east, w is loaded from the north.
 */

export type OperandArray = Int32Array | Float64Array;

/**
 * @param cycles  cycles of the pass
 * @param feedA   kp operands entering PE (r, 0) at each edge t: feedA[t*kp + j]
 * @param feedL   1 where the operand entering at edge t is the last of its group
 * @param histIn  weights entering PE (r, c) at edge t: histIn[(t*C + c)*kp + j]
 * @param histOut written: what row r+1 sees, histOut[((t+1)*C + c)*kp + j] = w register at cycle t
 * @param gpVal   group partials: gpVal[gpBase + c*groups + g]
 * @param gpCyc   the cycle each group partial register was written
 */
export type RowKernel = (
  cycles: number,
  feedA: OperandArray,
  feedL: Uint8Array,
  histIn: OperandArray,
  histOut: OperandArray,
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
    k = new Function('cycles', 'feedA', 'feedL', 'histIn', 'histOut', 'gpVal', 'gpCyc', 'gpBase', 'groups', kernelSource(cols, kp, integer)) as RowKernel;
    cache.set(key, k);
  }
  return k;
}

function kernelSource(C: number, kp: number, integer: boolean): string {
  if (!integer && kp !== 1) throw new Error('float PE kinds take one operand per cycle');
  const cs = [...Array(C).keys()];
  const js = [...Array(kp).keys()];
  const decl: string[] = [];
  for (const c of cs) {
    for (const j of js) decl.push(`a${c}_${j} = 0`, `w${c}_${j} = 0`);
    decl.push(`l${c} = 0`, `acc${c} = 0`, `g${c} = 0`, `o${c} = gpBase + ${c} * groups`);
    if (!integer) decl.push(`p${c} = 0`, `pl${c} = 0`);
  }
  const body: string[] = [];
  for (const c of cs) {
    const emit = `{ const i = o${c} + g${c}; gpVal[i] = acc${c}; gpCyc[i] = t; g${c}++; acc${c} = 0; }`;
    if (integer) {
      const sum = js.map((j) => `Math.imul(a${c}_${j}, w${c}_${j})`).join(' + ');
      body.push(`acc${c} = (acc${c} + ${sum}) | 0;`, `if (l${c} !== 0) ${emit}`);
    } else {
      body.push(`acc${c} = Math.fround(acc${c} + p${c});`, `if (pl${c} !== 0) ${emit}`, `p${c} = a${c}_0 * w${c}_0; pl${c} = l${c};`);
    }
  }
  for (let c = C - 1; c >= 1; c--) {
    for (const j of js) body.push(`a${c}_${j} = a${c - 1}_${j};`);
    body.push(`l${c} = l${c - 1};`);
  }
  for (const j of js) body.push(`a0_${j} = feedA[fa + ${j}];`);
  body.push('l0 = feedL[t];');
  for (const c of cs) {
    for (const j of js) {
      const o = c * kp + j;
      body.push(`w${c}_${j} = histIn[hb + ${o}]; histOut[hb + ${C * kp + o}] = w${c}_${j};`);
    }
  }
  return `"use strict";
let ${decl.join(', ')};
for (let t = 0, fa = 0, hb = 0; t < cycles; t++, fa += ${kp}, hb += ${C * kp}) {
${body.join('\n')}
}`;
}
