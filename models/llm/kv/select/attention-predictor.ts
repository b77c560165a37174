/**
 * AttentionPredictor as a selection policy: each KV head keeps the attention rows of its last H
 * steps (the rows the attention computed: the kept tokens' probabilities, zeros elsewhere; the full
 * row at calibration steps and while the cache is within the budget); the network scores each key
 * block from their block maxima, and the budget takes the sink and local windows, then the top
 * blocks. Every `calibrateEvery`-th compressed step also reads every key to compute the full row
 * (calibration), which refreshes the history.
 */
import { fillBudget, scoredRange, type BudgetLayout } from './layout.ts';
import type { AttentionPredictorNet } from './predictor-net.ts';
import type { SelectionPolicy, StepView } from './policy.ts';

/** Block maxima of `row` (its entries [from, to) of the first n; the rest count as zero) into out[0..blocks). */
export function blockMax(row: ArrayLike<number>, n: number, block: number, out: Float32Array, offset: number, blocks: number, from = 0, to = n): void {
  for (let b = 0; b < blocks; b++) {
    let m = 0;
    for (let i = Math.max(from, b * block); i < Math.min(n, to, (b + 1) * block); i++) if (row[i] > m) m = row[i];
    out[offset + b] = m;
  }
}

export class AttentionPredictorPolicy implements SelectionPolicy {
  readonly name = 'attention-predictor';
  /** Per head: the last H rows (oldest first), each `capacity` long. */
  private readonly rows: Float32Array[][] = [];
  private readonly compressedSteps: number[] = [];

  constructor(readonly layout: BudgetLayout, readonly net: AttentionPredictorNet, readonly kvHeads: number, readonly capacity: number, readonly calibrateEvery = 5) {
    for (let h = 0; h < kvHeads; h++) { this.rows.push([]); this.compressedSteps.push(0); }
  }

  /** The network's input for a head: H x blocks of block maxima (missing steps are zero rows). */
  image(head: number, n: number): { image: Float32Array; blocks: number } {
    const H = this.net.history, block = this.layout.block, blocks = Math.ceil(this.capacity / block);
    const image = new Float32Array(H * blocks);
    const rows = this.rows[head], { from, to } = scoredRange(n, this.layout);
    rows.forEach((r, i) => blockMax(r, n, block, image, (H - rows.length + i) * blocks, blocks, from, to));
    return { image, blocks };
  }

  select(head: number, view: StepView): Int32Array {
    return this.selectMany([head], [view])[0];
  }

  /** One batched prediction for the heads (every view has the same n). */
  selectMany(heads: readonly number[], views: readonly StepView[]): Int32Array[] {
    const n = views[0].n, images = heads.map((h) => { this.compressedSteps[h]++; return this.image(h, n); });
    const blocks = images[0].blocks, per = this.net.history * blocks;
    const batch = new Float32Array(heads.length * per);
    images.forEach((x, i) => batch.set(x.image, i * per));
    const scores = this.net.predict(batch, heads.length, blocks);
    return heads.map((_, i) => fillBudget(n, this.layout, scores.subarray(i * blocks, (i + 1) * blocks)));
  }

  /** Calibration: the first compressed step and every `calibrateEvery`-th after it. */
  readsAllKeys(head: number): boolean {
    return this.compressedSteps[head] % this.calibrateEvery === 1 || this.calibrateEvery === 1;
  }

  update(head: number, n: number, kept: Int32Array, probs: Float32Array, rows: number, full: Float32Array): void {
    const row = new Float32Array(this.capacity);
    const useFull = kept.length === n || this.readsAllKeys(head);
    for (let r = 0; r < rows; r++) {
      if (useFull) for (let j = 0; j < n; j++) row[j] = Math.max(row[j], full[r * n + j]);
      else for (let c = 0; c < kept.length; c++) row[kept[c]] = Math.max(row[kept[c]], probs[r * kept.length + c]);
    }
    const hist = this.rows[head];
    hist.push(row);
    if (hist.length > this.net.history) hist.shift();
  }
}
