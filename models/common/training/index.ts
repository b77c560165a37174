// models/common/training: the training loop every model trains with (progress bar, early stopping,
// best-epoch restore, Ctrl-C between steps) and its per-epoch checkpoints. Inference does not load it.
export { trainLoop, type TrainLoopOptions, type TrainHistory, type TrainLoopState } from './train-loop.ts';
export { epochCheckpoints, type EpochCheckpoints } from './epoch-checkpoints.ts';
