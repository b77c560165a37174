import { ProgressBar, WorkerPool, contentHash, writeJsonAtomic } from '../../../../util/index.ts';
import { yosysVersion, type YosysBackend } from '../../../../eda/synth/index.ts';
import { readSources, type SlackDesign } from './designs.ts';
import type { SlackJob, SlackOutcome } from './process-design.ts';
import { readRecord, type DesignRecord } from './storage.ts';
import { join } from 'node:path';

/** Bump when the flow (synthesis script, placement, routing estimate, labels) changes meaning. */
export const SLACK_FLOW_VERSION = 1;

export interface SlackBuildOptions {
  readonly designs: readonly SlackDesign[];
  readonly out: string;
  readonly library: string;
  readonly backend: YosysBackend;
  readonly utilization: number;
  readonly workers?: number;
  readonly synthTimeoutSeconds?: number;
  readonly quiet?: boolean;
  readonly onDesign?: (o: SlackOutcome) => void;
}

export interface SlackBuildSummary {
  readonly records: DesignRecord[];
  readonly failed: { name: string; error: string }[];
  readonly cached: number;
  readonly seconds: number;
}

/**
 * Builds the slack data set: every design through synthesis, placement, routing estimate and
 * STA in a worker pool (one worker per core), each design's files in its own folder. A design
 * whose record.json carries the same key (sources, library, clock, flow version, tool) is kept,
 * so a rerun after an interruption only does what is missing.
 */
export async function buildSlackDataset(o: SlackBuildOptions): Promise<SlackBuildSummary> {
  const start = performance.now();
  const tool = await yosysVersion(o.backend);
  const jobs: SlackJob[] = [];
  const records: DesignRecord[] = [];
  let cached = 0;
  for (const design of o.designs) {
    const key = contentHash(SLACK_FLOW_VERSION, tool, o.library, o.utilization, design, readSources(design.dir));
    const have = readRecord(o.out, design.name);
    if (have?.key === key) {
      records.push(have);
      cached++;
    } else jobs.push({ design, out: o.out, library: o.library, backend: o.backend, utilization: o.utilization, key, synthTimeoutSeconds: o.synthTimeoutSeconds });
  }
  const failed: { name: string; error: string }[] = [];
  // Small designs first: early results come sooner and the big ones share the end.
  const size = new Map(jobs.map((j) => [j.design.name, Object.values(readSources(j.design.dir)).reduce((s, t) => s + t.length, 0)]));
  jobs.sort((a, b) => size.get(a.design.name)! - size.get(b.design.name)!);
  if (jobs.length > 0) {
    const bar = new ProgressBar('slack data set', jobs.length, process.stderr, o.quiet);
    const pool = new WorkerPool<SlackJob, SlackOutcome>(new URL('./worker-task.ts', import.meta.url), Math.min(o.workers ?? 2, jobs.length));
    try {
      await pool.map(jobs, (out) => {
        if (out.record) records.push(out.record);
        else failed.push({ name: out.name, error: out.error ?? 'unknown error' });
        o.onDesign?.(out);
        bar.tick(1, out.name);
      });
    } finally {
      await pool.close();
      bar.finish();
    }
  }
  const order = new Map(o.designs.map((d, i) => [d.name, i]));
  records.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  const summary = { records, failed, cached, seconds: (performance.now() - start) / 1000 };
  writeJsonAtomic(join(o.out, 'summary.json'), { ...summary, records: records.map(({ endpointList: _e, arrays: _a, ...r }) => r) });
  return summary;
}
