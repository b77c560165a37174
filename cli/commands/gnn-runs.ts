// What `gnn train` and `gnn compare` share: flags, the local worker pool as the runs' executor,
// the smoke-test settings, and the text table.
import { UserError, WorkerPool } from '../../util/index.ts';
import {
  type ArraySpec, type GnnSettings, type MeanStd, type ModelKind, type ModelSummary, type RunRecord, type RunSpec, graphDatasets, isModelKind, modelKinds,
  runExperiments, settingsFor,
} from '../../models/gnn/index.ts';
import type { FlagSpec } from '../flags.ts';

export const sharedFlags = [
  { name: 'seeds', kind: 'int', default: 5, valueName: 'N', help: 'runs per model and data set; seed s draws the labels, the initial weights and dropout' },
  { name: 'seed', kind: 'int', default: 1, valueName: 'FIRST', help: 'the first seed (runs use FIRST .. FIRST+N-1)' },
  { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the results as JSON to OUT' },
  { name: 'array', kind: 'string', default: 'int8', valueName: 'PE', help: "after training, score the whole graph with the inference products on the simulated array of this PE kind (int8, fp16, mixpe-w4a8, ...; 'none' to skip): its AUC and cycles/energy per graph" },
  { name: 'array-size', kind: 'string', default: '64x64', valueName: 'RxC', help: 'rows x columns of the simulated array' },
  { name: 'group', kind: 'string', default: 'channel', valueName: 'G', help: "weight quantization group along K: a number dividing every layer's K, or 'channel' (one group per output column)" },
  { name: 'workers', kind: 'int', default: 2, valueName: 'N', help: 'runs in parallel (worker threads)' },
  { name: 'quick', kind: 'boolean', help: 'tiny models and few epochs (smoke test; figures not meaningful)' },
] as const satisfies readonly FlagSpec[];

/** Tiny widths and epochs for smoke tests: seconds per run. */
function quickSettings(s: GnnSettings): GnnSettings {
  return {
    spacegnn: { ...s.spacegnn, hidden: 16, layers: Math.min(2, s.spacegnn.layers), epochs: 4 },
    baseline: { ...s.baseline, hidden: 16, epochs: 10 },
  };
}

export function settingsForRun(dataset: string, quick: boolean): GnnSettings {
  const s = settingsFor(dataset);
  return quick ? quickSettings(s) : s;
}

export function parseList(value: string, flag: string, allowed: readonly string[]): string[] {
  const items = value.split(',').map((v) => v.trim()).filter(Boolean);
  const unknown = items.find((v) => !allowed.includes(v));
  if (items.length === 0 || unknown !== undefined) throw new UserError(`unknown value '${unknown ?? ''}'`, flag, `choose from: ${allowed.join(', ')}`);
  return [...new Set(items)];
}

export function parseDatasets(value: string, flag: string): string[] {
  return parseList(value, flag, graphDatasets);
}

export function parseModels(value: string, flag: string): ModelKind[] {
  return parseList(value, flag, modelKinds).filter(isModelKind);
}

export function arraySpec(flags: { array: string; 'array-size': string; group: string }): ArraySpec | undefined {
  return flags.array === 'none' ? undefined : { on: flags.array, array: flags['array-size'], group: flags.group };
}

export function checkCounts(flags: { seeds: number; workers: number }): void {
  if (flags.seeds < 1) throw new UserError(`must be at least 1, got ${flags.seeds}`, '--seeds');
  if (flags.workers < 1) throw new UserError(`must be at least 1, got ${flags.workers}`, '--workers');
}

/** Runs the specs on a local pool of worker threads (finished runs come from the cache). */
export async function runOnPool(specs: readonly RunSpec[], workers: number, label: string, cachedOnly = false): Promise<RunRecord[]> {
  let pool: WorkerPool<RunSpec, RunRecord> | undefined;
  try {
    return await runExperiments(specs, {
      label,
      cachedOnly,
      execute: (spec) => (pool ??= new WorkerPool<RunSpec, RunRecord>(new URL('../../models/gnn/run-task.ts', import.meta.url), Math.min(workers, specs.length))).run(spec),
    });
  } finally {
    await pool?.close();
  }
}

export const formatCycles = (c: number) => (c >= 1e6 ? `${(c / 1e6).toFixed(1)} M` : `${(c / 1e3).toFixed(1)} k`);

export const formatMeanStd = (m: MeanStd, scale = 100) => `${(scale * m.mean).toFixed(2)} ± ${(scale * m.std).toFixed(2)}`;

/** A fixed-width text table. */
export function textTable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** One row per model: test AUC and macro-F1 (mean ± std, in %), and the array's where it ran. */
export function summaryRows(byModel: Record<string, ModelSummary>): string[][] {
  return Object.entries(byModel).map(([model, s]) => [
    model, formatMeanStd(s.auc), formatMeanStd(s.f1), String(s.runs),
    s.array ? `${formatMeanStd(s.array.auc)} (float ${formatMeanStd(s.array.floatAuc)}, ${s.array.runs} run${s.array.runs > 1 ? 's' : ''})` : '-', s.array ? formatCycles(s.array.cycles) : '-', s.array ? `${(s.array.energyJ * 1e3).toFixed(2)} mJ` : '-',
  ]);
}

export const summaryColumns = ['model', 'test AUC %', 'test macro-F1 %', 'runs', 'array AUC %', 'cycles/graph', 'energy/graph'];
