import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { MERGE_METHODS, type MergeMethod } from '../../models/llm/merge/index.ts';
import { UserError, writeFileAtomic, writeJsonAtomic } from '../../util/index.ts';
import { renderReport } from '../report/html-report.ts';
import { mergeReport } from './merge-report.ts';
import { mergeInputFlags, runMergeFromFlags, withModelArgs } from './merge-inputs.ts';

export default defineCommand({
  path: ['merge', 'compare'],
  summary: 'every merging method (LoRE, TIES, DARE, Task Arithmetic) on the same task models vs the individual and multi-task models; spectra; report',
  details: `Runs \`merge\` for every method on the same models (default: the default set, built first when
missing) and writes the table, the dev grids, LoRE's diagnostics and each task vector's singular-value
spectrum; --report DIR writes them as a self-contained HTML page.
example: tessera merge compare --json out/merge.json --report out/merge`,
  positionals: '[DIR...]',
  flags: [
    ...mergeInputFlags,
    { name: 'methods', kind: 'string', default: MERGE_METHODS.join(','), valueName: 'M,...', help: `the methods compared (of ${MERGE_METHODS.join(', ')})` },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write every result as JSON' },
    { name: 'report', kind: 'string', valueName: 'DIR', help: 'write index.html (plotly charts) here' },
  ],
  async run(flags, positionals) {
    const methods = flags.methods.split(',').map((m) => m.trim()).filter(Boolean);
    const unknown = methods.filter((m) => !(MERGE_METHODS as readonly string[]).includes(m));
    if (methods.length === 0 || unknown.length > 0) throw new UserError(`unknown method(s) '${unknown.join(', ')}'`, '--methods', `give some of ${MERGE_METHODS.join(', ')}, comma-separated`);
    const done = await runMergeFromFlags(withModelArgs(flags, positionals), methods as MergeMethod[], true);
    if (!done) return 130;
    const { inp, r } = done;
    if (flags.json) writeJsonAtomic(flags.json, { ...r, models: inp.models.map((m) => m.dir), multitaskModel: inp.multitask?.dir });
    if (flags.report) {
      writeFileAtomic(join(flags.report, 'index.html'), renderReport('Model merging: LoRE, TIES, DARE, Task Arithmetic', mergeReport(r)));
      console.log(`report: ${join(flags.report, 'index.html')}`);
    }
    return 0;
  },
});
