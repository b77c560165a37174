import { contentHash } from '../../../../util/index.ts';
import { loadCheckpoint, saveCheckpoint, type NamedArray } from '../../../common/index.ts';
import { epochCheckpoints, type TrainHistory } from '../../../common/training/index.ts';
import { loadSlackGraph } from '../data/load-design.ts';
import { readLabels, type DesignRecord } from '../data/storage.ts';
import { modelConstraints } from './constraints.ts';
import { CELL_FEATURES, NET_FEATURES } from './features.ts';
import type { MessageFunctions } from './propagate.ts';
import { cellSamples, concatSamples, netSamples, type ArcSamples } from './samples.ts';
import { defaultTrainSettings, messageFunctions, trainMessageFunctions, type MessageConfig, type TrainSettings } from './train.ts';

/** The checkpoint's config: the message functions' config plus where they came from. */
export interface SlackCheckpoint {
  readonly model: 'e2eslack-1';
  readonly message: MessageConfig;
  readonly trainDesigns: string[];
  readonly validationDesigns: string[];
  /** Hash of the training designs' record keys (sources, library, flow version, tool). */
  readonly dataHash: string;
  readonly settings: TrainSettings;
  readonly samples: { cell: number; net: number };
  readonly history: { trainLoss: number[]; validationLoss: number[]; bestEpoch: number };
  readonly command?: string;
}

/** Designs that synthesize to fewer cells than this are degenerate (Yosys kept almost nothing) and stay out of training. */
export const MIN_TRAINING_CELLS = 100;

/**
 * Validation designs: the last two usable training designs in the data set's order (fixed
 * before any result was seen); the rest fit.
 */
export function validationSplit(records: readonly DesignRecord[]): { fit: DesignRecord[]; validation: DesignRecord[] } {
  const train = records.filter((r) => r.split === 'train' && r.cells >= MIN_TRAINING_CELLS);
  return { fit: train.slice(0, -2), validation: train.slice(-2) };
}

function designSamples(dir: string, r: DesignRecord, maxRows: number, seed: number, geometry: TrainSettings['geometry']): { cell: ArcSamples; net: ArcSamples } {
  const g = loadSlackGraph(dir, r, geometry);
  const c = modelConstraints(g);
  const labels = readLabels(dir, r);
  return { cell: cellSamples(g, c, labels, maxRows, seed), net: netSamples(g, c, labels, maxRows, seed + 1) };
}

/**
 * Trains on the training split of a data set: teacher-forced arc samples (at most `maxRows`
 * cell and net rows per design, seeded), two designs held out for early stopping. With `stateDir`
 * the run saves its state there after every epoch and resumes a saved run of the same data and
 * settings (the epoch budget may differ).
 */
export async function trainOnDataset(dir: string, records: readonly DesignRecord[], settings: TrainSettings = defaultTrainSettings, maxRows = 40000, onDesign?: (name: string) => void, stateDir?: string): Promise<{ checkpoint: SlackCheckpoint; weights: Map<string, NamedArray>; history: TrainHistory }> {
  const { fit, validation } = validationSplit(records);
  const dataHash = contentHash(records.filter((r) => r.split === 'train').map((r) => r.key));
  const gather = (rs: DesignRecord[]) => {
    const sets = rs.map((r, i) => {
      onDesign?.(r.name);
      return designSamples(dir, r, maxRows, settings.seed * 1000 + i * 2, settings.geometry);
    });
    return { cell: concatSamples(sets.map((s) => s.cell), CELL_FEATURES), net: concatSamples(sets.map((s) => s.net), NET_FEATURES) };
  };
  const train = gather(fit);
  const val = gather(validation);
  const { epochs: _budget, quiet: _quiet, ...runSettings } = settings;
  const checkpoints = stateDir ? epochCheckpoints(stateDir, { dataHash, fit: fit.map((r) => r.name), validation: validation.map((r) => r.name), runSettings, maxRows }) : undefined;
  const { config, weights, history } = await trainMessageFunctions(train, val, settings, checkpoints);
  const checkpoint: SlackCheckpoint = {
    model: 'e2eslack-1', message: config,
    trainDesigns: fit.map((r) => r.name), validationDesigns: validation.map((r) => r.name),
    dataHash,
    settings, samples: { cell: train.cell.rows, net: train.net.rows },
    history: { trainLoss: history.trainLoss, validationLoss: history.validationLoss, bestEpoch: history.bestEpoch },
  };
  return { checkpoint, weights, history };
}

export function saveSlackModel(dir: string, checkpoint: SlackCheckpoint, weights: ReadonlyMap<string, NamedArray>): void {
  saveCheckpoint(dir, checkpoint, weights);
}

export function loadSlackModel(dir: string): { checkpoint: SlackCheckpoint; functions: MessageFunctions } {
  const { config, weights } = loadCheckpoint<SlackCheckpoint>(dir);
  return { checkpoint: config, functions: messageFunctions(config.message, weights) };
}
