/**
 * The held-out text of a trained checkpoint, rebuilt from what its training recorded (data path,
 * split seed and share) and checked against the recorded data hash, so evaluation always scores the
 * documents training never saw.
 */
import { isAbsolute, relative } from 'node:path';
import { dataDir, dataPath, UserError } from '../../../util/index.ts';
import type { CheckpointMeta } from '../checkpoint.ts';
import { dataHashOf, readDocuments, splitDocuments, type Document } from '../data/corpus.ts';

const DATA_PREFIX = 'TESSERA_DATA/';

/** A data path as recorded: inside the shared data folder it is written relative to it (portable). */
export function portableDataPath(path: string): string {
  const root = dataDir();
  if (root) {
    const rel = relative(root, path);
    if (!rel.startsWith('..') && !isAbsolute(rel)) return `${DATA_PREFIX}${rel}`;
  }
  return path;
}

export function resolveDataPath(recorded: string): string {
  return recorded.startsWith(DATA_PREFIX) ? dataPath(...recorded.slice(DATA_PREFIX.length).split('/')) : recorded;
}

export interface Split {
  readonly train: Document[];
  readonly heldOut: Document[];
  readonly dataHash: string;
}

/** The training split of a checkpoint; `data` overrides where the text is read from (same text required). */
export function checkpointSplit(meta: CheckpointMeta | undefined, data: string | undefined, where: string): Split {
  const p = meta?.provenance as { data?: string; seed?: number; heldOutShare?: number; dataHash?: string } | undefined;
  if (!p?.data || p.seed === undefined || p.heldOutShare === undefined) {
    throw new UserError('the checkpoint does not record its training data and split', where, 'evaluate a checkpoint written by `tessera llm train` (or give --data with text to score)');
  }
  const docs = readDocuments(data ?? resolveDataPath(p.data), data ? '--data' : where);
  const dataHash = dataHashOf(docs);
  if (p.dataHash && dataHash !== p.dataHash) {
    throw new UserError(`the text (hash ${dataHash}) is not the text the model was trained on (hash ${p.dataHash})`, data ? '--data' : 'TESSERA_DATA', 'point at the same data the checkpoint was trained with');
  }
  return { ...splitDocuments(docs, p.heldOutShare, p.seed), dataHash };
}
