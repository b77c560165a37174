/**
 * A compressed model as a checkpoint folder that reads back on its own, through every llm command:
 * weights and model.json, the tokenizer beside them (a llama2.c tokenizer has no tokenizer.json:
 * give --tokenizer), the base model's training data and split (so its held-out text is the
 * base's), and for a carved model its routing file (moe.json), named with its sha256 in model.json.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../util/index.ts';
import { TOKENIZER_FILE, writeCheckpoint, type LoadedModel, type LlamaWeights } from '../checkpoint.ts';
import { BpeTokenizer, writeTokenizer, type Tokenizer } from '../tokenizer/index.ts';
import { MOE_FILE, moeFileText, type MoeRouting } from './cmoe/moe-file.ts';

/** What a checkpoint records of its training text: where it is, its hash, and how it was split. */
const SPLIT_FIELDS = ['data', 'dataHash', 'seed', 'heldOutShare'] as const;

export function writeCompressedCheckpoint(dir: string, weights: LlamaWeights, base: Pick<LoadedModel, 'meta'> & { readonly tokenizer: Tokenizer }, provenance: Record<string, unknown>, routing?: MoeRouting): void {
  const split = Object.fromEntries(SPLIT_FIELDS.flatMap((k) => (base.meta?.provenance?.[k] === undefined ? [] : [[k, base.meta.provenance[k]]])));
  let moe: { file: string; sha256: string } | undefined;
  if (routing) {
    const text = moeFileText(routing);
    writeFileAtomic(join(dir, MOE_FILE), text);
    moe = { file: MOE_FILE, sha256: createHash('sha256').update(text).digest('hex') };
  } else {
    rmSync(join(dir, MOE_FILE), { force: true }); // a carved model's routing left in the folder is not this model's
  }
  writeCheckpoint(dir, weights, base.tokenizer.id, 'f32', { ...split, ...provenance }, moe);
  if (base.tokenizer instanceof BpeTokenizer) writeTokenizer(join(dir, TOKENIZER_FILE), base.tokenizer);
}
