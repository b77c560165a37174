/**
 * Float GEMM kernels on typed arrays (the reference backend's arithmetic): float32 operands,
 * products summed in double, one rounding to float32 per output. For the small matrices of the
 * project's models these beat tfjs, whose per-call overhead dominates at this size.
 */

/** Y[M x N] = X[M x K] B where `bt` holds B transposed (N rows of K): one dot product per output. */
export function matmulTransposedB(x: Float32Array, m: number, k: number, bt: Float32Array, n: number, out = new Float32Array(m * n)): Float32Array {
  for (let i = 0; i < m; i++) {
    const xo = i * k;
    for (let j = 0; j < n; j++) {
      const bo = j * k;
      // Four partial sums let the CPU overlap the adds.
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let t = 0;
      for (; t + 3 < k; t += 4) {
        s0 += x[xo + t] * bt[bo + t];
        s1 += x[xo + t + 1] * bt[bo + t + 1];
        s2 += x[xo + t + 2] * bt[bo + t + 2];
        s3 += x[xo + t + 3] * bt[bo + t + 3];
      }
      for (; t < k; t++) s0 += x[xo + t] * bt[bo + t];
      out[i * n + j] = s0 + s1 + s2 + s3;
    }
  }
  return out;
}

/** Y[M x N] = X[M x K] B with B given as K rows of N: each row of B is added into the outputs. */
export function matmulB(x: Float32Array, m: number, k: number, b: Float32Array, n: number, out = new Float32Array(m * n)): Float32Array {
  const acc = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0);
    for (let t = 0; t < k; t++) {
      const a = x[i * k + t];
      if (a === 0) continue;
      const bo = t * n;
      for (let j = 0; j < n; j++) acc[j] += a * b[bo + j];
    }
    out.set(acc, i * n);
  }
  return out;
}

/** The transpose of a row-major R x C matrix. */
export function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
  return t;
}
