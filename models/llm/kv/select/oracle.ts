/**
 * The ceiling of block-wise selection: a perfect predictor of the step's scores. It ranks key blocks
 * by the step's own attention (the current query against every cached key) — 'max' by each block's
 * maximum probability over the rows (exactly what AttentionPredictor's network is trained to
 * predict), 'sum' by each block's attention mass (what recovery counts) — and keeps the same sink and
 * local windows and whole blocks within the same budget (scored as the layout scores them). Not a method: it reads every key to rank,
 * so it bounds what any predictor of the pooled scores (or of the block masses) could recover.
 */
import { fillBudget, scoredRange, type BudgetLayout } from './layout.ts';
import type { SelectionPolicy, StepView } from './policy.ts';
import { fullAttention } from './selecting-cache.ts';

export type OracleRanking = 'max' | 'sum';

export class NextStepOracle implements SelectionPolicy {
  readonly name: string;
  constructor(readonly layout: BudgetLayout, readonly ranking: OracleRanking) {
    this.name = `oracle-${ranking}`;
  }
  select(_head: number, view: StepView): Int32Array {
    const { n, rows, queries, keys, headSize } = view, block = this.layout.block;
    const probs = fullAttention(queries, rows, keys, n, headSize);
    const score = new Float64Array(Math.ceil(n / block)), { from, to } = scoredRange(n, this.layout);
    for (let r = 0; r < rows; r++) {
      for (let j = from; j < to; j++) {
        const b = Math.floor(j / block), p = probs[r * n + j];
        if (this.ranking === 'sum') score[b] += p;
        else if (p > score[b]) score[b] = p;
      }
    }
    return fillBudget(n, this.layout, score);
  }
  update(): void {}
}

/**
 * Persistence with a full history: blocks ranked by the previous step's full attention (its block
 * maxima over the rows), as if every step were a calibration step. What a predictor that reads every
 * key and only repeats the last row would keep.
 */
export class PreviousStepRanking implements SelectionPolicy {
  readonly name = 'previous-max';
  private readonly last: Float32Array[] = [];
  private readonly lastN: number[] = [];
  constructor(readonly layout: BudgetLayout) {}
  select(head: number, view: StepView): Int32Array {
    const { n } = view, block = this.layout.block, row = this.last[head], m = this.lastN[head] ?? 0;
    const score = new Float64Array(Math.ceil(n / block)), { from, to } = scoredRange(n, this.layout);
    for (let j = from; j < Math.min(to, m); j++) { const b = Math.floor(j / block); if (row[j] > score[b]) score[b] = row[j]; }
    return fillBudget(n, this.layout, score);
  }
  update(head: number, n: number, _kept: Int32Array, _probs: Float32Array, rows: number, full: Float32Array): void {
    const row = new Float32Array(n);
    for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) row[j] = Math.max(row[j], full[r * n + j]);
    this.last[head] = row;
    this.lastN[head] = n;
  }
}
