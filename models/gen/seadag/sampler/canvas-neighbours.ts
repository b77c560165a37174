import { recordAig, recordFunction, type PairRecord } from '../data/dataset.ts';
import { aigToCanvas } from '../canvas.ts';
import type { TruthFunction } from '../data/truth-function.ts';
import { seededRandom } from '../../../../util/index.ts';

/**
 * A canvas prior conditioned on the function (an experiment of `seadag eval --canvas-neighbours K`):
 * instead of any training graph's level widths, those of the K training functions nearest to the
 * requested one by an NPN-invariant signature. Per output: the on-set size up to complement, then
 * for each input the unordered pair of its cofactors' on-set sizes, the pairs sorted. Equivalent
 * functions share the signature, so a held-out function's neighbours come from the training
 * classes that look most like its own.
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

/** For each requested function, a draw (seeded per call sequence) from the level widths of its K nearest training functions. */
export function neighbourCanvas(train: readonly PairRecord[], k: number, seed: number): (t: TruthFunction) => readonly number[] {
  const sigs = train.map((r) => npnSignature(recordFunction(r)));
  const widths = train.map((r) => aigToCanvas(recordAig(r)).canvas.widths);
  const near = new Map<string, number[]>();
  const rand = seededRandom(seed);
  return (t) => {
    const key = t.tables.map((x) => Array.from(x).join(',')).join('/');
    let idx = near.get(key);
    if (!idx) {
      const s = npnSignature(t);
      const d = sigs.map((g, i) => [g.reduce((acc, x, j) => acc + Math.abs(x - s[j]), 0), i] as const);
      d.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      idx = d.slice(0, k).map(([, i]) => i);
      near.set(key, idx);
    }
    return widths[idx[Math.floor(rand() * idx.length)]];
  };
}
