import { defineCommand } from '../command.ts';
import { MERGE_GRIDS, MERGE_METHODS, type MergeMethod } from '../../models/llm/merge/index.ts';
import { writeJsonAtomic } from '../../util/index.ts';
import { mergeInputFlags, runMergeFromFlags, withModelArgs } from './merge-inputs.ts';

export default defineCommand({
  path: ['merge'],
  summary: 'merge fine-tuned task models into one backbone (LoRE, TIES, DARE, Task Arithmetic), hyper-parameters tuned on dev; test accuracy per task',
  details: `Each task keeps its own head; the backbones are merged tensor by tensor. Task Arithmetic, TIES and
DARE form task vectors against the shipped model (the true base); LoRE estimates an implicit base and
low-rank task vectors from the fine-tuned models alone (coordinate descent with singular-value
thresholding) and merges base + lambda * their mean. The hyper-parameters are the best of a fixed grid
on the average dev accuracy; the JSON gives the test accuracy per task, its average and the average
normalised by the individual models' accuracy. \`merge compare\` runs every method with a report.
example: tessera merge --method lore --json out/lore.json
example: tessera merge --method ties --models out/sst2,out/agnews,out/style`,
  positionals: '[DIR...]',
  flags: [
    { name: 'method', kind: 'string', required: true, choices: [...MERGE_METHODS], help: 'merging method' },
    ...mergeInputFlags,
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the result as JSON' },
  ],
  async run(flags, positionals) {
    const method = flags.method as MergeMethod;
    const done = await runMergeFromFlags(withModelArgs(flags, positionals), [method], false);
    if (!done) return 130;
    const { inp, r } = done, m = r.methods[0];
    if (flags.json) writeJsonAtomic(flags.json, { ...m, individual: r.individual, multitask: r.multitask, gridSearched: MERGE_GRIDS[method].length, models: inp.models.map((x) => x.dir) });
    return 0;
  },
});
