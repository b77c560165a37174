/**
 * How a token budget is spent at this model's context. The paper's setting (budget 512 of contexts of
 * thousands: 64 sink + 64 local tokens, blocks of 16) is scaled to the budget: sink and local windows
 * are each an eighth of the budget (64 of 512), and blocks shrink so that at least one whole block
 * fits beside them (16 tokens once the budget reaches 64; never below 4, and the last block picked
 * may be cut to the budget).
 */
export interface BudgetLayout {
  /** Tokens attended per step (per layer and KV head). */
  readonly budget: number;
  readonly sink: number;
  readonly local: number;
  /** Tokens per key block (AttentionPredictor's pooling, Quest's pages). */
  readonly block: number;
  /**
   * Blocks are scored only by their tokens outside the sink and local windows (which are kept
   * anyway), as AttentionPredictor's code feeds its network only the blocks between the two windows;
   * otherwise the block holding the sink and the one holding the newest tokens score by those tokens.
   */
  readonly excludeWindows?: true;
}

export function budgetLayout(budget: number, maxBlock = 16, excludeWindows = false): BudgetLayout {
  const eighth = Math.max(1, Math.floor(budget / 8));
  const layout = { budget, sink: eighth, local: eighth, block: Math.max(1, Math.min(maxBlock, Math.max(4, Math.floor(budget / 4)))) };
  return excludeWindows ? { ...layout, excludeWindows: true } : layout;
}

/** The tokens [from, to) that score blocks when `n` are cached: all of them, or those between the windows. */
export function scoredRange(n: number, layout: BudgetLayout): { from: number; to: number } {
  return layout.excludeWindows ? { from: Math.min(layout.sink, n), to: Math.max(layout.sink, n - layout.local) } : { from: 0, to: n };
}

/** Budgets as fractions of the context (1/32, 1/16, 1/8, 1/4), in tokens. */
export function budgetTokens(fraction: number, context: number): number {
  return Math.max(1, Math.round(fraction * context));
}

/**
 * The tokens to keep: the sink and local windows, then whole blocks in descending `blockScore`,
 * each block's tokens not yet kept added until the budget is spent. `n` tokens are cached.
 */
export function fillBudget(n: number, layout: BudgetLayout, blockScore: ArrayLike<number>): Int32Array {
  const { budget, sink, local, block } = layout;
  if (n <= budget) return Int32Array.from({ length: n }, (_, i) => i);
  const keep = new Uint8Array(n);
  let count = 0;
  const add = (i: number) => { if (count < budget && !keep[i]) { keep[i] = 1; count++; } };
  for (let i = 0; i < Math.min(sink, n); i++) add(i);
  for (let i = n - 1; i >= Math.max(0, n - local); i--) add(i);
  const blocks = Math.ceil(n / block);
  const order = Array.from({ length: blocks }, (_, b) => b).sort((a, b) => blockScore[b] - blockScore[a] || a - b);
  for (const b of order) {
    if (count >= budget) break;
    for (let i = b * block; i < Math.min(n, (b + 1) * block); i++) add(i);
  }
  const out = new Int32Array(count);
  for (let i = 0, j = 0; i < n; i++) if (keep[i]) out[j++] = i;
  return out;
}
