import { popcount, popcount32, complementTable, inputTable, type TruthFunction } from './truth-function.ts';

/**
 * NPN classes (input Negation, input Permutation, output Negation) for keeping held-out functions
 * out of training. Up to 4 inputs the exact canonical form is cheap (768 transforms of a 16-bit
 * table). Beyond, an NPN-invariant signature is used: NPN-equivalent functions always share it, so
 * splitting by signature keeps every NPN class on one side (it may also join a few distinct classes,
 * which only makes the split stricter).
 */

const NEGATE_MASKS = [0x5555, 0x3333, 0x0f0f, 0x00ff];

/** Table of a 4-input function with input i complemented. */
function negateInput(t: number, i: number): number {
  const s = 1 << i;
  const m = NEGATE_MASKS[i];
  return ((t >>> s) & m) | ((t & m) << s);
}

/** Table with inputs i < j swapped: minterms with (x_i, x_j) = (1, 0) trade places with (0, 1). */
function swapInputs(t: number, i: number, j: number): number {
  const shift = (1 << j) - (1 << i);
  let m = 0;
  for (let k = 0; k < 16; k++) if ((k >>> i) & 1 && !((k >>> j) & 1)) m |= 1 << k;
  return (t & ~(m | (m << shift)) & 0xffff) | ((t & m) << shift) | ((t >>> shift) & m);
}

/** Adjacent swaps that walk through all 24 orders of 4 inputs (Steinhaus-Johnson-Trotter). */
const PERMUTATION_WALK = (() => {
  const swaps: number[] = [];
  const perm = [0, 1, 2, 3];
  const dir = [-1, -1, -1, -1];
  for (;;) {
    let mobile = -1;
    for (let k = 0; k < 4; k++) {
      const to = k + dir[k];
      if (to >= 0 && to < 4 && perm[k] > perm[to] && (mobile < 0 || perm[k] > perm[mobile])) mobile = k;
    }
    if (mobile < 0) return swaps;
    const to = mobile + dir[mobile];
    swaps.push(Math.min(mobile, to));
    [perm[mobile], perm[to]] = [perm[to], perm[mobile]];
    [dir[mobile], dir[to]] = [dir[to], dir[mobile]];
    for (let k = 0; k < 4; k++) if (perm[k] > perm[to]) dir[k] = -dir[k];
  }
})();

/** The bit flipped at step k of the 4-bit Gray code (walks through all 16 negation masks). */
const GRAY_FLIPS = Array.from({ length: 15 }, (_, k) => 31 - Math.clz32((k + 1) & -(k + 1)));

/**
 * The exact NPN canonical form of a single-output function of at most 4 inputs: the smallest
 * table over all 768 transforms (24 input orders x 16 input negations x 2 output polarities),
 * reached by adjacent swaps and one negation at a time. Fewer inputs are padded to 4.
 */
export function npnCanonical4(table: number, n: number): number {
  if (n > 4) throw new Error('npnCanonical4 takes at most 4 inputs');
  let t = table & 0xffff;
  for (let k = 1 << n; k < 16; k <<= 1) t |= (t & ((1 << k) - 1)) << k; // an unused input: the table repeats
  let best = Infinity;
  for (let p = 0; p <= PERMUTATION_WALK.length; p++) {
    let u = t;
    for (let g = 0; g <= 15; g++) {
      best = Math.min(best, u, ~u & 0xffff);
      if (g < 15) u = negateInput(u, GRAY_FLIPS[g]);
    }
    if (p < PERMUTATION_WALK.length) t = swapInputs(t, PERMUTATION_WALK[p], PERMUTATION_WALK[p] + 1);
  }
  return best;
}

/** Applies input negations (bit i of `negate`), an input permutation (new input i = old input perm[i]) and output negations to a function. */
export function transformFunction(fn: TruthFunction, perm: readonly number[], negate: number, outputNegate: readonly boolean[]): TruthFunction {
  const n = fn.inputs;
  const size = 2 ** n;
  const tables = fn.tables.map((t, o) => {
    const out = new Uint32Array(t.length);
    for (let m = 0; m < size; m++) {
      let src = 0;
      for (let i = 0; i < n; i++) if (((m >>> i) & 1) ^ ((negate >>> i) & 1)) src += 2 ** perm[i];
      if ((t[src >>> 5] >>> (src & 31)) & 1) out[m >>> 5] |= 1 << (m & 31);
    }
    return outputNegate[o] ? complementTable(out, n) : out;
  });
  return { inputs: n, tables };
}

function cofactorCounts(g: Uint32Array, vars: readonly Uint32Array[]): number[] {
  return vars.map((x) => {
    let a = 0;
    for (let w = 0; w < g.length; w++) a += popcount32(g[w] & x[w]);
    return a;
  });
}

/** Invariant under input negation and permutation: weight, per-input and per-pair cofactor weights (sorted). */
function polaritySignature(g: Uint32Array, n: number, inputs: readonly Uint32Array[], negInputs: readonly Uint32Array[]): string {
  const weight = popcount(g);
  const singles = inputs.map((_, i) => {
    const [a] = cofactorCounts(g, [inputs[i]]);
    return [a, weight - a].sort((x, y) => x - y).join('.');
  }).sort();
  const pairs: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const cubes = [[inputs[i], inputs[j]], [inputs[i], negInputs[j]], [negInputs[i], inputs[j]], [negInputs[i], negInputs[j]]];
      const counts = cubes.map(([a, b]) => {
        let c = 0;
        for (let w = 0; w < g.length; w++) c += popcount32(g[w] & a[w] & b[w]);
        return c;
      });
      pairs.push(counts.sort((x, y) => x - y).join('.'));
    }
  }
  return `${weight}|${singles.join(',')}|${pairs.sort().join(',')}`;
}

/** The class key of a function: exact NPN canonical form up to 4 inputs (single output), an NPN-invariant signature beyond. */
export function npnClassKey(fn: TruthFunction): string {
  const n = fn.inputs;
  if (n <= 4 && fn.tables.length === 1) return `npn${n}:${npnCanonical4(fn.tables[0][0], n).toString(16)}`;
  const inputs = Array.from({ length: n }, (_, i) => inputTable(i, n));
  const negInputs = inputs.map((t) => complementTable(t, n));
  const perOutput = fn.tables.map((t) => {
    const a = polaritySignature(t, n, inputs, negInputs);
    const b = polaritySignature(complementTable(t, n), n, inputs, negInputs);
    return a < b ? a : b;
  });
  return `sig${n}:${perOutput.sort().join('/')}`;
}
