// Where the designs of a build are computed. The build hands each job, with its cache key, to an
// executor: by default worker threads on this machine; the CLI can pass one that runs the jobs on
// a queue across machines (the data-set code never knows which).
import { WorkerPool, type RunOptions } from '../../util/index.ts';
import type { DesignJob, DesignOutcome } from './record.ts';

export interface DesignExecutor {
  /** Computes one design; `key` is the content hash the build caches it under. */
  run(job: DesignJob, key: string): Promise<DesignOutcome>;
  close(): Promise<void>;
}

/** The design's time limit as the worker pool applies it. */
export function poolRunOptions(job: DesignJob): RunOptions {
  const timeout = job.timeoutSeconds ?? 0;
  if (timeout <= 0) return {};
  // Native Yosys is killed at the limit by its runner (a clean message); the worker is only stopped
  // when that cannot happen (wasm runs inside it), or a grace period later.
  return { timeoutSeconds: job.backend === 'wasm' ? timeout : timeout + 30 };
}

/** The message a design stopped at its time limit is recorded with, wherever it ran. */
export function timeoutMessage(job: DesignJob): string {
  return `did not finish within ${job.timeoutSeconds ?? 0} s and was stopped (--timeout)`;
}

/** Worker threads on this machine, one per core by default. */
export function localExecutor(workers: number): DesignExecutor {
  const pool = new WorkerPool<DesignJob, DesignOutcome>(new URL('./worker-task.ts', import.meta.url), workers);
  return {
    run: (job) => pool.run(job, poolRunOptions(job)),
    close: () => pool.close(),
  };
}
