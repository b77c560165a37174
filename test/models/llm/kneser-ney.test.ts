import { describe, expect, it } from 'vitest';
import { createRng } from '../../../hw/index.ts';
import { KneserNey } from '../../../models/llm/index.ts';

const BOS = 0;

/** Random documents over tokens 1..V-1, as a stream with BOS before each. */
function corpus(seed: number, docs: number, V: number): Uint16Array {
  const rng = createRng(seed);
  const out: number[] = [];
  for (let d = 0; d < docs; d++) {
    out.push(BOS);
    const n = rng.int(1, 12);
    // A skewed distribution so that counts repeat.
    for (let i = 0; i < n; i++) out.push(1 + Math.min(V - 2, Math.floor(-Math.log(1 - rng.next()) * 1.5)));
  }
  return Uint16Array.from(out);
}

/**
 * Interpolated Kneser-Ney written from the definitions with string keys: the highest order from
 * counts, lower orders from the number of distinct left extensions, D = n1 / (n1 + 2 n2) per order,
 * the unigram level interpolated with the uniform distribution.
 */
function referenceKn(stream: Uint16Array, order: number, V: number) {
  const seqs: number[][] = [];
  let cur: number[] | undefined;
  for (const t of stream) {
    if (t === BOS) { if (cur) seqs.push(cur); cur = []; } else cur!.push(t);
  }
  if (cur) seqs.push(cur);
  const top = new Map<string, number>();
  for (const s of seqs) {
    const p = [...Array(order - 1).fill(BOS), ...s, BOS];
    for (let i = order - 1; i < p.length; i++) {
      const k = p.slice(i - order + 1, i + 1).join(',');
      top.set(k, (top.get(k) ?? 0) + 1);
    }
  }
  const counts: Map<string, number>[] = [];
  counts[order] = top;
  for (let o = order - 1; o >= 1; o--) {
    const lefts = new Map<string, Set<string>>();
    for (const k of counts[o + 1].keys()) {
      const parts = k.split(',');
      const suffix = parts.slice(1).join(',');
      if (!lefts.has(suffix)) lefts.set(suffix, new Set());
      lefts.get(suffix)!.add(parts[0]);
    }
    counts[o] = new Map([...lefts].map(([k, s]) => [k, s.size]));
  }
  const D = counts.map((c) => {
    if (!c) return 0;
    const vals = [...c.values()];
    const n1 = vals.filter((v) => v === 1).length, n2 = vals.filter((v) => v === 2).length;
    return n1 + 2 * n2 > 0 ? n1 / (n1 + 2 * n2) : 0.5;
  });
  return (history: number[], w: number): number => {
    let p = 1 / V;
    for (let o = 1; o <= order; o++) {
      const h = history.slice(history.length - (o - 1)).join(',');
      const prefix = o === 1 ? '' : `${h},`;
      const followers = [...counts[o]].filter(([k]) => (o === 1 ? true : k.startsWith(prefix) && k.split(',').length === o));
      const total = followers.reduce((s, [, c]) => s + c, 0);
      if (total === 0) continue;
      const c = counts[o].get(`${prefix}${w}`) ?? 0;
      p = Math.max(c - D[o], 0) / total + (D[o] * followers.length / total) * p;
    }
    return p;
  };
}

describe('interpolated Kneser-Ney', () => {
  for (const order of [2, 3, 4]) {
    it(`order ${order}: equals a reference written from the definitions, and sums to 1`, () => {
      const V = 7;
      const stream = corpus(order, 40, V);
      const kn = KneserNey.train(stream, order, V, BOS);
      const ref = referenceKn(stream, order, V);
      const rng = createRng(99 + order);
      for (let trial = 0; trial < 25; trial++) {
        const history = Array.from({ length: order - 1 }, () => (rng.next() < 0.2 ? BOS : rng.int(1, V - 1)));
        let sum = 0;
        for (let w = 0; w < V; w++) {
          const p = kn.probability(history, w);
          expect(p).toBeCloseTo(ref(history, w), 12);
          expect(p).toBeGreaterThan(0);
          sum += p;
        }
        expect(sum).toBeCloseTo(1, 12);
      }
    });
  }

  it('scores each token from its own document only (history padded with BOS)', () => {
    const V = 6;
    const stream = Uint16Array.from([BOS, 1, 2, 3, BOS, 4, 5, BOS, 1, 2]);
    const kn = KneserNey.train(stream, 3, V, BOS);
    const r = kn.meanNll(stream, [5]); // token 4: the first of its document
    expect(r.nll).toBeCloseTo(-Math.log(kn.probability([BOS, BOS], 4)), 12);
  });
});
