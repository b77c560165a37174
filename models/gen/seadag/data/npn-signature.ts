import type { TruthFunction } from './truth-function.ts';

/**
 * An NPN-invariant signature of a function, the key of the function-conditioned canvas prior. Per
 * output: the on-set size up to complement, then for each input the unordered pair of its
 * cofactors' on-set sizes, the pairs sorted. Input permutations reorder the pairs, input negations
 * swap a pair's members, an output complement swaps on-set and off-set; so NPN-equivalent functions
 * share the signature (it may also join a few distinct classes).
 */
export function npnSignature(fn: TruthFunction): number[] {
  const M = 2 ** fn.inputs;
  const out: number[] = [];
  for (const t of fn.tables) {
    const bit = (m: number) => (t[m >>> 5] >>> (m & 31)) & 1;
    let ones = 0;
    for (let m = 0; m < M; m++) ones += bit(m);
    out.push(Math.min(ones, M - ones));
    const pairsOf = (flip: number) => {
      const pairs: number[][] = [];
      for (let i = 0; i < fn.inputs; i++) {
        let a = 0;
        let b = 0;
        for (let m = 0; m < M; m++) if (bit(m) ^ flip) ((m >>> i) & 1 ? (b += 1) : (a += 1));
        pairs.push(a <= b ? [a, b] : [b, a]);
      }
      pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      return pairs.flat();
    };
    // Output complement: count the smaller side; a balanced function takes the smaller of both lists.
    const plain = pairsOf(0);
    const flipped = pairsOf(1);
    const j = plain.findIndex((v, i) => v !== flipped[i]);
    out.push(...(2 * ones < M ? plain : 2 * ones > M ? flipped : j < 0 || plain[j] < flipped[j] ? plain : flipped));
  }
  return out;
}
