/**
 * The part of a split's sample one `certify` run uses: `count` items starting at the `from`-th
 * (1-based), so that a run can certify sentences no earlier run has looked at.
 */
import { UserError } from '../../../util/index.ts';

export interface SampleRange {
  /** 1-based position of the first item. */
  readonly from: number;
  readonly count: number;
}

/**
 * Items from..from+count-1 of `items` (1-based). Refuses a range that starts before the first item or
 * reaches past the last one, naming `fromFlag` and `countFlag`; `what` names the items in the message.
 */
export function sampleRange<T>(items: readonly T[], range: SampleRange, what: string, fromFlag: string, countFlag: string): T[] {
  const { from, count } = range;
  if (!Number.isInteger(from) || from < 1) throw new UserError(`must be at least 1 (the first of the ${what}), got ${from}`, fromFlag);
  if (!Number.isInteger(count) || count < 0) throw new UserError(`must be 0 or more, got ${count}`, countFlag);
  const last = from + count - 1;
  if (last > items.length) {
    const fix = count > items.length ? `give ${countFlag} at most ${items.length}` : `give ${fromFlag} at most ${items.length - count + 1} or a smaller ${countFlag}`;
    throw new UserError(`${what} ${from} to ${last} reach past the ${items.length} there are`, fromFlag, fix);
  }
  return items.slice(from - 1, last);
}
