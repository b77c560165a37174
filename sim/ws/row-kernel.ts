/**
 * Generated row kernel of the weight-stationary array: the row's C weights are locals (stationary),
 * the activation register of PE (r, c) is the row's west input delayed c cycles (a delay line, read
 * from its history), and the partial-sum registers flow south: row r reads row r-1's partial sums one
 * cycle late and writes its own for row r+1. Register transfer at edge t (docs/sim-cycle-model.md,
 * "Weight-stationary option"):
 *   integer kinds: psum <= psum_north + a * w        (INT32)
 *   float kinds:   psum <= fp32(psum_north + a * w)  (exact product, one rounding)
 */
import type { OperandArray } from '../os/row-kernel.ts';

/**
 * @param cycles  cycles stepped (edges 1 .. cycles - 1 write psOut)
 * @param feedA   a of PE (r, 0) at cycle u is feedA[u + pad] (pad = C leading zeros)
 * @param w       the row's C stationary weights
 * @param psIn    psum registers of row r-1 (or the north injection) at cycle u: psIn[u*C + c]
 * @param psOut   written: this row's psum registers at cycle t: psOut[t*C + c]
 */
export type WsRowKernel = (cycles: number, feedA: OperandArray, w: OperandArray, psIn: OperandArray, psOut: OperandArray) => void;

const cache = new Map<string, WsRowKernel>();

export function wsRowKernel(cols: number, integer: boolean): WsRowKernel {
  const key = `${cols}:${integer}`;
  let k = cache.get(key);
  if (!k) {
    const cs = [...Array(cols).keys()];
    const body = cs.map((c) =>
      integer
        ? `psOut[ho + ${c}] = (psIn[hi + ${c}] + Math.imul(feedA[fa - ${c}], w${c})) | 0;`
        : `psOut[ho + ${c}] = Math.fround(psIn[hi + ${c}] + feedA[fa - ${c}] * w${c});`,
    );
    const src = `"use strict";
const ${cs.map((c) => `w${c} = w[${c}]`).join(', ')};
for (let t = 1, fa = ${cols}, hi = 0, ho = ${cols}; t < cycles; t++, fa++, hi += ${cols}, ho += ${cols}) {
${body.join('\n')}
}`;
    k = new Function('cycles', 'feedA', 'w', 'psIn', 'psOut', src) as WsRowKernel;
    cache.set(key, k);
  }
  return k;
}
