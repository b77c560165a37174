import { popcount, popcount32, complementTable, inputTable, type TruthFunction } from './truth-function.ts';

/**
 * NPN classes (input Negation, input Permutation, output Negation) for keeping held-out functions
 * out of training. Up to 4 inputs the exact canonical form is cheap (768 transforms of a 16-bit
 * table). Beyond, an NPN-invariant signature is used: NPN-equivalent functions always share it, so
 * splitting by signature keeps every NPN class on one side (it may also join a few distinct classes,
 * which only makes the split stricter).
 */

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]));
}

/** For n <= 4: every transform as a minterm map m -> m' (table'[m] = table[map[m]]). */
function transformMaps(n: number): Uint8Array[] {
  const maps: Uint8Array[] = [];
  for (const perm of permutations(n)) {
    for (let neg = 0; neg < 1 << n; neg++) {
      const map = new Uint8Array(1 << n);
      for (let m = 0; m < 1 << n; m++) {
        let src = 0;
        for (let i = 0; i < n; i++) if (((m >>> i) & 1) ^ ((neg >>> i) & 1)) src |= 1 << perm[i];
        map[m] = src;
      }
      maps.push(map);
    }
  }
  return maps;
}

const mapsCache = new Map<number, Uint8Array[]>();

/** The exact NPN canonical form of a single-output function of at most 4 inputs: the smallest table over all transforms. */
export function npnCanonical4(table: number, n: number): number {
  if (n > 4) throw new Error('npnCanonical4 takes at most 4 inputs');
  let maps = mapsCache.get(n);
  if (!maps) mapsCache.set(n, (maps = transformMaps(n)));
  const size = 1 << n;
  const full = size === 32 ? 0xffffffff : 2 ** size - 1;
  let best = Infinity;
  for (const map of maps) {
    let t = 0;
    for (let m = 0; m < size; m++) if ((table >>> map[m]) & 1) t |= 1 << m;
    t >>>= 0;
    best = Math.min(best, t, (~t & full) >>> 0);
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
