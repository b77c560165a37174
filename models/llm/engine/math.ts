/**
 * The engine's non-GEMM arithmetic, on float32 arrays with double accumulation: RMSNorm, RoPE,
 * SwiGLU's gate, the row softmax. These run outside the array (a vector unit), in float.
 */
import { NORM_EPS, ROPE_BASE } from '../config.ts';

/**
 * A buffer of `length` floats for a step's temporary: `held` again when it fits exactly (every
 * decode step after the first), else a new one. Only for values consumed before the step returns.
 */
export function scratch(held: Float32Array | undefined, length: number): Float32Array {
  return held?.length === length ? held : new Float32Array(length);
}

/** RMSNorm of each of the M rows of x (M x d) with gain w, into `out`. */
export function rmsNorm(x: Float32Array, m: number, w: Float32Array, out: Float32Array = new Float32Array(m * w.length)): Float32Array {
  const d = w.length;
  for (let i = 0; i < m; i++) {
    let ss = 0;
    for (let j = 0; j < d; j++) ss += x[i * d + j] * x[i * d + j];
    const inv = 1 / Math.sqrt(ss / d + NORM_EPS);
    for (let j = 0; j < d; j++) out[i * d + j] = w[j] * x[i * d + j] * inv;
  }
  return out;
}

/** RoPE tables already computed, by head size and position (a decode step would otherwise recompute them per block). */
const ropeTables = new Map<number, { cos: Float64Array; sin: Float64Array }[]>();

/** The cos and sin of RoPE for one position, per pair (headSize / 2 values each). */
export function ropeAngles(pos: number, headSize: number): { cos: Float64Array; sin: Float64Array } {
  let byPos = ropeTables.get(headSize);
  if (!byPos) ropeTables.set(headSize, (byPos = []));
  const known = byPos[pos];
  if (known) return known;
  const half = headSize / 2;
  const cos = new Float64Array(half), sin = new Float64Array(half);
  for (let j = 0; j < half; j++) {
    const angle = pos * ROPE_BASE ** (-(2 * j) / headSize);
    cos[j] = Math.cos(angle);
    sin[j] = Math.sin(angle);
  }
  return (byPos[pos] = { cos, sin });
}

/** RoPE in place on M rows of width `width` (heads x headSize), row i at position positions[i]. */
export function applyRope(x: Float32Array, m: number, width: number, headSize: number, positions: ArrayLike<number>): void {
  for (let i = 0; i < m; i++) {
    const { cos, sin } = ropeAngles(positions[i], headSize);
    for (let h = 0; h < width; h += headSize) {
      for (let j = 0; j < headSize / 2; j++) {
        const a = i * width + h + 2 * j;
        const x0 = x[a], x1 = x[a + 1];
        x[a] = x0 * cos[j] - x1 * sin[j];
        x[a + 1] = x0 * sin[j] + x1 * cos[j];
      }
    }
  }
}

/** SiLU(gate) * up, elementwise, into `out`. */
export function swiGlu(gate: Float32Array, up: Float32Array, out: Float32Array = new Float32Array(gate.length)): Float32Array {
  for (let i = 0; i < gate.length; i++) out[i] = (gate[i] / (1 + Math.exp(-gate[i]))) * up[i];
  return out;
}

/** x += y. */
export function addInPlace(x: Float32Array, y: Float32Array): void {
  for (let i = 0; i < x.length; i++) x[i] += y[i];
}

/**
 * Softmax of each row of `scores` (rows x n) in place after multiplying by `scale`, causally:
 * column c of row r is visible when keyPositions[c] <= rowPosition(r); the others get probability 0.
 */
export function softmaxRows(scores: Float32Array, rows: number, n: number, scale: number, keyPositions: ArrayLike<number>, rowPosition: (row: number) => number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n, last = rowPosition(r);
    let max = -Infinity;
    for (let c = 0; c < n; c++) if (keyPositions[c] <= last) max = Math.max(max, scores[o + c] * scale);
    let sum = 0;
    for (let c = 0; c < n; c++) {
      const e = keyPositions[c] <= last ? Math.exp(scores[o + c] * scale - max) : 0;
      scores[o + c] = e;
      sum += e;
    }
    for (let c = 0; c < n; c++) scores[o + c] /= sum;
  }
}
