import { gapTrend, positionBuckets, type PositionBucket, type PositionRow } from '../../models/llm/kv/index.ts';
import { UserError } from '../../util/index.ts';

/** `--by-position`'s edges as buckets of cached tokens, or a UserError naming the flag. */
export function parsePositionEdges(text: string, context: number): PositionBucket[] {
  const edges = text.split(',').map((e) => Number(e.trim()));
  try {
    return positionBuckets(edges, context);
  } catch (e) {
    throw new UserError(`--by-position ${text}: ${(e as Error).message}`, '--by-position', `give ascending whole numbers of cached tokens from 1 to ${context}, e.g. 32,64,128,192`);
  }
}

const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(2)}%`);
const points = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}`;

/** The tables `kv recovery --by-position` prints for one budget. */
export function printPositionTable(budgetLabel: string, methods: readonly string[], rows: ReadonlyMap<string, readonly PositionRow[]>, reference: string): void {
  const first = rows.get(methods[0])!;
  const head = first.map((c) => `${c.from}-${c.to - 1}`.padStart(11)).join('');
  console.log(`\nbudget ${budgetLabel}, recovery by tokens cached at the step (rows per bucket: ${first.map((c) => c.rows).join(', ')}, for ${methods[0]})`);
  console.log(`${'method'.padEnd(20)} ${head}`);
  for (const m of methods) console.log(`${m.padEnd(20)} ${rows.get(m)!.map((c) => pct(c.recovery).padStart(11)).join('')}`);
  console.log(`per-window difference to ${reference}, points: mean (SD) [min, max] windows above`);
  for (const m of methods.filter((x) => x !== reference)) {
    const cells = rows.get(m)!.map((c) => {
      const d = c.differenceToReference;
      return d ? `${points(d.mean)} (${(100 * d.sd).toFixed(2)}) [${points(d.min)}, ${points(d.max)}] ${d.above}/${d.windows}` : '-';
    });
    console.log(`${m.padEnd(20)} ${cells.join(' | ')}`);
  }
  console.log(`change of that difference from the first bucket both compressed in every window to the last, per window: mean (SD) [min, max] windows in the method's favour`);
  for (const m of methods.filter((x) => x !== reference)) {
    const trend = gapTrend(rows.get(m)!, rows.get(reference)!);
    const d = trend?.change;
    console.log(`${m.padEnd(20)} ${trend && d ? `${trend.from.from}-${trend.from.to - 1} to ${trend.to.from}-${trend.to.to - 1}: ${points(d.mean)} (${(100 * d.sd).toFixed(2)}) [${points(d.min)}, ${points(d.max)}] ${d.above}/${d.windows}` : '-'}`);
  }
}
