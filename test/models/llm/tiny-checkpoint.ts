// A tiny checkpoint that records its training text and split, as `tessera llm train` writes one: a
// BPE tokenizer trained on `lines` (one document each, in DIR/text), a random 2-block model of
// context 32, held-out share 0.2. For command tests that read the checkpoint's own split.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataHashOf, readDocuments, trainBpe, writeCheckpoint, writeTokenizer, type LlamaConfig } from '../../../models/llm/index.ts';
import { randomLlama } from './random-llama.ts';

/** Writes the text and the checkpoint under `dir`; returns the checkpoint's folder. */
export function writeTinyCheckpoint(dir: string, lines: readonly string[]): string {
  const text = join(dir, 'text'), ckpt = join(dir, 'model');
  mkdirSync(text, { recursive: true });
  writeFileSync(join(text, 'stories.txt'), lines.join('\n\n'));
  const docs = readDocuments(text);
  const tok = trainBpe(docs.map((d) => d.text), 300);
  mkdirSync(ckpt, { recursive: true });
  writeTokenizer(join(ckpt, 'tokenizer.json'), tok);
  const config: LlamaConfig = { dim: 32, hiddenDim: 64, layers: 2, heads: 4, kvHeads: 2, vocab: tok.vocabSize, seqLen: 32, tiedClassifier: true };
  writeCheckpoint(ckpt, randomLlama(config, 5, 0.3, 0.2), tok.id, 'f32', { data: text, seed: 1, heldOutShare: 0.2, dataHash: dataHashOf(docs) });
  return ckpt;
}
