// The function-conditioned canvas prior: its signature against brute-force NPN transforms, the
// neighbour choice against a plain sort of every training graph's distance, the draw's frequencies.
import { describe, expect, it } from 'vitest';
import { npnSignature } from '../../../../models/gen/seadag/data/npn-signature.ts';
import { drawWidths, nearestWidths, signatureIndex } from '../../../../models/gen/seadag/canvas-neighbours.ts';
import type { TruthFunction } from '../../../../models/gen/seadag/data/truth-function.ts';
import { seededRandom } from '../../../../util/index.ts';

const fn = (inputs: number, table: number): TruthFunction => ({ inputs, tables: [new Uint32Array([table >>> 0])] });

/** Every permutation of 0..n-1. */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/** g(x) = f(y) ^ outNeg with y_perm[i] = x_i ^ neg_i: the table of one NPN transform, minterm by minterm. */
function transform(table: number, n: number, perm: readonly number[], neg: number, outNeg: number): number {
  let out = 0;
  for (let m = 0; m < 2 ** n; m++) {
    let src = 0;
    for (let i = 0; i < n; i++) if (((m >>> i) & 1) ^ ((neg >>> i) & 1)) src |= 1 << perm[i];
    if (((table >>> src) & 1) ^ outNeg) out |= 1 << m;
  }
  return out >>> 0;
}

/** All NPN transforms of a table (n! * 2^n * 2 of them). */
function npnOrbit(table: number, n: number): number[] {
  const out: number[] = [];
  for (const perm of permutations(n)) for (let neg = 0; neg < 2 ** n; neg++) for (const o of [0, 1]) out.push(transform(table, n, perm, neg, o));
  return out;
}

describe('the NPN-invariant signature', () => {
  it('is shared by every member of each NPN class of the 256 functions of 3 inputs (classes by brute force)', () => {
    const classOf = new Map<number, number>();
    for (let t = 0; t < 256; t++) classOf.set(t, Math.min(...npnOrbit(t, 3)));
    const sigOfClass = new Map<number, string>();
    for (let t = 0; t < 256; t++) {
      const sig = npnSignature(fn(3, t)).join(',');
      const c = classOf.get(t)!;
      if (!sigOfClass.has(c)) sigOfClass.set(c, sig);
      expect(sig, `table ${t.toString(16)}`).toBe(sigOfClass.get(c));
    }
    expect(sigOfClass.size).toBe(14);
    // It separates most classes: AND3, XOR3 and MAJ3 get three different signatures.
    expect(new Set([0x80, 0x96, 0xe8].map((t) => sigOfClass.get(classOf.get(t)!))).size).toBe(3);
  });

  it('is the same for all 768 NPN transforms of 4-input functions', () => {
    const next = seededRandom(19);
    const tables = [0x8000, 0x6996, 0x7f80, 0xe8e8, 0x1ee1, 0xcafe, ...Array.from({ length: 8 }, () => Math.floor(next() * 65536))];
    for (const t of tables) {
      const sig = npnSignature(fn(4, t));
      const orbit = npnOrbit(t, 4);
      expect(orbit.length).toBe(768);
      for (const g of orbit) expect(npnSignature(fn(4, g)), `${t.toString(16)} -> ${g.toString(16)}`).toEqual(sig);
    }
  });
});

describe('the K nearest training graphs', () => {
  // Training graphs: random 4-input functions, each with random level widths (several graphs per function).
  const next = seededRandom(23);
  const graphs = Array.from({ length: 300 }, () => {
    const t = Math.floor(next() * 65536);
    const widths = Array.from({ length: 1 + Math.floor(next() * 4) }, () => 1 + Math.floor(next() * 3));
    return { fn: fn(4, t), widths };
  });
  const index = signatureIndex(graphs);
  const l1 = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + Math.abs(x - b[i]), 0);
  const tally = (widths: readonly (readonly number[])[], counts: readonly number[]) => {
    const m = new Map<string, number>();
    widths.forEach((w, i) => m.set(w.join('.'), (m.get(w.join('.')) ?? 0) + counts[i]));
    return m;
  };

  it('keeps every graph once: the counts add up to the graphs, and the order of the graphs does not matter', () => {
    expect(index.flatMap((g) => g.counts).reduce((a, b) => a + b, 0)).toBe(graphs.length);
    const shuffled = [...graphs].sort(() => next() - 0.5);
    expect(signatureIndex(shuffled)).toEqual(index);
  });

  it('are the graphs a plain sort by signature distance puts first, every graph tied with the k-th included', () => {
    for (const k of [1, 5, 40, 299, 300, 1000]) {
      for (let q = 0; q < 8; q++) {
        const query = fn(4, Math.floor(next() * 65536));
        const s = npnSignature(query);
        const ranked = graphs.map((g) => ({ d: l1(npnSignature(g.fn), s), w: g.widths })).sort((a, b) => a.d - b.d);
        const cut = ranked[Math.min(k, ranked.length) - 1].d;
        const want = ranked.filter((r) => r.d <= cut);
        const near = nearestWidths(index, query, k);
        expect(tally(near.widths, near.counts)).toEqual(tally(want.map((r) => r.w), want.map(() => 1)));
        expect(want.length).toBeGreaterThanOrEqual(Math.min(k, graphs.length));
      }
    }
  });

  it('a function of the training set is nearest to its own graphs (distance 0 comes first)', () => {
    const g = graphs[7];
    const near = nearestWidths(index, g.fn, 1);
    const own = graphs.filter((h) => l1(npnSignature(h.fn), npnSignature(g.fn)) === 0);
    expect(tally(near.widths, near.counts)).toEqual(tally(own.map((h) => h.widths), own.map(() => 1)));
  });

  it('draws widths in proportion to their counts', () => {
    const rand = seededRandom(5);
    const near = { widths: [[1], [2, 1], [3]], counts: [1, 3, 6] };
    const seen = [0, 0, 0];
    const n = 20_000;
    for (let i = 0; i < n; i++) seen[near.widths.indexOf(drawWidths(near, rand) as number[])]++;
    // Binomial standard errors are at most 0.0035: 5 of them.
    seen.forEach((c, i) => expect(Math.abs(c / n - near.counts[i] / 10)).toBeLessThan(0.018));
  });
});
