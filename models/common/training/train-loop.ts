import tf from '../tfjs.cjs';
import { Interrupted, ProgressBar, pausePointAsync, withStopSignal, yieldToEventLoop, type StopFlag } from '../../../util/index.ts';
import type { NamedArray, Parameters } from '../parameters.ts';

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
  /** Called after every epoch, and when stopped inside one, with what a later run needs to resume (save it to disk there). */
  readonly onState?: (state: TrainLoopState) => void;
  /** Stops the run between steps (default: a flag set by Ctrl-C or a plain kill while the loop runs). */
  readonly stop?: StopFlag;
}

/** Where a run stands after an epoch: enough, with the current weights, to resume it. */
export interface TrainLoopState {
  /** Epochs done. */
  readonly epochs: number;
  /** A run stopped inside an epoch: the batches of epoch `epochs` done, and their summed loss. */
  readonly batchesDone?: number;
  readonly partialLoss?: number;
  readonly trainLoss: number[];
  readonly validationLoss: number[];
  readonly bestEpoch: number;
  /** The best epoch's weights (undefined without a validation loss). */
  readonly bestWeights?: Map<string, NamedArray>;
  /** The optimizer's own state in its `getWeights` order (Adam: step count, first and second moments). */
  readonly optimizer?: NamedArray[];
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
 *
 * It yields to the event loop after every step, so Ctrl-C or a plain kill stops it there: it hands
 * the state of the unfinished epoch to `onState` (saved by the caller beside the current weights)
 * and throws `Interrupted`, which the CLI turns into exit code 130 (Ctrl-C) or 143 (kill) before any
 * output is written. A test holds it at step N of this run with `TESSERA_PAUSE_AT='<label> step N'`.
 */
export async function trainLoop<B>(o: TrainLoopOptions<B>): Promise<TrainHistory> {
  return o.stop ? run(o, o.stop) : withStopSignal((stop) => run(o, stop));
}

async function run<B>(o: TrainLoopOptions<B>, stop: StopFlag): Promise<TrainHistory> {
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
  // A run stopped inside an epoch continues with that epoch's next batch.
  let resumeBatch = stoppedEarly ? 0 : o.resume?.batchesDone ?? 0;
  let resumeLoss = o.resume?.partialLoss ?? 0;
  const perEpoch = o.batches(first).length;
  if (o.resume?.optimizer) await restoreOptimizer(o.optimizer, o.resume.optimizer);
  const bar = new ProgressBar(o.label, Math.max(0, o.epochs - first) * perEpoch, process.stderr, o.quiet);
  bar.skip(Math.min(resumeBatch, perEpoch));
  const state = async (epochs: number, partial?: { batchesDone: number; partialLoss: number }): Promise<TrainLoopState> =>
    ({ epochs, trainLoss: [...trainLoss], validationLoss: [...validationLoss], bestEpoch, bestWeights, optimizer: await optimizerState(o.optimizer), ...partial });
  const interrupted = (where: string) => {
    bar.finish();
    const kept = o.onState ? 'its state is saved: rerun the same command to resume' : 'this training keeps no state: a rerun starts it again';
    return new Interrupted(`${o.label} interrupted ${where} (${kept})`, stop.signal);
  };
  let steps = 0;
  for (let epoch = first; epoch < o.epochs && !stoppedEarly; epoch++) {
    const batches = o.batches(epoch);
    let sum = resumeLoss;
    for (let b = resumeBatch; b < batches.length; b++) {
      const cost = o.optimizer.minimize(() => o.loss(batches[b]!), true, varList);
      sum += cost!.dataSync()[0];
      cost!.dispose();
      bar.tick(1, `epoch ${epoch + 1}`);
      steps++;
      await yieldToEventLoop();
      await pausePointAsync(`${o.label} step ${steps}`, stop.signalled);
      if (stop.requested && b + 1 < batches.length) {
        if (o.onState) o.onState(await state(epoch, { batchesDone: b + 1, partialLoss: sum }));
        throw interrupted(`in epoch ${epoch + 1} after batch ${b + 1} of ${batches.length}`);
      }
    }
    resumeBatch = 0;
    resumeLoss = 0;
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
    if (o.onState) o.onState(await state(epoch + 1));
    if (stop.requested) throw interrupted(`after epoch ${epoch + 1}`);
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

/** The optimizer's state as plain arrays (Adam's moments are its own variables: only the step count tensor is new). */
async function optimizerState(optimizer: tf.Optimizer): Promise<NamedArray[]> {
  const weights = await optimizer.getWeights();
  const arrays = weights.map(({ tensor }) => ({ shape: [...tensor.shape], data: Float32Array.from(tensor.dataSync()) }));
  weights[0]?.tensor.dispose(); // the step count, made for this call
  return arrays;
}

/** Puts a saved optimizer state back, so a resumed run continues with the same moments and step count. */
async function restoreOptimizer(optimizer: tf.Optimizer, saved: readonly NamedArray[]): Promise<void> {
  const tensors = saved.map((a, i) => ({ name: `saved/${i}`, tensor: tf.tensor(a.data, [...a.shape]) }));
  await optimizer.setWeights(tensors);
  for (const { tensor } of tensors) tensor.dispose(); // the optimizer's variables hold their own references
}
