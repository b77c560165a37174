// A tiny model, tokenizer and data folder for the task, merge and certification tests: seconds of training.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../../../hw/index.ts';
import { BYTE_OFFSET, trainBpe, type BpeTokenizer, type LlamaConfig, type LlamaWeights } from '../../../../models/llm/index.ts';
import type { TaskData } from '../../../../models/llm/tasks/index.ts';
import { randomLlama } from '../random-llama.ts';

export const tinyConfig: LlamaConfig = { dim: 16, hiddenDim: 32, layers: 2, heads: 2, kvHeads: 1, vocab: BYTE_OFFSET + 256 + 8, seqLen: 32, tiedClassifier: true };

export function tinyBase(seed = 5): LlamaWeights {
  return randomLlama(tinyConfig, seed, 0.2, 0.1);
}

export function tinyTokenizer(): BpeTokenizer {
  return trainBpe(['good fun great bad dull awful the film was'], tinyConfig.vocab);
}

const POS = ['good', 'fun', 'great'], NEG = ['bad', 'dull', 'awful'];

/** Sentences "the film was W1 W2": positive words (label 1) or negative (label 0). */
export function sentimentExamples(n: number, seed: number): { text: string; label: number }[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const label = rng.int(0, 1);
    const words = label ? POS : NEG;
    return { text: `the film was ${words[rng.int(0, 2)]} ${words[rng.int(0, 2)]}`, label };
  });
}

export function tinyTask(seed = 1): TaskData {
  return { name: 'sst2', labels: ['negative', 'positive'], train: sentimentExamples(64, seed), dev: sentimentExamples(16, seed + 1), test: sentimentExamples(16, seed + 2) };
}

/** A text data folder with the layout `loadTask` reads, a few lines per file. */
export function tinyDataFolder(): string {
  const root = join(tmpdir(), `tessera-tasks-${process.pid}-${Date.now()}`);
  const put = (path: string, text: string) => { mkdirSync(join(root, path, '..'), { recursive: true }); writeFileSync(join(root, path), text); };
  put('sst2/train.tsv', `sentence\tlabel\n${sentimentExamples(20, 1).map((e) => `${e.text}\t${e.label}`).join('\n')}\n`);
  put('sst2/dev.tsv', `sentence\tlabel\n${sentimentExamples(6, 2).map((e) => `${e.text}\t${e.label}`).join('\n')}\n`);
  put('sst2/test.tsv', `sentence\tlabel\n${sentimentExamples(6, 3).map((e) => `${e.text}\t${e.label}`).join('\n')}\n`);
  const topics = ['World', 'Sports', 'Business', 'Sci/Tech'];
  put('agnews/dev.tsv', Array.from({ length: 40 }, (_, i) => `story number ${i} about ${topics[i % 4]}\t${topics[i % 4]}`).join('\n'));
  put('agnews/test.tsv', Array.from({ length: 8 }, (_, i) => `test story ${i}\t${topics[i % 4]}`).join('\n'));
  const words = (w: string, n: number) => Array.from({ length: n }, (_, i) => `${w}${i % 7}`).join(' ');
  put('tinystories/tinystories_val.txt', Array.from({ length: 10 }, () => words('once', 45)).join('\n\n'));
  put('tinyshakespeare/input.txt', Array.from({ length: 10 }, () => `ROMEO:\n${words('thou', 30)}\n${words('doth', 15)}`).join('\n\n'));
  return root;
}
