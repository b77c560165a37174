// The job kinds Tessera runs on the queue, each with its coordinator side (an executor a domain
// build accepts) and its worker side (the handler `tessera worker` registers).
import { WorkerPool, WorkerTimeoutError } from '../util/index.ts';
import { localExecutor, timeoutMessage, type DesignExecutor, type DesignJob, type DesignOutcome } from '../eda/dataset/index.ts';
import { yosysBackends, yosysVersion, type YosysBackend } from '../eda/synth/index.ts';
import { PermanentJobError, type JobHandler, type QueueClient } from '../queue/index.ts';
import { pointTaskModule, type PointCost, type PointJob } from '../sim/explore/index.ts';

/** One design of `tessera dataset build`: synthesis plus every recipe. */
export const DATASET_DESIGN = 'dataset-design';

/** One point of `tessera explore`: fast-mode time and energy of a configuration on a workload. */
export const EXPLORE_POINT = 'explore-point';

/** Every kind a worker can register (and `queue status` reports). */
export const JOB_KINDS = [DATASET_DESIGN, EXPLORE_POINT] as const;

/** Coordinator side: the build's designs go to the queue under their cache keys. */
export function queuedDesignExecutor(client: QueueClient, yosys: string): DesignExecutor {
  return {
    run: (job, key) => client.run<DesignOutcome>(DATASET_DESIGN, key, job, { requires: { yosys, backend: job.backend } }),
    close: async () => undefined,
  };
}

/** Worker side: this machine's worker threads, refusing jobs pinned to a Yosys it does not run. */
export function designJobHandler(concurrency: number): JobHandler {
  const local = localExecutor(concurrency);
  return {
    async refuse(requires) {
      const backend = requires.backend as YosysBackend;
      if (!yosysBackends.includes(backend)) return `unknown Yosys backend '${requires.backend}'`;
      let mine: string;
      try {
        mine = await yosysVersion(backend);
      } catch (e) {
        return `it cannot run Yosys (${backend}): ${(e as Error).message}`;
      }
      return mine === requires.yosys ? undefined : `it runs Yosys ${mine}, the job needs ${requires.yosys}`;
    },
    async run(payload) {
      const job = designJob(payload);
      try {
        return await local.run(job, '');
      } catch (e) {
        if (e instanceof WorkerTimeoutError) throw new PermanentJobError(timeoutMessage(job));
        throw e;
      }
    },
    close: () => local.close(),
  };
}

/** Checks a payload's shape before any of it reaches Yosys (payloads are data, never code). */
function designJob(payload: unknown): DesignJob {
  const p = payload as Partial<DesignJob> | null;
  const design = p?.design;
  const ok =
    typeof p === 'object' && p !== null &&
    typeof design?.id === 'string' && typeof design.corpus === 'string' &&
    typeof design.files === 'object' && design.files !== null && Object.values(design.files).every((f) => typeof f === 'string') &&
    Array.isArray(p.recipes) && typeof p.seed === 'number' && yosysBackends.includes(p.backend as YosysBackend) &&
    (p.liberty === undefined || (typeof p.liberty.name === 'string' && typeof p.liberty.text === 'string'));
  if (!ok) throw new PermanentJobError('the payload is not a data-set design job');
  return p as DesignJob;
}

/** Worker side of a sweep point: pure computation on this machine's worker threads. */
export function pointJobHandler(concurrency: number): JobHandler {
  const pool = new WorkerPool<PointJob, PointCost>(pointTaskModule, concurrency);
  return {
    refuse: async () => undefined,
    run: async (payload) => {
      const p = payload as Partial<PointJob> | null;
      if (typeof p?.point?.pe !== 'string' || typeof p.energy !== 'object' || typeof p.workloadOptions !== 'object') throw new PermanentJobError('the payload is not a sweep point');
      return pool.run(p as PointJob);
    },
    close: () => pool.close(),
  };
}
