import { readFileSync } from 'node:fs';
import { yosysVersion, type YosysBackend } from '../../../../eda/synth/index.ts';
import { ContentCache, ProgressBar, WorkerPool, contentHash, writeFileAtomic } from '../../../../util/index.ts';
import { designSources, designText, type CorpusDesign } from './corpus.ts';
import type { LabelResult, LabelTaskInput } from './label-task.ts';
import type { NetlistGraph } from './netlist-graph.ts';
import { LABEL_BACKEND, QOR_FLOW_HASH, flowLiberty } from './qor-flow.ts';

/** One line of the VeriDistill data set (JSON Lines): the RTL, its synthesized QoR and netlist graph. */
export interface QorRecord {
  readonly id: string;
  readonly family: string;
  /** The design it was derived from (a module of it, a parameter variant); splits keep a group together. */
  readonly group?: string;
  readonly top: string;
  readonly text: string;
  readonly areaUm2: number;
  readonly delayPs: number;
  readonly cells: number;
  readonly graph: NetlistGraph;
  /** The labelling flow: Yosys build and version, hash of the script, Liberty library name. */
  readonly flow?: { tool: string; script: string; liberty: string };
  /** Wall time of the design's synthesis, s. */
  readonly seconds?: number;
}

export interface LabelRunOptions {
  /** Liberty text and its name (recorded with every label). */
  readonly liberty: { name: string; text: string };
  readonly backend?: YosysBackend;
  /** Per-design limit (s); 0 or omitted: no limit. A design stopped at it is retried by the next run. */
  readonly timeoutSeconds?: number;
  readonly workers?: number;
  readonly quiet?: boolean;
  /** Use only results already in the cache; synthesize nothing (the rest count as failures). */
  readonly cachedOnly?: boolean;
}

/**
 * The order in which designs are synthesized: every family early, the families taking turns by
 * cost rather than by count. Within a family the cheapest design comes first, and a design's turn
 * comes when its family's cost so far (its designs' costs summed up to and including it) is least.
 * A family of one-line modules then labels many designs in the time a family of large cores
 * labels one, and an interrupted run has them all.
 */
export function labellingOrder<D extends { id: string; family: string }>(designs: readonly D[], cost: (d: D) => number): D[] {
  const costs = new Map(designs.map((d) => [d.id, cost(d)]));
  const turn = new Map<string, number>();
  for (const family of new Set(designs.map((d) => d.family))) {
    let spent = 0;
    for (const d of designs.filter((x) => x.family === family).sort((a, b) => costs.get(a.id)! - costs.get(b.id)!)) {
      spent += costs.get(d.id)!;
      turn.set(d.id, spent);
    }
  }
  return [...designs].sort((a, b) => turn.get(a.id)! - turn.get(b.id)!);
}

/** Cache key of one design's label: its sources and top, the library, the Yosys build and the flow. */
export function labelCacheKey(sources: Readonly<Record<string, string>>, top: string | undefined, libertyHash: string, tool: string): string {
  return contentHash(sources, top ?? '', libertyHash, tool, QOR_FLOW_HASH, 'label-v3');
}

/**
 * Synthesizes every design with the labelling flow (`qor-flow.ts`; embedded wasm Yosys by default)
 * on a worker pool in `labellingOrder` (cost: the length of the RTL the design elaborates, its own text,
 * not the whole file set a module is cut from), caching each result by content hash (sources, top, Liberty,
 * Yosys version, flow hash) so an interrupted run resumes. Returns the designs that synthesized,
 * in corpus order, and the failures.
 */
export async function labelCorpus(designs: readonly CorpusDesign[], opts: LabelRunOptions): Promise<{ records: QorRecord[]; failures: { id: string; error: string }[] }> {
  const backend = opts.backend ?? LABEL_BACKEND;
  const tool = await yosysVersion(backend);
  const timeoutSeconds = opts.timeoutSeconds ?? 0;
  const libertyHash = contentHash(opts.liberty.text);
  const cache = new ContentCache<LabelResult>('veridistill-labels');
  const sources = new Map(designs.map((d) => [d.id, designSources(d)]));
  // The time limit is not part of the key: only results that do not depend on it are cached.
  const keyOf = (d: CorpusDesign) => labelCacheKey(sources.get(d.id)!, d.top, libertyHash, tool);
  const results = new Map<string, LabelResult>();
  const todo: CorpusDesign[] = [];
  for (const d of designs) {
    const hit = cache.get(keyOf(d));
    if (hit) results.set(d.id, hit);
    else todo.push(d);
  }
  if (opts.cachedOnly) todo.length = 0;
  const ordered = labellingOrder(todo, (d) => designText(d).length);
  const bar = new ProgressBar('synthesizing labels', designs.length, process.stderr, opts.quiet);
  bar.skip(designs.length - todo.length);
  if (todo.length > 0) {
    const liberty = flowLiberty(opts.liberty.text);
    const pool = new WorkerPool<LabelTaskInput, LabelResult>(new URL('./label-task.ts', import.meta.url), opts.workers);
    try {
      await Promise.all(ordered.map(async (d) => {
        const input = { sources: sources.get(d.id)!, top: d.top, liberty, backend, timeoutSeconds };
        // The wasm build cannot be stopped from inside its thread: the pool stops the worker.
        const result: LabelResult = await pool.run(input, timeoutSeconds > 0 ? { timeoutSeconds: timeoutSeconds + 5 } : {}).catch((e: Error) => ({ ok: false as const, error: /within/.test(e.message) ? `timed out after ${timeoutSeconds} s` : e.message }));
        // Only successes and Yosys's own verdicts are cached; a timeout (the pool's, or native Yosys
        // stopped by its runner) is retried by the next run.
        if (result.ok || !/timed out|did not finish within/.test(result.error)) cache.put(keyOf(d), result);
        results.set(d.id, result);
        bar.tick(1, d.id);
      }));
    } finally {
      await pool.close();
    }
  }
  bar.finish();
  const records: QorRecord[] = [];
  const failures: { id: string; error: string }[] = [];
  for (const d of designs) {
    const r = results.get(d.id);
    if (!r || !r.ok) failures.push({ id: d.id, error: r && !r.ok ? r.error : 'not run' });
    else {
      const flow = { tool: r.tool, script: QOR_FLOW_HASH, liberty: opts.liberty.name };
      records.push({ id: d.id, family: d.family, ...(d.group ? { group: d.group } : {}), top: r.top, text: designText(d), areaUm2: r.areaUm2, delayPs: r.delayPs, cells: r.cells, graph: r.graph, flow, seconds: r.seconds });
    }
  }
  return { records, failures };
}

/** Reads a JSON Lines data set written by `writeDataset`. */
export function readDataset(path: string): QorRecord[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as QorRecord);
}

export function writeDataset(path: string, records: readonly QorRecord[]): void {
  writeFileAtomic(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}
