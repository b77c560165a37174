// What the recipe alone says about its result, as explicit per-step features: after operation k,
// how often each operation occurred in steps 1..k (divided by the recipe's length), how often in the
// last WINDOW steps (divided by WINDOW), and which operation step k was. A ridge regression on these
// counts alone orders one design's recipes better than a decoder that must learn to count from the
// tokens on a few dozen training designs, so the decoder gets them beside its tokens, and a
// design-independent linear term on them is added to its output (see networks.ts).

/** Steps looked back for the recent-operation counts. */
export const WINDOW = 5;

/** Features per step for `operations` operation kinds: prefix counts, window counts, the step's own operation. */
export const recipeFeatureCount = (operations: number) => 3 * operations;

/**
 * Features of R recipes of T steps (`ops` row-major [R, T], ids below `operations`): [R, T, 3 * operations],
 * row k describing the recipe up to and including step k (it never looks past step k).
 */
export function recipeFeatures(ops: Int32Array, r: number, t: number, operations: number): Float32Array {
  const f = recipeFeatureCount(operations);
  const out = new Float32Array(r * t * f);
  const prefix = new Float32Array(operations);
  const window = new Float32Array(operations);
  for (let i = 0; i < r; i++) {
    prefix.fill(0);
    window.fill(0);
    for (let k = 0; k < t; k++) {
      const op = ops[i * t + k];
      if (op < 0 || op >= operations) throw new Error(`operation id ${op} out of range 0..${operations - 1}`);
      prefix[op]++;
      window[op]++;
      if (k >= WINDOW) window[ops[i * t + k - WINDOW]]--;
      const at = (i * t + k) * f;
      for (let o = 0; o < operations; o++) {
        out[at + o] = prefix[o] / t;
        out[at + operations + o] = window[o] / WINDOW;
      }
      out[at + 2 * operations + op] = 1;
    }
  }
  return out;
}
