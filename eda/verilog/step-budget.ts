/**
 * A bound on the work one parse or one elaboration may do, counted in steps rather than seconds:
 * a token produced by macro expansion or read again after a parse restart, a module instance, a
 * generate-loop iteration, a statement run by a constant function. Pathological input (macros
 * that double at each level, hierarchies or generate loops that multiply, constant functions that
 * loop) then ends with one located error instead of running for hours or exhausting memory, and
 * the bound is deterministic: the same input stops at the same step on any machine, under any load.
 */
/** Where the work was when the budget ran out (a syntax-tree location or a token's position). */
export interface StepSite { file: string; line: number; col: number }

/** Far above any real design (see docs/verilog-frontend.md for what the largest shared netlists spend). */
export const defaultMaxSteps = 20_000_000;

export function stepBudgetMessage(limit: number): string {
  return `more than ${limit} steps of work (input that multiplies: nested macros, instances or generate loops?): stopped here; raise the bound with --max-steps if the design is really this large`;
}

export class StepBudgetExceeded extends Error {
  constructor(readonly limit: number, readonly site: StepSite | undefined) {
    super(stepBudgetMessage(limit));
  }
}

export class StepBudget {
  private used = 0;
  constructor(readonly limit = defaultMaxSteps) {}

  get spent(): number {
    return this.used;
  }

  /** True once more than the limit was spent. */
  get exhausted(): boolean {
    return this.used > this.limit;
  }

  /** Counts `n` steps; false once the total has passed the limit. */
  tryToSpend(n: number): boolean {
    this.used += n;
    return this.used <= this.limit;
  }

  /** Counts `n` steps of the work at `site`; throws StepBudgetExceeded once the total passes the limit. */
  spend(n: number, site: StepSite | undefined): void {
    if (!this.tryToSpend(n)) throw new StepBudgetExceeded(this.limit, site);
  }

  exceededMessage(): string {
    return stepBudgetMessage(this.limit);
  }
}
