import { levelStarts, nodeLevels, canvasSize } from '../canvas.ts';
import type { ChainGraph, LevelChoice } from './level-decoding.ts';
import type { Predictions } from './predictions.ts';

/**
 * The property decoder on a partly decided graph, in plain arrays: final nodes exact, the
 * candidate level as drawn, the levels above soft from the prediction (each a product over its
 * possible fanins, as the decoder in training). Returns the log-likelihood of the requested
 * tables, so the sampler can keep the candidate level that best serves the condition.
 */
export function candidateScore(c: ChainGraph, p: Predictions, choice: LevelChoice): number {
  const g = c.graph;
  const canvas = g.canvas;
  const n = canvasSize(canvas);
  const M = 2 ** canvas.inputs;
  const level = nodeLevels(canvas);
  const starts = levelStarts(canvas);
  const firstSoft = starts[level[choice.rows[0]] + 1];
  const values: Float32Array[] = new Array(n);
  const hard = (t: Uint32Array) => {
    const x = new Float32Array(M);
    for (let m = 0; m < M; m++) x[m] = (t[m >>> 5] >>> (m & 31)) & 1;
    return x;
  };
  for (let v = 0; v < firstSoft; v++) {
    const k = choice.rows.indexOf(v);
    if (k >= 0) {
      const f = choice.fanins[k];
      if (!f) continue;
      const x = new Float32Array(M).fill(1);
      for (const [u, neg] of f) {
        const src = values[u] ?? hard(c.tables[u]!);
        for (let m = 0; m < M; m++) x[m] *= neg ? 1 - src[m] : src[m];
      }
      values[v] = x;
    } else if (c.tables[v]) values[v] = hard(c.tables[v]!);
  }
  const base = c.batchIndex * p.size;
  for (let v = firstSoft; v < n; v++) {
    const logx = new Float64Array(M);
    for (let u = 0; u < starts[level[v]]; u++) {
      const src = values[u];
      if (!src) continue;
      const at = (base + v) * p.size + u;
      const a = p.plain[at];
      const b = p.complemented[at];
      if (a + b < 1e-4) continue;
      for (let m = 0; m < M; m++) logx[m] += Math.log(Math.max(1e-6, 1 - a * (1 - src[m]) - b * src[m]));
    }
    values[v] = Float32Array.from(logx, (l) => Math.exp(l));
  }
  let score = 0;
  for (let o = 0; o < canvas.outputs; o++) {
    const x = values[n - canvas.outputs + o];
    const f = c.target.tables[o];
    for (let m = 0; m < M; m++) {
      const want = (f[m >>> 5] >>> (m & 31)) & 1;
      score += Math.log(Math.min(1 - 1e-6, Math.max(1e-6, want ? x[m] : 1 - x[m])));
    }
  }
  return score;
}
