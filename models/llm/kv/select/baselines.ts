/**
 * The selection baselines. StreamingLLM keeps attention sinks and a recent window; H2O keeps the
 * recent half of the budget and evicts, for good, the kept token with the least cumulative attention;
 * Quest bounds q.k per page from each page's per-channel key minima and maxima and keeps the pages
 * with the highest bound (after the same sink and local windows AttentionPredictor keeps, and over the
 * same tokens of each page, so the two differ only in how blocks are ranked).
 */
import { fillBudget, scoredRange, type BudgetLayout } from './layout.ts';
import type { SelectionPolicy, StepView } from './policy.ts';

export class StreamingLlm implements SelectionPolicy {
  readonly name = 'streaming';
  /** StreamingLLM's 4 sink tokens (fewer when the budget is under 8). */
  readonly sink: number;
  constructor(readonly budget: number) {
    this.sink = Math.min(4, Math.floor(budget / 2));
  }
  select(_head: number, view: StepView): Int32Array {
    const recent = this.budget - this.sink;
    return Int32Array.from([...Array.from({ length: this.sink }, (_, i) => i), ...Array.from({ length: recent }, (_, i) => view.n - recent + i)]);
  }
  update(): void {}
}

export class H2o implements SelectionPolicy {
  readonly name = 'h2o';
  private readonly score: Float64Array[] = [];
  private readonly kept: Uint8Array[] = [];
  constructor(readonly budget: number, readonly kvHeads: number, capacity: number) {
    for (let h = 0; h < kvHeads; h++) { this.score.push(new Float64Array(capacity)); this.kept.push(new Uint8Array(capacity)); }
  }
  select(head: number, view: StepView): Int32Array {
    const kept = this.kept[head], score = this.score[head], n = view.n;
    kept[n - 1] = 1;
    let count = 0;
    for (let i = 0; i < n; i++) count += kept[i];
    const recent = Math.floor(this.budget / 2);
    while (count > this.budget) {
      let worst = -1;
      for (let i = 0; i < n - recent; i++) if (kept[i] && (worst < 0 || score[i] < score[worst])) worst = i;
      kept[worst] = 0;
      count--;
    }
    const out = new Int32Array(count);
    for (let i = 0, j = 0; i < n; i++) if (kept[i]) out[j++] = i;
    return out;
  }
  update(head: number, _n: number, kept: Int32Array, probs: Float32Array, rows: number): void {
    const score = this.score[head], mask = this.kept[head];
    for (let c = 0; c < kept.length; c++) {
      mask[kept[c]] = 1;
      for (let r = 0; r < rows; r++) score[kept[c]] += probs[r * kept.length + c];
    }
  }
}

export class Quest implements SelectionPolicy {
  readonly name = 'quest';
  constructor(readonly layout: BudgetLayout) {}
  select(_head: number, view: StepView): Int32Array {
    const { n, queries, rows, keys, headSize: hs } = view;
    const page = this.layout.block, pages = Math.ceil(n / page), { from, to } = scoredRange(n, this.layout);
    const bound = new Float64Array(pages).fill(-Infinity);
    const lo = new Float64Array(hs), hi = new Float64Array(hs);
    for (let p = 0; p < pages; p++) {
      const first = Math.max(from, p * page), end = Math.min(to, (p + 1) * page);
      if (first >= end) continue;
      lo.fill(Infinity); hi.fill(-Infinity);
      for (let t = first; t < end; t++) {
        for (let c = 0; c < hs; c++) { const x = keys[t * hs + c]; if (x < lo[c]) lo[c] = x; if (x > hi[c]) hi[c] = x; }
      }
      for (let r = 0; r < rows; r++) {
        let b = 0;
        for (let c = 0; c < hs; c++) { const q = queries[r * hs + c]; b += Math.max(q * lo[c], q * hi[c]); }
        if (b > bound[p]) bound[p] = b;
      }
    }
    return fillBudget(n, this.layout, bound);
  }
  update(): void {}
  /** Each page's per-channel minimum and maximum, INT8 with a scale, read every step. */
  metadataBytes(n: number, headSize: number): number {
    return Math.ceil(n / this.layout.block) * 2 * (headSize + 2);
  }
}
