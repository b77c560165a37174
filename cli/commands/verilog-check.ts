// `tessera verilog check FILE...`: preprocess, parse and elaborate with the semantic checks; print
// every problem as file:line:col with an excerpt. The files form one design, or with --each (or
// --jobs N) each file is checked on its own, reported on its own, spread over N workers.
import { availableParallelism } from 'node:os';
import { UserError, WorkerPool } from '../../util/index.ts';
import { checkVerilog, defaultMaxSteps, formatDiagnostic, readVerilogSource } from '../../eda/verilog/index.ts';
import { defineCommand } from '../command.ts';
import { checkOneFile, type CheckTaskInput, type FileReport } from './verilog-check-task.ts';
import { inputOptions, verilogInputFlags } from './verilog-inputs.ts';

export default defineCommand({
  path: ['verilog', 'check'],
  summary: 'check Verilog files: syntax, macros, elaboration and semantic errors as file:line:col; per file with --each/--jobs',
  positionals: 'FILE...',
  details: [
    'Files may be gzip-compressed (.v.gz). Diagnostics go to stderr as file:line:col: message with the source line and a caret.',
    'Without --each the files are one design (modules of one file may instantiate those of another).',
    'With --each every file is a design of its own, with a line per file on stdout; --jobs N checks N at a time.',
    'Exit status: 0 when no file has an error (warnings allowed), 1 otherwise.',
  ].join('\n'),
  flags: [
    ...verilogInputFlags,
    { name: 'each', kind: 'boolean', help: 'check every file on its own and report per file' },
    { name: 'jobs', kind: 'int', valueName: 'N', help: 'with --each: files checked at once, in worker threads (0: one per core)', default: 1 },
    { name: 'blackbox-unknown', kind: 'boolean', help: 'instances of modules defined nowhere are leaves, not errors (gate-level netlists read without their cell library)' },
    { name: 'max-steps', kind: 'int', valueName: 'N', help: 'bound on the work of parsing and of elaborating (tokens read and expanded, instances, generate iterations, constant-function statements); input that needs more gets one located error', default: defaultMaxSteps },
  ] as const,
  async run(flags, files) {
    const { includeDirs, defines } = inputOptions(files, flags.include, flags.define);
    if (flags.jobs < 0) throw new UserError(`must be 0 or more, got ${flags.jobs}`, '--jobs', 'give the number of files checked at once (0: one per core)');
    if (flags['max-steps'] < 1) throw new UserError(`must be 1 or more, got ${flags['max-steps']}`, '--max-steps', `give a bound on the steps of work (default ${defaultMaxSteps})`);
    const options = { includeDirs, defines, top: flags.top, blackbox: flags['blackbox-unknown'], maxSteps: flags['max-steps'] };
    if (flags.each || flags.jobs !== 1) return checkEach(files, options, flags.jobs === 0 ? availableParallelism() : flags.jobs);
    const texts = new Map(files.map((f) => [f, readVerilogSource(f)]));
    const r = checkVerilog(files.map((file) => ({ file, text: texts.get(file)! })), { includeDirs, defines, top: flags.top, unknownModules: options.blackbox ? 'blackbox' : 'error', maxSteps: options.maxSteps });
    for (const d of r.diagnostics) console.error(formatDiagnostic(d, (f) => texts.get(f) ?? readQuietly(f)));
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = r.diagnostics.length - errors;
    console.log(`${files.length} file${files.length === 1 ? '' : 's'}, ${r.modules} module${r.modules === 1 ? '' : 's'}: ${errors === 0 ? 'no errors' : plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`);
    return errors === 0 ? 0 : 1;
  },
});

/** Each file on its own, `jobs` at a time; reports come out in the order the files were given. */
async function checkEach(files: string[], options: Omit<CheckTaskInput, 'files'>, jobs: number): Promise<number> {
  const reports: FileReport[] = [];
  const print = (r: FileReport) => {
    for (const line of r.lines) console.error(line);
    console.log(`${r.file}: ${r.errors === 0 ? 'ok' : plural(r.errors, 'error')}${r.warnings ? `, ${plural(r.warnings, 'warning')}` : ''}`);
    reports.push(r);
  };
  if (jobs <= 1 || files.length === 1) {
    for (const f of files) print(checkOneFile(f, options));
  } else {
    // Batches of a few files: a message per file would cost more than checking a small file.
    const size = Math.max(1, Math.min(16, Math.ceil(files.length / (jobs * 8))));
    const batches: string[][] = [];
    for (let k = 0; k < files.length; k += size) batches.push(files.slice(k, k + size));
    const pool = new WorkerPool<CheckTaskInput, FileReport[]>(new URL('./verilog-check-task.ts', import.meta.url), Math.min(jobs, batches.length));
    try {
      const done: (FileReport[] | undefined)[] = new Array(batches.length);
      let next = 0;
      await Promise.all(batches.map((b, k) => pool.run({ ...options, files: b }).then((r) => {
        done[k] = r;
        while (next < batches.length && done[next]) { done[next]!.forEach(print); done[next] = undefined; next++; }
      })));
    } finally {
      await pool.close();
    }
  }
  const bad = reports.filter((r) => r.errors > 0).length;
  console.log(`${plural(files.length, 'file')}: ${files.length - bad} without errors, ${bad} with errors`);
  return bad === 0 ? 0 : 1;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function readQuietly(file: string): string | undefined {
  try {
    return readVerilogSource(file);
  } catch {
    return undefined; // the excerpt is optional
  }
}
