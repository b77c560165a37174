// `tessera verilog agreement`: the labelled corpus under test/verilog-corpus through our front-end
// and (when installed) iverilog -g2005, Yosys and Verilator; prints the counts and disagreements,
// and with --write-docs regenerates the table in docs/verilog-frontend.md.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProgressBar, UserError, projectRoot, writeFileAtomic, writeJsonAtomic } from '../../util/index.ts';
import {
  agreementTable, referenceToolsMissing, runAgreement, summarize, tableEnd, tableStart, verdictCell, type CorpusRow,
} from '../../eda/verilog/agreement/index.ts';
import { defineCommand } from '../command.ts';

export default defineCommand({
  path: ['verilog', 'agreement'],
  summary: 'the labelled Verilog corpus against our front-end and iverilog, Yosys and Verilator: counts, disagreements, docs table',
  details: 'Each corpus file is one design. Without --no-tools the three reference tools must be on PATH.\nExit status: 0 when every file matches its label and we agree with the tools wherever all three agree, else 1.',
  flags: [
    { name: 'corpus', kind: 'string', valueName: 'DIR', help: 'the labelled corpus (default: test/verilog-corpus of this project)', default: '' },
    { name: 'jobs', kind: 'int', valueName: 'N', help: 'reference tool processes at once (default: one per core)', default: 0 },
    { name: 'no-tools', kind: 'boolean', help: 'only our front-end (no reference tools)' },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write every verdict as JSON' },
    { name: 'write-docs', kind: 'string', valueName: 'FILE', help: 'replace the corpus table in this markdown file (docs/verilog-frontend.md)' },
  ] as const,
  async run(flags) {
    const root = flags.corpus || join(projectRoot(), 'test', 'verilog-corpus');
    if (!existsSync(join(root, 'valid'))) throw new UserError(`no labelled corpus in ${root} (it needs valid/ and invalid/ folders)`, '--corpus', 'name the corpus folder');
    const tools = !flags['no-tools'];
    if (tools) {
      const missing = referenceToolsMissing();
      if (missing) throw new UserError(missing, '--no-tools', 'install them, or pass --no-tools to check our front-end alone');
    }
    if (flags['write-docs'] && !tools) throw new UserError('the docs table records the tools\' verdicts', '--write-docs', 'run without --no-tools');
    let bar: ProgressBar | undefined;
    const rows = await runAgreement(root, {
      tools,
      jobs: flags.jobs > 0 ? flags.jobs : undefined,
      onProgress: (_done, total) => {
        bar ??= new ProgressBar('reference tools', total);
        bar.tick(1);
      },
    });
    bar?.finish();
    const s = summarize(rows);
    console.log(`corpus ${root}: ${s.valid} valid, ${s.invalid} invalid files`);
    console.log(`ours: ${s.ourAccepted} accepted, ${s.ourRejected} rejected; ${s.offLabel.length} off their label`);
    for (const r of s.offLabel) console.log(`  off label: ${r.entry.name}: expected ${r.entry.errorLine === undefined ? 'accept' : `error ${r.entry.errorLine}`}, ours ${verdictCell(r.ours)} ${r.ours.message}`);
    if (tools) {
      console.log(`all three tools accept ${s.allAccept}, all three reject ${s.allReject}; we disagree with that consensus on ${s.againstTools.length}`);
      for (const r of s.againstTools) console.log(`  against the tools: ${r.entry.name}: ours ${verdictCell(r.ours)}; ${r.tools.map((t) => `${t.tool} ${verdictCell(t)}`).join(', ')}`);
      for (const r of s.validRejectedByAllTools) console.log(`  valid but rejected by all three: ${r.entry.name}: ${r.tools.map((t) => t.message).join(' | ').slice(0, 200)}`);
    }
    if (flags.json) writeJsonAtomic(flags.json, rows.map(jsonRow));
    if (flags['write-docs']) {
      const file = flags['write-docs'];
      const text = readFileSync(file, 'utf8');
      const a = text.indexOf(tableStart);
      const b = text.indexOf(tableEnd);
      if (a < 0 || b < 0) throw new UserError(`no corpus table markers in ${file}`, '--write-docs', `add the lines ${tableStart} and ${tableEnd} where the table goes`);
      writeFileAtomic(file, text.slice(0, a) + agreementTable(rows) + text.slice(b + tableEnd.length));
      console.log(`wrote the table of ${rows.length} files to ${file}`);
    }
    return s.offLabel.length === 0 && s.againstTools.length === 0 ? 0 : 1;
  },
});

function jsonRow(r: CorpusRow) {
  return { file: r.entry.name, construct: r.entry.construct, section: r.entry.section, expected: r.entry.errorLine ?? 'valid', ours: r.ours, tools: r.tools };
}
