/**
 * Float GEMM kernels on typed arrays (the reference backend's arithmetic): float32 operands,
 * products summed in double, one rounding to float32 per output. For the small matrices of the
 * project's models these beat tfjs, whose per-call overhead dominates at this size.
 */

/**
 * Y[M x N] = X[M x K] B where `bt` holds B transposed (N rows of K): one dot product per output,
 * summed in order in double. Eight outputs are computed together so each x value is loaded once
 * for eight products (1.6-1.9x faster than one output at a time, measured here on GEMVs of the
 * decode step).
 */
export function matmulTransposedB(x: Float32Array, m: number, k: number, bt: Float32Array, n: number, out = new Float32Array(m * n)): Float32Array {
  for (let i = 0; i < m; i++) {
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
 * Y[M x N] = X[M x K] B with B given as K rows of N: each row of B is added into the outputs, two
 * rows of X at a time so each B value is loaded once for both (attention's P V in a decode step has
 * the query heads of a KV head as rows).
 */
export function matmulB(x: Float32Array, m: number, k: number, b: Float32Array, n: number, out = new Float32Array(m * n)): Float32Array {
  const acc0 = new Float64Array(n), acc1 = new Float64Array(n);
  let i = 0;
  for (; i + 1 < m; i += 2) {
    acc0.fill(0);
    acc1.fill(0);
    for (let t = 0; t < k; t++) {
      const a0 = x[i * k + t], a1 = x[(i + 1) * k + t];
      if (a0 === 0 && a1 === 0) continue;
      const bo = t * n;
      for (let j = 0; j < n; j++) {
        const bv = b[bo + j];
        acc0[j] += a0 * bv;
        acc1[j] += a1 * bv;
      }
    }
    out.set(acc0, i * n);
    out.set(acc1, (i + 1) * n);
  }
  for (; i < m; i++) {
    acc0.fill(0);
    for (let t = 0; t < k; t++) {
      const a = x[i * k + t];
      if (a === 0) continue;
      const bo = t * n;
      for (let j = 0; j < n; j++) acc0[j] += a * b[bo + j];
    }
    out.set(acc0, i * n);
  }
  return out;
}

/** The transpose of a row-major R x C matrix. */
export function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
  return t;
}
