// `--by-position` of kv recovery and kv compare: recovery split by the tokens cached at the step, each
// method's per-window difference to --against's, and that difference's trend over the buckets.
import type { FlagSpec } from '../flags.ts';
import type { Chart } from '../report/html-report.ts';
import {
  gapTrend, positionBuckets, positionRows, type GapTrend, type PositionBucket, type PositionRow, type ReplayRecovery,
} from '../../models/llm/kv/index.ts';
import { UserError } from '../../util/index.ts';

export const positionFlags = [
  { name: 'by-position', kind: 'string', valueName: 'E,...', help: 'also split recovery by the tokens cached at the step: buckets from these ascending lower edges (e.g. 32,64,128,192) to the context' },
  { name: 'against', kind: 'string', default: 'quest', valueName: 'M', help: 'with --by-position: the method every other one is compared with, window by window' },
] as const satisfies readonly FlagSpec[];

/** Refuses an --against method that is not run (before any work). */
export function checkAgainst(flags: { 'by-position'?: string; against: string }, methods: readonly string[]): void {
  if (flags['by-position'] !== undefined && !methods.includes(flags.against)) throw new UserError(`--against ${flags.against} is not among the methods run`, '--against', `give one of ${methods.join(', ')}, or add it to --methods`);
}

/** `--by-position`'s edges as buckets of cached tokens, or a UserError naming the flag. */
export function parsePositionEdges(text: string, context: number): PositionBucket[] {
  const edges = text.split(',').map((e) => Number(e.trim()));
  try {
    return positionBuckets(edges, context);
  } catch (e) {
    throw new UserError(`--by-position ${text}: ${(e as Error).message}`, '--by-position', `give ascending whole numbers of cached tokens from 1 to ${context}, e.g. 32,64,128,192`);
  }
}

export interface MethodPositions {
  readonly byPosition: readonly PositionRow[];
  readonly positionTrend?: GapTrend;
}

type Steps = Pick<ReplayRecovery, 'stepRecovered' | 'stepRows'>;

/** Per `method@fraction`: the buckets' recovery, and (for every method but `against`) the trend of its gap to `against`. */
export function methodPositions(steps: (method: string, fraction: number) => readonly Steps[], methods: readonly string[], fractions: readonly number[], buckets: readonly PositionBucket[], against: string): Map<string, MethodPositions> {
  const out = new Map<string, MethodPositions>();
  for (const fraction of fractions) {
    const reference = positionRows(steps(against, fraction), buckets);
    for (const method of methods) {
      if (method === against) { out.set(`${method}@${fraction}`, { byPosition: reference }); continue; }
      const rows = positionRows(steps(method, fraction), buckets, reference);
      const trend = gapTrend(rows, reference);
      out.set(`${method}@${fraction}`, { byPosition: rows, ...(trend ? { positionTrend: trend } : {}) });
    }
  }
  return out;
}

const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(2)}%`);
const points = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}`;

/** The tables `--by-position` prints, one per budget (`context` tokens: the budgets' tokens). */
export function printPositionTables(positions: ReadonlyMap<string, MethodPositions>, methods: readonly string[], fractions: readonly number[], context: number, against: string): void {
  const order = [against, ...methods.filter((m) => m !== against)];
  for (const fraction of fractions) {
    const at = (m: string) => positions.get(`${m}@${fraction}`)!;
    const first = at(against).byPosition;
    console.log(`\nbudget 1/${Math.round(1 / fraction)} (${Math.round(fraction * context)} tokens), recovery by tokens cached at the step (rows per bucket: ${first.map((c) => c.rows).join(', ')}, for ${against})`);
    console.log(`${'method'.padEnd(20)} ${first.map((c) => `${c.from}-${c.to - 1}`.padStart(11)).join('')}`);
    for (const m of order) console.log(`${m.padEnd(20)} ${at(m).byPosition.map((c) => pct(c.recovery).padStart(11)).join('')}`);
    console.log(`per-window difference to ${against}, points: mean (SD) [min, max] windows above`);
    for (const m of order.slice(1)) {
      const cells = at(m).byPosition.map((c) => {
        const d = c.differenceToReference;
        return d ? `${points(d.mean)} (${(100 * d.sd).toFixed(2)}) [${points(d.min)}, ${points(d.max)}] ${d.above}/${d.windows}` : '-';
      });
      console.log(`${m.padEnd(20)} ${cells.join(' | ')}`);
    }
    console.log(`change of that difference from the first bucket both compressed in every window to the last, per window: mean (SD) [min, max] windows in the method's favour`);
    for (const m of order.slice(1)) {
      const trend = at(m).positionTrend, d = trend?.change;
      console.log(`${m.padEnd(20)} ${trend && d ? `${trend.from.from}-${trend.from.to - 1} to ${trend.to.from}-${trend.to.to - 1}: ${points(d.mean)} (${(100 * d.sd).toFixed(2)}) [${points(d.min)}, ${points(d.max)}] ${d.above}/${d.windows}` : '-'}`);
    }
  }
}

/**
 * One chart per method but `against`: its per-window difference to `against` (points) against the
 * buckets of cached tokens, a line per budget, error bars the SD over windows.
 */
export function positionCharts(positions: ReadonlyMap<string, MethodPositions>, methods: readonly string[], fractions: readonly number[], against: string): Chart[] {
  return methods.filter((m) => m !== against).map((m) => ({
    title: `${m} minus ${against}: recovery by tokens cached at the step`,
    data: fractions.map((f) => {
      const cells = positions.get(`${m}@${f}`)!.byPosition.filter((c) => c.differenceToReference);
      return {
        type: 'scatter', mode: 'lines+markers', name: `budget 1/${Math.round(1 / f)}`,
        x: cells.map((c) => `${c.from}-${c.to - 1}`),
        y: cells.map((c) => 100 * c.differenceToReference!.mean),
        error_y: { type: 'data', array: cells.map((c) => 100 * c.differenceToReference!.sd), visible: true },
      };
    }),
    layout: { xaxis: { title: { text: 'tokens cached at the step' }, type: 'category' }, yaxis: { title: { text: `difference to ${against} (points; SD over windows)` }, zeroline: true } },
  }));
}
