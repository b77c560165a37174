import { contentHash, isUserError } from '../../util/index.ts';
import { aigStats, readAiger, type AigStats } from '../aig/index.ts';
import { runRecipes, type Recipe, type Trajectory } from '../synth/recipes/index.ts';
import type { YosysBackend } from '../synth/index.ts';
import type { DesignSource } from './corpus.ts';
import type { DesignQorStats } from './qor-stats.ts';

/** Bumped when the meaning of a record changes; part of every cache key and record. */
export const DATASET_FORMAT = 1;

/** One line of the JSON Lines data set. */
export interface DatasetRecord {
  id: string;
  corpus: string;
  status: 'ok' | 'failed';
  /** Content hash of the design files (identifies the exact input). */
  designHash: string;
  top?: string;
  /** Versions of everything that produced the labels. */
  tools: { yosys: string; tessera_dataset: number; liberty?: string };
  seed: number;
  /** The AIG right after `synth -flatten` (flip-flops as latches), counted as ABC counts. */
  aig?: AigStats & { file?: string };
  trajectories?: Trajectory[];
  /** Per final label, mean and standard deviation over this design's recipes (for z-scores, as OpenABC-D). */
  qorStats?: DesignQorStats;
  /** Yosys's message when it rejected the design. */
  error?: string;
}

export interface DesignJob {
  design: DesignSource;
  recipes: Recipe[];
  seed: number;
  /** Liberty library for the mapped area and delay, by value (a queued job may run on another machine). */
  liberty?: { name: string; text: string };
  backend: YosysBackend;
  /** Stop the design after this many seconds (native: Yosys is killed; wasm: the worker is). */
  timeoutSeconds?: number;
}

/** What a worker hands back: the record plus the synthesized AIG text (written beside the data set). */
export interface DesignOutcome {
  record: DatasetRecord;
  aag?: string;
}

export function designHash(design: DesignSource): string {
  return contentHash(design.files, design.top ?? '');
}

/** Synthesizes one design and applies every recipe; a design Yosys rejects becomes a failed record. */
export async function processDesign(job: DesignJob, yosysVersion: string): Promise<DesignOutcome> {
  const base = {
    id: job.design.id,
    corpus: job.design.corpus,
    designHash: designHash(job.design),
    tools: { yosys: yosysVersion, tessera_dataset: DATASET_FORMAT, ...(job.liberty ? { liberty: job.liberty.name } : {}) },
    seed: job.seed,
  };
  if (job.design.unreadable) return { record: { ...base, status: 'failed', error: job.design.unreadable } };
  try {
    const run = await runRecipes({
      sources: job.design.files,
      top: job.design.top,
      recipes: job.recipes,
      liberty: job.liberty?.text,
      backend: job.backend,
      writeAig: true,
      cache: false,
      timeoutSeconds: job.timeoutSeconds,
    });
    const aig = aigStats(readAiger(new TextEncoder().encode(run.aag ?? ''), `${job.design.id}.aag`));
    return { record: { ...base, status: 'ok', top: run.top, aig, trajectories: [...run.trajectories] }, aag: run.aag };
  } catch (e) {
    if (!isUserError(e)) throw e;
    return { record: { ...base, status: 'failed', ...(job.design.top ? { top: job.design.top } : {}), error: e.format() } };
  }
}
