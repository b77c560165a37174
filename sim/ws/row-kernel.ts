/**
 * Generated row kernel of the weight-stationary array: the row's weights (C columns x lanes x kp
 * k-values) are locals (stationary), the activation register of PE (r, c) is the row's west input
 * delayed c cycles (a delay line, read from its history), and the partial-sum registers (one per
 * lane) flow south: row r reads row r-1's partial sums one cycle late and writes its own for row r+1.
 * Register transfer at edge t (docs/sim-cycle-model.md, "Weight-stationary option"):
 *   integer kinds: psum_j <= psum_north_j + sum_i a_i * w_j,i    (INT32)
 *   float kinds:   psum_j <= fp32(psum_north_j + a * w_j)         (exact product, one rounding)
 * Each PE counts its MACs as it runs: in every cycle its activation is valid it adds what its
 * stationary weights allow (kp x active lanes, or 0 in rows beyond the tile's k-rows).
 */
import type { OperandArray } from '../os/row-kernel.ts';

/**
 * @param cycles  cycles stepped (edges 1 .. cycles - 1 write psOut)
 * @param feedA   a_i of PE (r, 0) at cycle u is feedA[(u + pad)*kp + i] (pad = C leading zero cycles)
 * @param feedV   feedV[u + pad] = 0xff where that activation is valid
 * @param w       the row's stationary weights: w[(c*lanes + j)*kp + i]
 * @param wMacs   MACs per valid cycle per column: wMacs[c]
 * @param psIn    psum registers of row r-1 (or the north injection) at cycle u: psIn[u*C*lanes + c*lanes + j]
 * @param psOut   written: this row's psum registers at cycle t
 * @returns       the MACs the row's PEs made
 */
export type WsRowKernel = (cycles: number, feedA: OperandArray, feedV: Uint8Array, w: OperandArray, wMacs: Uint8Array, psIn: OperandArray, psOut: OperandArray) => number;

const cache = new Map<string, WsRowKernel>();

export function wsRowKernel(cols: number, kp: number, lanes: number, integer: boolean): WsRowKernel {
  const key = `${cols}:${kp}:${lanes}:${integer}`;
  let k = cache.get(key);
  if (!k) {
    if (!integer && kp !== 1) throw new Error('float PE kinds take one k-value per cycle');
    const Q = cols * lanes;
    const weight = (c: number, j: number, i: number) => `w${c}_${j}_${i}`;
    const decl: string[] = [];
    const body: string[] = [];
    for (let c = 0; c < cols; c++) {
      for (let j = 0; j < lanes; j++) {
        const q = c * lanes + j;
        for (let i = 0; i < kp; i++) decl.push(`${weight(c, j, i)} = w[${q * kp + i}]`);
        const sum = [...Array(kp).keys()].map((i) => integer ? `Math.imul(feedA[fa + ${i - c * kp}], ${weight(c, j, i)})` : `feedA[fa - ${c}] * ${weight(c, j, i)}`).join(' + ');
        body.push(integer ? `psOut[ho + ${q}] = (psIn[hi + ${q}] + ${sum}) | 0;` : `psOut[ho + ${q}] = Math.fround(psIn[hi + ${q}] + ${sum});`);
      }
      decl.push(`m${c} = wMacs[${c}]`);
      body.push(`macs += feedV[fv - ${c}] & m${c};`);
    }
    const src = `"use strict";
const ${decl.join(', ')};
let macs = 0;
for (let t = 1, fa = ${cols * kp}, fv = ${cols}, hi = 0, ho = ${Q}; t < cycles; t++, fa += ${kp}, fv++, hi += ${Q}, ho += ${Q}) {
${body.join('\n')}
}
return macs;`;
    k = new Function('cycles', 'feedA', 'feedV', 'w', 'wMacs', 'psIn', 'psOut', src) as WsRowKernel;
    cache.set(key, k);
  }
  return k;
}
