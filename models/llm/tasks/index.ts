// models/llm/tasks: classification tasks and fine-tuning the language model on them (docs/merge.md).
export { LABEL_WORDS, TASK_NAMES, TEST_CAP, DEV_CAP, EARLIER_SAMPLES, FRESH_SPLIT, freshHeldOut, isTaskName, loadTask, passages, type Example, type EarlierSamples, type SampleSizes, type TaskData, type TaskName } from './task-data.ts';
export { Classifier, argmax, encodeTexts, labelScoring, type EncodedBatch, type Head, type LabelWords, type LabelScoring } from './classifier.ts';
export { accuracy, predictTexts } from './evaluate.ts';
export { finetuneTask, batchExamples, classOffsets, maskWords, type TaskExample, type FinetuneOptions, type FinetuneResult } from './finetune.ts';
export { readTaskModel, writeTaskModel, isTaskModel, taskClassifier, TASK_FILE, type TaskModel, type TaskModelInfo } from './task-model.ts';
export { buildTaskModel, buildDefaultTaskModels, cachedTaskModelDir, DEFAULT_FINETUNE, DEFAULT_TASK_MODELS, type TaskModelSpec, type BuildContext } from './build.ts';
