// `tessera verilog compare FILE|DIR...`: any Verilog files, no labels needed, through our front-end
// and iverilog -g2005, Yosys and Verilator, each file a design of its own (or, with --units, each
// listed set of files one design): how many of the files iverilog accepts we accept, how many of
// those all three reject get a located error from us, and whether our front-end crashed on any.
import { readFileSync, statSync } from 'node:fs';
import { dataDir, ProgressBar, UserError, writeJsonAtomic } from '../../util/index.ts';
import { listVerilogFiles } from '../../eda/verilog/index.ts';
import {
  compareUnits, parseUnitList, referenceToolsMissing, summarizeComparison, type CompareRow, type CompareSummary, type CompareUnit,
} from '../../eda/verilog/agreement/index.ts';
import { defineCommand } from '../command.ts';

export default defineCommand({
  path: ['verilog', 'compare'],
  summary: 'any Verilog files against iverilog, Yosys and Verilator: share of their accepted files we accept, of their rejected files we locate, crashes',
  positionals: 'FILE|DIR...',
  details: 'Folders are searched for .v/.sv files. The three reference tools must be on PATH.\n--units FILE lists designs instead, one a line: GROUP FILE... -IDIR... (DATA/ = the shared data folder); each is read by every tool and by us as one design, and the figures are given per group too.\nExit status: 0 when we accept every file iverilog accepts, locate an error in every file all three reject and never crash, else 1.',
  flags: [
    { name: 'include', kind: 'string', valueName: 'DIRS', help: 'folders searched by `include, separated by commas (given to the tools too)', default: '' },
    { name: 'jobs', kind: 'int', valueName: 'N', help: 'reference tool processes at once (default: one per core)', default: 0 },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write every file\'s verdicts as JSON' },
    { name: 'list', kind: 'boolean', help: 'list every file where we differ' },
    { name: 'units', kind: 'string', valueName: 'FILE', help: 'a list of designs (GROUP FILE... -IDIR... a line) to check, each as one design' },
    { name: 'data', kind: 'string', valueName: 'DIR', help: 'the folder DATA/ stands for in --units (default: the shared data folder)' },
    { name: 'timeout', kind: 'int', valueName: 'S', help: 'seconds a tool may take on one file or design before it counts as rejecting it', default: 20 },
  ] as const,
  async run(flags, inputs) {
    const includeDirs = flags.include.split(',').map((x) => x.trim()).filter(Boolean);
    const units: CompareUnit[] = [];
    if (flags.units) {
      let text: string;
      try {
        text = readFileSync(flags.units, 'utf8');
      } catch {
        throw new UserError(`${flags.units}: cannot read the unit list`, '--units', 'name a file listing GROUP FILE... -IDIR... a line');
      }
      units.push(...parseUnitList(text, flags.data ?? dataDir(), flags.units).map((u) => ({ ...u, includeDirs: [...u.includeDirs, ...includeDirs] })));
    }
    if (inputs.length === 0 && units.length === 0) throw new UserError('no Verilog files or folders given', 'FILE|DIR...', 'name .v files or folders holding them, or a unit list with --units');
    for (const p of inputs) {
      let files: string[];
      try {
        files = statSync(p).isDirectory() ? listVerilogFiles(p) : [p];
      } catch {
        throw new UserError(`${p}: no such file or folder`, 'FILE|DIR...', 'name existing .v files or folders');
      }
      units.push(...files.map((file) => ({ name: file, files: [file], includeDirs })));
    }
    for (const u of units) for (const f of u.files) if (!statSync(f, { throwIfNoEntry: false })?.isFile()) throw new UserError(`${f}: no such file (in ${u.name})`, flags.units ? '--units' : 'FILE|DIR...', 'name existing files');
    const missing = referenceToolsMissing();
    if (missing) throw new UserError(missing, 'PATH', 'install the three reference tools');
    const bar = new ProgressBar('designs through ours + 3 tools', units.length * 3);
    const rows = await compareUnits(units, {
      jobs: flags.jobs > 0 ? flags.jobs : undefined,
      timeoutMs: flags.timeout * 1000,
      onProgress: () => bar.tick(1),
    });
    bar.finish();
    const s = summarizeComparison(rows);
    const pct = (a: number, b: number) => `${a}/${b} (${b === 0 ? '-' : ((100 * a) / b).toFixed(1)}%)`;
    console.log(`${s.files} files; iverilog -g2005 accepts ${s.iverilogAccepts}, all three accept ${s.allAccept}, all three reject ${s.allReject}`);
    console.log(`we accept ${pct(s.weAcceptOfIverilog, s.iverilogAccepts)} of iverilog's accepted files, ${pct(s.weAcceptOfAll, s.allAccept)} of those all three accept`);
    console.log(`we give a located error on ${pct(s.weLocateOfAllReject, s.allReject)} of the files all three reject`);
    console.log(`crashes: ${s.crashes.length}`);
    const groups = [...new Set(rows.map((r) => r.group).filter((g): g is string => g !== undefined))];
    const line = (g: CompareSummary) => `${g.files} designs, iverilog accepts ${g.iverilogAccepts}: we accept ${pct(g.weAcceptOfIverilog, g.iverilogAccepts)}; all three accept ${g.allAccept}: we ${g.weAcceptOfAll}; all three reject ${g.allReject}: we locate ${pct(g.weLocateOfAllReject, g.allReject)}; crashes ${g.crashes.length}`;
    if (groups.length > 1) for (const g of groups) console.log(`  ${g}: ${line(summarizeComparison(rows.filter((r) => r.group === g)))}`);
    const show = (what: string, list: CompareRow[]) => {
      for (const r of list) console.log(`  ${what}: ${r.file}: ours ${r.ours.crash ?? (r.ours.accepted ? 'accept' : r.ours.message)}; ${r.tools.map((t) => `${t.tool}: ${t.accepted ? 'accept' : t.message.slice(0, 100)}`).join('; ')}`);
    };
    show('crash', s.crashes);
    if (flags.list) {
      show('rejected, iverilog accepts', s.falseRejects);
      show('no located error, all three reject', s.missedErrors);
    }
    if (flags.json) writeJsonAtomic(flags.json, { summary: { ...s, crashes: s.crashes.length, falseRejects: s.falseRejects.length, missedErrors: s.missedErrors.length }, rows });
    return s.falseRejects.length === 0 && s.missedErrors.length === 0 && s.crashes.length === 0 ? 0 : 1;
  },
});
