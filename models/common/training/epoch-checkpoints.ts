import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash } from '../../../util/index.ts';
import { loadCheckpoint, saveCheckpoint } from '../checkpoint.ts';
import type { NamedArray } from '../parameters.ts';
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
const OPTIMIZER = 'optimizer/';
/** Optimizer arrays by position, zero-padded so the checkpoint's sorted names keep their order. */
const optimizerName = (i: number) => `${OPTIMIZER}${String(i).padStart(6, '0')}`;

/**
 * Epoch checkpoints in `dir` (one folder, rewritten atomically after every epoch) for a run
 * identified by `key` (data and settings that must match; the epoch budget may grow). The
 * optimizer's state (Adam's step count and moments) is kept beside the weights, so a resumed run
 * continues as the uninterrupted one would; a state saved without it restarts the moments.
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
      const optimizer: [string, NamedArray][] = [];
      for (const [name, w] of weights) {
        if (name.startsWith(BEST)) best.set(name.slice(BEST.length), w);
        else if (name.startsWith(OPTIMIZER)) optimizer.push([name, w]);
        else current.set(name, w);
      }
      optimizer.sort(([a], [b]) => (a < b ? -1 : 1));
      const { epochs, trainLoss, validationLoss, bestEpoch, batchesDone, partialLoss } = config;
      const state: TrainLoopState = {
        epochs, trainLoss, validationLoss, bestEpoch, batchesDone, partialLoss,
        bestWeights: best.size > 0 ? best : undefined,
        optimizer: optimizer.length > 0 ? optimizer.map(([, w]) => w) : undefined,
      };
      return { state, weights: current };
    },
    save(state, weights) {
      const all = new Map<string, NamedArray>(weights);
      for (const [name, w] of state.bestWeights ?? []) all.set(BEST + name, w);
      state.optimizer?.forEach((w, i) => all.set(optimizerName(i), w));
      const { epochs, trainLoss, validationLoss, bestEpoch, batchesDone, partialLoss } = state;
      const manifest: Manifest = { keyHash, epochs, trainLoss, validationLoss, bestEpoch, batchesDone, partialLoss };
      saveCheckpoint(dir, manifest, all);
    },
  };
}
