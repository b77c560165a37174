/** Where the model trained by the project ships, and loading it (or any checkpoint) for the commands. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, UserError } from '../../util/index.ts';
import { MODEL_FILE, readCheckpoint, type LoadedModel } from './checkpoint.ts';
import type { Tokenizer } from './tokenizer/index.ts';

export function shippedModelDir(): string {
  return join(projectRoot(), 'models', 'llm', 'shipped');
}

/**
 * The checkpoint at `path` (default: the shipped model), with a tokenizer: a llama2.c `.bin` needs
 * `tokenizer` unless `needTokenizer` is false (token-id work).
 */
export function loadModel(path: string | undefined, tokenizer: string | undefined, needTokenizer = true): LoadedModel & { tokenizer: Tokenizer } {
  const dir = path ?? shippedModelDir();
  if (!path && !existsSync(join(dir, MODEL_FILE))) {
    throw new UserError(`the shipped model is missing (${join(dir, MODEL_FILE)})`, '--checkpoint', 'give --checkpoint DIR, or restore models/llm/shipped from git');
  }
  const m = readCheckpoint(dir, tokenizer);
  if (!m.tokenizer && needTokenizer) throw new UserError('a llama2.c checkpoint needs its tokenizer', '--tokenizer', 'give --tokenizer tok*.bin (or a tokenizer.json)');
  return m as LoadedModel & { tokenizer: Tokenizer };
}
