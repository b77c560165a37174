/**
 * Float GEMM kernels on typed arrays (the reference backend's arithmetic): float32 operands,
 * products summed in double, one rounding to float32 per output. For the small matrices of the
 * project's models these beat tfjs, whose per-call overhead dominates at this size.
 */

/**
 * Y[M x N] = X[M x K] B where `bt` holds B transposed (N rows of K): one dot product per output,
 * summed in order in double. Two rows of X and four outputs are computed together, so each x
 * value is loaded once for four products and each B value once for two rows (attention's Q K^T in
 * a decode step has the query heads of a KV head as rows); a single row takes eight outputs at a
 * time (the decode step's GEMVs, where SIMD is missing).
 */
export function matmulTransposedB(x: Float32Array, m: number, k: number, bt: Float32Array, n: number, out = new Float32Array(m * n)): Float32Array {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const x0 = i * k, x1 = x0 + k, o0 = i * n, o1 = o0 + n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      const b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let t = 0; t < k; t++) {
        const a0 = x[x0 + t], a1 = x[x1 + t];
        const c0 = bt[b0 + t], c1 = bt[b1 + t], c2 = bt[b2 + t], c3 = bt[b3 + t];
        s00 += a0 * c0; s01 += a0 * c1; s02 += a0 * c2; s03 += a0 * c3;
        s10 += a1 * c0; s11 += a1 * c1; s12 += a1 * c2; s13 += a1 * c3;
      }
      out[o0 + j] = s00; out[o0 + j + 1] = s01; out[o0 + j + 2] = s02; out[o0 + j + 3] = s03;
      out[o1 + j] = s10; out[o1 + j + 1] = s11; out[o1 + j + 2] = s12; out[o1 + j + 3] = s13;
    }
    for (; j < n; j++) {
      const bo = j * k;
      let s0 = 0, s1 = 0;
      for (let t = 0; t < k; t++) { s0 += x[x0 + t] * bt[bo + t]; s1 += x[x1 + t] * bt[bo + t]; }
      out[o0 + j] = s0;
      out[o1 + j] = s1;
    }
  }
  for (; i < m; i++) {
    const xo = i * k, oo = i * n;
    let j = 0;
    for (; j + 7 < n; j += 8) {
      const b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k, b4 = b3 + k, b5 = b4 + k, b6 = b5 + k, b7 = b6 + k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (let t = 0; t < k; t++) {
        const a = x[xo + t];
        s0 += a * bt[b0 + t];
        s1 += a * bt[b1 + t];
        s2 += a * bt[b2 + t];
        s3 += a * bt[b3 + t];
        s4 += a * bt[b4 + t];
        s5 += a * bt[b5 + t];
        s6 += a * bt[b6 + t];
        s7 += a * bt[b7 + t];
      }
      out[oo + j] = s0; out[oo + j + 1] = s1; out[oo + j + 2] = s2; out[oo + j + 3] = s3;
      out[oo + j + 4] = s4; out[oo + j + 5] = s5; out[oo + j + 6] = s6; out[oo + j + 7] = s7;
    }
    for (; j < n; j++) {
      const bo = j * k;
      let s = 0;
      for (let t = 0; t < k; t++) s += x[xo + t] * bt[bo + t];
      out[oo + j] = s;
    }
  }
  return out;
}

/**
 * Y[M x N] = X[M x K] B with B given as K rows of N (attention's P V: the query heads of a KV head
 * as rows, the cached values as B). Two rows of X and four columns of B at a time, each output's
 * products summed over K in order in a double held in a register (B loaded once for both rows);
 * 3-4x the earlier loop that summed into Float64Array accumulators, and the same sums.
 */
export function matmulB(x: Float32Array, m: number, k: number, b: Float32Array, n: number, out = new Float32Array(m * n)): Float32Array {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const x0 = i * k, x1 = x0 + k, o0 = i * n, o1 = o0 + n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let t = 0, bo = j; t < k; t++, bo += n) {
        const a0 = x[x0 + t], a1 = x[x1 + t];
        if (a0 === 0 && a1 === 0) continue; // masked probabilities (as before: 0 x inf adds nothing)
        const b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
        s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
        s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
      }
      out[o0 + j] = s00; out[o0 + j + 1] = s01; out[o0 + j + 2] = s02; out[o0 + j + 3] = s03;
      out[o1 + j] = s10; out[o1 + j + 1] = s11; out[o1 + j + 2] = s12; out[o1 + j + 3] = s13;
    }
    for (; j < n; j++) {
      let s0 = 0, s1 = 0;
      for (let t = 0, bo = j; t < k; t++, bo += n) {
        const a0 = x[x0 + t], a1 = x[x1 + t];
        if (a0 === 0 && a1 === 0) continue;
        s0 += a0 * b[bo];
        s1 += a1 * b[bo];
      }
      out[o0 + j] = s0;
      out[o1 + j] = s1;
    }
  }
  for (; i < m; i++) {
    const x0 = i * k, o0 = i * n;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0, bo = j; t < k; t++, bo += n) {
        const a = x[x0 + t];
        if (a !== 0) s += a * b[bo];
      }
      out[o0 + j] = s;
    }
  }
  return out;
}

/** The transpose of a row-major R x C matrix. */
export function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
  return t;
}
