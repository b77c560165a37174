/**
 * The values the array computes, in bulk on typed arrays: the same arithmetic as sim's scalar PE
 * semantics (hw/pe: weightOperand, peMac, groupContribution, accumulateOutput), in the same order,
 * so every output is bit-identical to cycle mode (the array backend's check mode and the tests hold
 * them equal). docs/sim-cycle-model.md, "Arithmetic per PE kind", is the contract:
 *   integer kinds: P_g = sum over group g of W' * X (exact), u = fp32(fp32(P_g) * fp32(sw * sa)),
 *   float kinds:   P_g = fp32 running sum in k order of the exact products W' * X, u = fp32(P_g * sp),
 *   every kind:    y = fp32(y + u) over the groups in order.
 */

/** The operand side of a GEMM as the PEs see it, after the feeders. */
export interface ExactOperands {
  readonly m: number;
  readonly k: number;
  readonly n: number;
  /** X: INT8 codes or FP16 values, M x K row-major. */
  readonly x: Int8Array | Float64Array;
  /** Per-row activation scale values (INT8 activations); undefined for FP16 activations. */
  readonly xScale: Float64Array | undefined;
  /** W' (the weight operand) transposed: N rows of K. */
  readonly wt: Float32Array;
  /** Group scale values, N rows of (K / groupLength); all 1 for kinds that dequantize before the MAC. */
  readonly wScale: Float64Array;
  /** k values per dequantized group partial (K for kinds without group dequantization). */
  readonly groupLength: number;
  /** INT32 partials (exact) or FP32 partials rounded after every add. */
  readonly integer: boolean;
}

const f32 = Math.fround;

export function exactGemm(o: ExactOperands): Float32Array {
  const { m, k, n, x, xScale, wt, wScale, groupLength, integer } = o;
  const groups = k / groupLength;
  const y = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    const xo = i * k;
    const sa = xScale ? xScale[i] : 1;
    for (let j = 0; j < n; j++) {
      const wo = j * k;
      let out = 0;
      for (let g = 0; g < groups; g++) {
        const k0 = g * groupLength;
        const k1 = k0 + groupLength;
        let partial = 0;
        if (integer) {
          // Integers below 2^31 (sim's validateGemm bounds the group): the double sum is exact in any order.
          for (let t = k0; t < k1; t++) partial += wt[wo + t] * x[xo + t];
        } else {
          for (let t = k0; t < k1; t++) partial = f32(partial + wt[wo + t] * x[xo + t]);
        }
        const sp = xScale ? f32(wScale[j * groups + g] * sa) : wScale[j * groups + g];
        out = f32(out + f32(f32(partial) * sp));
      }
      y[i * n + j] = out;
    }
  }
  return y;
}

/**
 * The same values for a B operand given as K rows of N (attention values): outputs accumulate row
 * by row of B. Integer partials are order-free; float partials still add in k order per output.
 */
export function exactGemmRowsOfB(o: Omit<ExactOperands, 'wt'> & { readonly w: Float32Array }): Float32Array {
  const { m, k, n, x, xScale, w, wScale, groupLength, integer } = o;
  const groups = k / groupLength;
  const y = new Float32Array(m * n);
  const out = new Float32Array(n);
  const partial = integer ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < m; i++) {
    const xo = i * k;
    const sa = xScale ? xScale[i] : 1;
    out.fill(0);
    for (let g = 0; g < groups; g++) {
      partial.fill(0);
      for (let t = g * groupLength; t < (g + 1) * groupLength; t++) {
        const a = x[xo + t];
        // An integer zero adds nothing (float kinds keep every step: 0 x inf is NaN there).
        if (integer && a === 0) continue;
        const wo = t * n;
        // A Float32Array store rounds to FP32 exactly as Math.fround does.
        for (let j = 0; j < n; j++) partial[j] += a * w[wo + j];
      }
      for (let j = 0; j < n; j++) {
        const sp = xScale ? f32(wScale[j * groups + g] * sa) : wScale[j * groups + g];
        out[j] = f32(out[j] + f32(f32(partial[j]) * sp));
      }
    }
    y.set(out, i * n);
  }
  return y;
}
