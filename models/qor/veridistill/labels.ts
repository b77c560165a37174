import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ContentCache, ProgressBar, WorkerPool, cacheDir, contentHash, writeFileAtomic } from '../../../util/index.ts';
import { designText, type CorpusDesign } from './corpus.ts';
import type { LabelResult, LabelTaskInput } from './label-task.ts';
import type { NetlistGraph } from './netlist-graph.ts';

/** One line of the VeriDistill data set (JSON Lines): the RTL, its synthesized QoR and netlist graph. */
export interface QorRecord {
  readonly id: string;
  readonly family: string;
  readonly top: string;
  readonly text: string;
  readonly areaUm2: number;
  readonly delayPs: number;
  readonly cells: number;
  readonly graph: NetlistGraph;
}

export interface LabelRunOptions {
  readonly libertyGz: string;
  readonly yosys?: string;
  readonly timeoutSeconds?: number;
  readonly workers?: number;
  readonly quiet?: boolean;
  /** Use only results already in the cache; synthesize nothing (the rest count as failures). */
  readonly cachedOnly?: boolean;
}

/** The Yosys version string, part of every cache key so a new Yosys relabels. */
export function yosysVersion(yosys: string): string {
  return execFileSync(yosys, ['-V'], { encoding: 'utf8' }).trim();
}

/** Unpacks the gzipped Liberty file once into the cache folder (Yosys reads plain text). */
function plainLiberty(libertyGz: string): string {
  const gz = readFileSync(libertyGz);
  const out = join(cacheDir(), 'liberty', `${contentHash(gz).slice(0, 16)}.lib`);
  if (!existsSync(out)) writeFileAtomic(out, gunzipSync(gz));
  return out;
}

const bytesOf = (d: CorpusDesign) => d.synthFiles.reduce((s, f) => s + statSync(f).size, 0);

/**
 * Synthesizes every design (native Yosys + ABC onto the Liberty cells) on a worker pool, smallest
 * first, caching each result by content hash (sources, script inputs, Yosys version) so an
 * interrupted run resumes. Returns the designs that synthesized, in corpus order, and the failures.
 */
export async function labelCorpus(designs: readonly CorpusDesign[], opts: LabelRunOptions): Promise<{ records: QorRecord[]; failures: { id: string; error: string }[] }> {
  const yosys = opts.yosys ?? 'yosys';
  const version = yosysVersion(yosys);
  const liberty = plainLiberty(opts.libertyGz);
  const timeoutSeconds = opts.timeoutSeconds ?? 240;
  const cache = new ContentCache<LabelResult>('veridistill-labels');
  const keyOf = (d: CorpusDesign) =>
    contentHash(d.synthFiles.map((f) => readFileSync(f)), d.top ?? '', readFileSync(liberty), version, timeoutSeconds, 'label-v1');
  const results = new Map<string, LabelResult>();
  const todo: CorpusDesign[] = [];
  for (const d of designs) {
    const hit = cache.get(keyOf(d));
    if (hit) results.set(d.id, hit);
    else todo.push(d);
  }
  if (opts.cachedOnly) todo.length = 0;
  todo.sort((a, b) => bytesOf(a) - bytesOf(b));
  const bar = new ProgressBar('synthesizing labels', designs.length, process.stderr, opts.quiet);
  bar.skip(designs.length - todo.length);
  if (todo.length > 0) {
    const pool = new WorkerPool<LabelTaskInput, LabelResult>(new URL('./label-task.ts', import.meta.url), opts.workers);
    try {
      await pool.map(todo.map((design) => ({ design, liberty, yosys, timeoutSeconds })), (result, i) => {
        const d = todo[i];
        cache.put(keyOf(d), result);
        results.set(d.id, result);
        bar.tick(1, d.id);
      });
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
    else records.push({ id: d.id, family: d.family, top: r.top, text: designText(d), areaUm2: r.areaUm2, delayPs: r.delayPs, cells: r.cells, graph: r.graph });
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
