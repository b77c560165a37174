/**
 * Continuing a trained model: `--init-from DIR` starts a run from a checkpoint folder's weights
 * (a fresh optimizer: the folder holds no AdamW moments) with its shape and tokenizer. Batches are
 * drawn after the ones the checkpoint's own run drew, and a checkpoint trained on the same text
 * must have used the same held-out split, or its held-out documents would be trained on.
 */
import { denseCheckpoint, readCheckpoint, TOKENIZER_FILE, type LlamaWeights } from '../checkpoint.ts';
import { join } from 'node:path';
import { UserError } from '../../../util/index.ts';
import type { LlamaConfig } from '../config.ts';

export interface InitialModel {
  readonly weights: LlamaWeights;
  readonly config: LlamaConfig;
  readonly tokenizerFile: string;
  /** Batch indices of this run start here: the checkpoint's own steps (0 when it records none). */
  readonly batchOffset: number;
  /** What the trained model records about where it started. */
  readonly provenance: { readonly path: string; readonly weightsSha256: string; readonly steps: number; readonly tokensSeen: number };
}

interface TrainProvenance { dataHash?: string; seed?: number; heldOutShare?: number; steps?: number; tokensSeen?: number }

export function readInitialModel(dir: string, run: { dataHash: string; seed: number; heldOutShare: number }): InitialModel {
  const loaded = denseCheckpoint(readCheckpoint(dir), 'llm train', '--init-from');
  if (!loaded.meta) throw new UserError('is not a checkpoint folder', '--init-from', 'give a folder written by `tessera llm train --out DIR`');
  const p = (loaded.meta.provenance ?? {}) as TrainProvenance;
  if (p.dataHash === run.dataHash && (p.seed !== run.seed || p.heldOutShare !== run.heldOutShare)) {
    throw new UserError(
      `${dir} was trained on this text with held-out share ${p.heldOutShare} and seed ${p.seed}; this run's split (${run.heldOutShare}, seed ${run.seed}) would train on its held-out documents`,
      '--init-from', `give --held-out ${p.heldOutShare} --seed ${p.seed}`,
    );
  }
  return {
    weights: loaded.weights, config: loaded.weights.config, tokenizerFile: join(dir, TOKENIZER_FILE), batchOffset: p.steps ?? 0,
    provenance: { path: dir, weightsSha256: loaded.meta.weightsSha256, steps: p.steps ?? 0, tokensSeen: p.tokensSeen ?? 0 },
  };
}
