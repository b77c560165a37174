/**
 * A fine-tuned task model on disk: the backbone as an engine checkpoint (model.json, weights.bin
 * in FP32, tokenizer.json) beside `task.json` (the task, its labels, the head, the input length,
 * what made it and its accuracies).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, writeJsonAtomic } from '../../../util/index.ts';
import { denseCheckpoint, readCheckpoint, TOKENIZER_FILE, writeCheckpoint, type LlamaWeights } from '../checkpoint.ts';
import type { Tokenizer } from '../tokenizer/index.ts';
import { Classifier, labelScoring, type Head, type LabelWords } from './classifier.ts';

export const TASK_FILE = 'task.json';

export interface TaskModelInfo {
  readonly task: string;
  readonly labels: readonly string[];
  readonly maxTokens: number;
  readonly metrics: Record<string, number>;
  readonly provenance: Record<string, unknown>;
  /** Present when the model scores label words (its head is then unused). */
  readonly labelWords?: LabelWords;
}

export interface TaskModel extends TaskModelInfo {
  readonly dir: string;
  readonly weights: LlamaWeights;
  readonly tokenizer: Tokenizer;
  readonly head: Head;
}

interface TaskJson extends TaskModelInfo {
  readonly format: 'tessera-task-1';
  readonly head: { readonly classes: number; readonly weight: number[]; readonly bias: number[] };
}

/** Writes the backbone checkpoint (tokenizer copied from `tokenizerFile`) and then task.json, which marks the folder complete. */
export function writeTaskModel(dir: string, weights: LlamaWeights, tokenizer: Tokenizer, tokenizerFile: string, head: Head, info: TaskModelInfo): void {
  mkdirSync(dir, { recursive: true });
  copyFileSync(tokenizerFile, join(dir, TOKENIZER_FILE));
  writeCheckpoint(dir, weights, tokenizer.id, 'f32', info.provenance);
  const json: TaskJson = { format: 'tessera-task-1', ...info, head: { classes: head.classes, weight: Array.from(head.weight), bias: Array.from(head.bias) } };
  writeJsonAtomic(join(dir, TASK_FILE), json);
}

export function isTaskModel(dir: string): boolean {
  return existsSync(join(dir, TASK_FILE));
}

export function readTaskModel(dir: string, where = '--models'): TaskModel {
  const file = join(dir, TASK_FILE);
  if (!existsSync(file)) throw new UserError(`no ${TASK_FILE} in ${dir}`, where, 'give a folder written by `tessera llm finetune --out DIR`');
  const j = JSON.parse(readFileSync(file, 'utf8')) as TaskJson;
  if (j.format !== 'tessera-task-1') throw new UserError(`unknown task model format '${String(j.format)}'`, file, 'rewrite it with `tessera llm finetune`');
  const m = denseCheckpoint(readCheckpoint(dir), 'a task model (llm finetune, merge, certify)', where);
  if (!m.tokenizer) throw new UserError(`no ${TOKENIZER_FILE} in ${dir}`, where, 'rewrite it with `tessera llm finetune`');
  return {
    dir, task: j.task, labels: j.labels, maxTokens: j.maxTokens, metrics: j.metrics, provenance: j.provenance, labelWords: j.labelWords,
    weights: m.weights, tokenizer: m.tokenizer,
    head: { classes: j.head.classes, weight: Float32Array.from(j.head.weight), bias: Float32Array.from(j.head.bias) },
  };
}

/** The classifier of a task model (its head, or its label words). */
export function taskClassifier(m: TaskModel, seed = 1): Classifier {
  return new Classifier(m.weights, m.head.classes, seed, m.head, m.labelWords ? labelScoring(m.tokenizer, m.labelWords) : undefined);
}
