/** What `llm finetune`, `merge` and `certify` share: the base model, its tokenizer and the data, as a build context. */
import { join } from 'node:path';
import { loadModel, shippedModelDir, TOKENIZER_FILE, weightsKey } from '../../models/llm/index.ts';
import type { BuildContext } from '../../models/llm/tasks/index.ts';
import { dataPathOr } from '../../util/index.ts';
import type { FlagSpec } from '../flags.ts';

export const taskDataFlag = { name: 'data', kind: 'string', valueName: 'DIR', help: 'the text data folder with sst2/, agnews/, tinyshakespeare/, tinystories/ (default: TESSERA_DATA/text)' } as const satisfies FlagSpec;

/** The shipped model as the base of every task model (the default set is defined on it). */
export function taskBuildContext(data: string | undefined, stop?: { requested: boolean }, quiet = false): BuildContext {
  const m = loadModel(undefined, undefined);
  return {
    base: m.weights, baseKey: weightsKey(m), tokenizer: m.tokenizer, tokenizerFile: join(shippedModelDir(), TOKENIZER_FILE),
    dataRoot: data ?? dataPathOr('--data DIR', 'text'), command: `tessera ${process.argv.slice(2).join(' ')}`, stop, quiet,
  };
}
