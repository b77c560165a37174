import * as tf from '@tensorflow/tfjs';
import { ProgressBar } from '../../util/index.ts';
import type { NamedArray, Parameters } from './parameters.ts';

export interface TrainLoopOptions<B> {
  readonly params: Parameters;
  /** Variables to train (default: all of `params`). */
  readonly varList?: tf.Variable[];
  readonly optimizer: tf.Optimizer;
  readonly epochs: number;
  /** The batches of one epoch, in order; shuffle them with a seeded RNG for determinism. */
  readonly batches: (epoch: number) => readonly B[];
  readonly loss: (batch: B) => tf.Scalar;
  /** Held-out loss after each epoch; enables early stopping and best-epoch restore. */
  readonly validationLoss?: () => number;
  /** Epochs without a better validation loss before stopping (default 5). */
  readonly patience?: number;
  /** Which epoch to keep when validation losses tie: the first (default) or the latest. */
  readonly ties?: 'earliest' | 'latest';
  readonly label: string;
  readonly quiet?: boolean;
  readonly onEpoch?: (epoch: number, trainLoss: number, validationLoss: number | undefined) => void;
  /** A state saved by `onState` to continue from (its epochs are not run again). */
  readonly resume?: TrainLoopState;
  /** Called after every epoch with what a later run needs to resume (save it to disk there). */
  readonly onState?: (state: TrainLoopState) => void;
}

/** Where a run stands after an epoch: enough, with the current weights, to resume it. */
export interface TrainLoopState {
  /** Epochs done. */
  readonly epochs: number;
  readonly trainLoss: number[];
  readonly validationLoss: number[];
  readonly bestEpoch: number;
  /** The best epoch's weights (undefined without a validation loss). */
  readonly bestWeights?: Map<string, NamedArray>;
}

export interface TrainHistory {
  readonly trainLoss: number[];
  readonly validationLoss: number[];
  /** The epoch whose weights the model holds at the end (the best on validation, else the last). */
  readonly bestEpoch: number;
  readonly stoppedEarly: boolean;
}

/**
 * Minimises `loss` over the batches for up to `epochs` epochs with a progress bar. With a
 * validation loss it keeps the weights of the best epoch and stops after `patience` epochs
 * without improvement. Deterministic when the batches and weights come from seeded RNGs.
 */
export function trainLoop<B>(o: TrainLoopOptions<B>): TrainHistory {
  const varList = o.varList ?? o.params.list();
  const patience = o.patience ?? 5;
  const trainLoss: number[] = [...(o.resume?.trainLoss ?? [])];
  const validationLoss: number[] = [...(o.resume?.validationLoss ?? [])];
  let bestEpoch = o.resume?.bestEpoch ?? -1;
  let best = bestEpoch >= 0 && validationLoss[bestEpoch] !== undefined ? validationLoss[bestEpoch]! : Infinity;
  let bestWeights: Map<string, NamedArray> | undefined = o.resume?.bestWeights;
  const patienceRanOut = (epoch: number) => validationLoss.length > 0 && epoch - bestEpoch >= patience;
  const first = o.resume?.epochs ?? 0;
  let stoppedEarly = first > 0 && patienceRanOut(first - 1);
  const perEpoch = o.batches(first).length;
  const bar = new ProgressBar(o.label, Math.max(0, o.epochs - first) * perEpoch, process.stderr, o.quiet);
  for (let epoch = first; epoch < o.epochs && !stoppedEarly; epoch++) {
    const batches = o.batches(epoch);
    let sum = 0;
    for (const batch of batches) {
      const cost = o.optimizer.minimize(() => o.loss(batch), true, varList);
      sum += cost!.dataSync()[0];
      cost!.dispose();
      bar.tick(1, `epoch ${epoch + 1}`);
    }
    trainLoss.push(sum / Math.max(1, batches.length));
    const val = o.validationLoss?.();
    if (val !== undefined) {
      validationLoss.push(val);
      if (val < best || (o.ties === 'latest' && val === best)) {
        best = val;
        bestEpoch = epoch;
        bestWeights = o.params.snapshot();
      }
    }
    o.onEpoch?.(epoch, trainLoss[epoch], val);
    o.onState?.({ epochs: epoch + 1, trainLoss: [...trainLoss], validationLoss: [...validationLoss], bestEpoch, bestWeights });
    if (val !== undefined && patienceRanOut(epoch)) {
      stoppedEarly = true;
      bar.skip((o.epochs - epoch - 1) * perEpoch);
      break;
    }
  }
  bar.finish();
  if (bestWeights) o.params.restore(bestWeights);
  return { trainLoss, validationLoss, bestEpoch: bestWeights ? bestEpoch : trainLoss.length - 1, stoppedEarly };
}
