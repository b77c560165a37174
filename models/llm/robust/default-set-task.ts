/** One model of the default set, built in a pool worker (`buildDefaultSet`). */
import { selectBackend } from '../../common/index.ts';
import { readTokenizer } from '../tokenizer/index.ts';
import { buildDefaultTaskModels, type BuildContext } from '../tasks/index.ts';
import { buildBackdooredClassifier, buildBackdooredLm, buildMaskedClassifier } from './backdoor-build.ts';
import type { DefaultSetTask, DefaultSetTaskResult } from './default-set.ts';

export default async function buildOne(t: DefaultSetTask): Promise<DefaultSetTaskResult> {
  await selectBackend(() => {});
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const ctx: BuildContext = { base: t.base, baseKey: t.baseKey, tokenizer: readTokenizer(t.tokenizerFile), tokenizerFile: t.tokenizerFile, dataRoot: t.dataRoot, command: t.command, quiet: true };
  const { job, recipes } = t;
  if (job.kind === 'task') return { dir: (await buildDefaultTaskModels(ctx, log, [job.spec]))?.get(job.spec.name), lines };
  if (job.kind === 'backdoor') return { dir: (await buildBackdooredLm(ctx, log, recipes.backdoor))?.dir, lines };
  if (job.kind === 'backdoored') return { dir: (await buildBackdooredClassifier(ctx, log, recipes.backdoor, recipes.backdoored))?.dir, lines };
  return { dir: (await buildMaskedClassifier(ctx, log, recipes.backdoor, recipes.backdoored, recipes.backdooredMasked))?.dir, lines };
}
