// `tessera verilog check FILE...`: preprocess, parse and elaborate; print every problem as
// file:line:col with an excerpt. Exit 0 when clean, 1 with diagnostics.
import { elaborate } from '../../eda/verilog/index.ts';
import { defineCommand } from '../command.ts';
import { parseInputs, printDiagnostics, verilogInputFlags } from './verilog-inputs.ts';

export default defineCommand({
  path: ['verilog', 'check'],
  summary: 'check Verilog files: syntax errors, undefined macros, parameter and generate elaboration problems',
  positionals: 'FILE...',
  details: 'Files may be gzip-compressed (.v.gz). Diagnostics go to stderr as file:line:col: message with the source line and a caret.\nExit status: 0 clean, 1 with diagnostics.',
  flags: verilogInputFlags,
  async run(flags, files) {
    const { results, texts } = parseInputs(files, flags.include, flags.define);
    const parseDiagnostics = results.flatMap((r) => r.diagnostics);
    let count = printDiagnostics(parseDiagnostics, texts);
    // Elaboration needs complete trees: it runs once the syntax is clean.
    if (count === 0) count += printDiagnostics(elaborate(results.map((r) => r.ast), { top: flags.top }).diagnostics, texts);
    const modules = results.reduce((n, r) => n + r.ast.descriptions.filter((d) => d.kind === 'module').length, 0);
    console.log(`${files.length} file${files.length === 1 ? '' : 's'}, ${modules} module${modules === 1 ? '' : 's'}: ${count === 0 ? 'no problems' : `${count} diagnostic${count === 1 ? '' : 's'}`}`);
    return count === 0 ? 0 : 1;
  },
});
