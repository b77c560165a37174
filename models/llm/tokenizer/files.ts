import { existsSync, readFileSync } from 'node:fs';
import { UserError, writeJsonAtomic } from '../../../util/index.ts';
import { BpeTokenizer } from './bpe.ts';
import { Llama2cTokenizer } from './llama2c-tokenizer.ts';
import type { Tokenizer } from './types.ts';

/** Reads a tokenizer: the project's JSON BPE, or a llama2.c `.bin` (vocabulary size from the model). */
export function readTokenizer(file: string, vocabSize?: number): Tokenizer {
  if (!existsSync(file)) throw new UserError(`no tokenizer at ${file}`, file, 'give a tokenizer.json from `tessera llm train` or a llama2.c tok*.bin');
  if (file.endsWith('.bin')) return Llama2cTokenizer.read(file, vocabSize);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`unreadable tokenizer JSON: ${(e as Error).message}`, file, 'give a tokenizer.json from `tessera llm train`');
  }
  return BpeTokenizer.fromJSON(json, file);
}

export function writeTokenizer(file: string, t: BpeTokenizer): void {
  writeJsonAtomic(file, t.toJSON());
}
