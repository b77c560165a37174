/**
 * A token-selection policy: which cached tokens one KV head attends to at a decode step, and what it
 * learns from the step. The selecting cache (selecting-cache.ts) calls `select` only when more
 * tokens are cached than the budget, and `update` after every step.
 */
export interface StepView {
  /** Tokens cached (the new one included). */
  readonly n: number;
  /** The head's query rows (rows x headSize, after RoPE). */
  readonly queries: Float32Array;
  readonly rows: number;
  /** Every cached key of the head (n x headSize). */
  readonly keys: Float32Array;
  readonly headSize: number;
}

export interface SelectionPolicy {
  readonly name: string;
  /** Exactly `budget` ascending token indices below view.n. */
  select(head: number, view: StepView): Int32Array;
  /** `select` for several heads at once (the query heads of a KV head), where batching saves work. */
  selectMany?(heads: readonly number[], views: readonly StepView[]): Int32Array[];
  /**
   * After the step: the probabilities over the kept tokens as the attention computed them (rows x
   * kept.length), and the full attention's (rows x n), which only policies that pay for reading every
   * key may use (`readsAllKeys`).
   */
  update(head: number, n: number, kept: Int32Array, probs: Float32Array, rows: number, full: Float32Array): void;
  /** Whether this step's selection needed every key read (Quest's page bounds are counted separately). */
  readsAllKeys?(head: number, n: number): boolean;
  /** Extra bytes read per step to select (Quest's page minima and maxima), per head. */
  metadataBytes?(n: number, headSize: number): number;
}
