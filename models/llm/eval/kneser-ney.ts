/**
 * Interpolated Kneser-Ney n-gram model (Chen & Goodman 1999, section 3.4 with one discount per
 * order, D = n1 / (n1 + 2 n2)) over the same token stream the network is trained on, as the
 * perplexity anchor. Each document is its own sequence: BOS (n - 1 times) before it, one BOS after
 * it (the stream's next document start, which the network predicts too). The highest order uses
 * counts, lower orders continuation counts (how many distinct tokens precede the n-gram), the
 * unigram level interpolates with the uniform distribution, so every token has probability > 0.
 */

export class KneserNey {
  /** Per order n (index n - 1): count (or continuation count) of each n-gram. */
  private readonly grams: Map<number, number>[] = [];
  /** Per order: for each context, [sum of its counts, distinct followers]. */
  private readonly contexts: Map<number, [number, number]>[] = [];
  private readonly discounts: number[] = [];
  private readonly radix: number;

  constructor(readonly order: number, readonly vocab: number, readonly bos: number) {
    this.radix = vocab + 1;
    if (this.radix ** order > Number.MAX_SAFE_INTEGER) throw new Error(`a ${order}-gram of a ${vocab}-token vocabulary does not fit a numeric key`);
  }

  /** Trains on a stream of documents, each starting with BOS. */
  static train(stream: Uint16Array, order: number, vocab: number, bos: number): KneserNey {
    const kn = new KneserNey(order, vocab, bos);
    kn.fit(stream);
    return kn;
  }

  private key(tokens: ArrayLike<number>, from: number, to: number): number {
    let k = 0;
    for (let i = from; i < to; i++) k = k * this.radix + tokens[i] + 1;
    return k;
  }

  private fit(stream: Uint16Array): void {
    const n = this.order;
    // The padded sequences: BOS x (n - 1), the document, BOS.
    const top = new Map<number, number>();
    const padded: number[] = [];
    const flush = () => {
      if (padded.length === 0) return;
      const seq = [...Array<number>(n - 1).fill(this.bos), ...padded, this.bos];
      for (let i = n - 1; i < seq.length; i++) {
        const k = this.key(seq, i - n + 1, i + 1);
        top.set(k, (top.get(k) ?? 0) + 1);
      }
      padded.length = 0;
    };
    for (let i = 0; i < stream.length; i++) {
      if (stream[i] === this.bos) flush();
      else padded.push(stream[i]);
    }
    flush();
    // Orders below the top: continuation counts, from the distinct (order + 1)-grams.
    this.grams[n - 1] = top;
    for (let o = n - 1; o >= 1; o--) {
      const cont = new Map<number, number>();
      const div = this.radix ** o;
      for (const k of this.grams[o].keys()) {
        const suffix = k % div;
        cont.set(suffix, (cont.get(suffix) ?? 0) + 1);
      }
      this.grams[o - 1] = cont;
    }
    for (let o = 1; o <= n; o++) {
      const grams = this.grams[o - 1];
      const ctx = new Map<number, [number, number]>();
      let n1 = 0, n2 = 0;
      for (const [k, c] of grams) {
        const h = Math.floor(k / this.radix);
        const e = ctx.get(h);
        if (e) { e[0] += c; e[1]++; } else ctx.set(h, [c, 1]);
        if (c === 1) n1++;
        else if (c === 2) n2++;
      }
      this.contexts[o - 1] = ctx;
      this.discounts[o - 1] = n1 + 2 * n2 > 0 ? n1 / (n1 + 2 * n2) : 0.5;
    }
  }

  /** P(w | history), history the preceding tokens (only the last order - 1 matter). */
  probability(history: readonly number[], w: number): number {
    let p = 1 / this.vocab;
    for (let o = 1; o <= this.order; o++) {
      const h = history.slice(history.length - (o - 1));
      if (h.length < o - 1) break;
      const hk = this.key(h, 0, h.length);
      const ctx = this.contexts[o - 1].get(hk);
      if (!ctx) continue; // unseen context: the lower order stands
      const [total, types] = ctx;
      const c = this.grams[o - 1].get(hk * this.radix + w + 1) ?? 0;
      const d = this.discounts[o - 1];
      p = Math.max(c - d, 0) / total + ((d * types) / total) * p;
    }
    return p;
  }

  /**
   * Mean negative log-likelihood (nats) of `targets` positions of a stream: each token predicted
   * from the tokens before it in its own document (BOS-padded, as in training).
   */
  meanNll(stream: Uint16Array, positions: Iterable<number>): { nll: number; tokens: number } {
    let sum = 0, count = 0;
    for (const i of positions) {
      const history: number[] = [];
      for (let j = i - 1; j >= 0 && history.length < this.order - 1; j--) {
        history.unshift(stream[j]);
        if (stream[j] === this.bos) break;
      }
      while (history.length < this.order - 1) history.unshift(this.bos);
      sum -= Math.log(this.probability(history, stream[i]));
      count++;
    }
    return { nll: sum / count, tokens: count };
  }
}
