import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash } from '../../util/index.ts';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.ts';
import type { NamedArray } from './parameters.ts';
import type { TrainLoopState } from './train-loop.ts';

/** A training run's state on disk after each epoch, so an interrupted run resumes (see `trainLoop`'s `resume`). */
export interface EpochCheckpoints {
  /** The saved state and current weights when one exists for the same key, else undefined. */
  load(): { state: TrainLoopState; weights: Map<string, NamedArray> } | undefined;
  save(state: TrainLoopState, weights: ReadonlyMap<string, NamedArray>): void;
}

interface Manifest {
  readonly keyHash: string;
  readonly epochs: number;
  readonly trainLoss: number[];
  readonly validationLoss: number[];
  readonly bestEpoch: number;
  readonly batchesDone?: number;
  readonly partialLoss?: number;
}

const BEST = 'best/';

/**
 * Epoch checkpoints in `dir` (one folder, rewritten atomically after every epoch) for a run
 * identified by `key` (data and settings that must match; the epoch budget may grow). The
 * optimizer's moments are not kept: a resumed run restarts them, so it is close to, not bit-equal
 * with, an uninterrupted one.
 */
export function epochCheckpoints(dir: string, key: unknown): EpochCheckpoints {
  const keyHash = contentHash(key);
  return {
    load() {
      if (!existsSync(join(dir, 'checkpoint.json'))) return undefined;
      let saved: { config: Manifest; weights: Map<string, NamedArray> };
      try {
        saved = loadCheckpoint<Manifest>(dir);
      } catch {
        return undefined; // interrupted between the weights and the manifest: start again
      }
      const { config, weights } = saved;
      if (config.keyHash !== keyHash) return undefined;
      const current = new Map<string, NamedArray>();
      const best = new Map<string, NamedArray>();
      for (const [name, w] of weights) {
        if (name.startsWith(BEST)) best.set(name.slice(BEST.length), w);
        else current.set(name, w);
      }
      const { epochs, trainLoss, validationLoss, bestEpoch, batchesDone, partialLoss } = config;
      return { state: { epochs, trainLoss, validationLoss, bestEpoch, batchesDone, partialLoss, bestWeights: best.size > 0 ? best : undefined }, weights: current };
    },
    save(state, weights) {
      const all = new Map<string, NamedArray>(weights);
      for (const [name, w] of state.bestWeights ?? []) all.set(BEST + name, w);
      const { epochs, trainLoss, validationLoss, bestEpoch, batchesDone, partialLoss } = state;
      const manifest: Manifest = { keyHash, epochs, trainLoss, validationLoss, bestEpoch, batchesDone, partialLoss };
      saveCheckpoint(dir, manifest, all);
    },
  };
}
