// When the labelling flow's Yosys refuses a design: the kinds of refusal the corpus meets
// (docs/veridistill.md, "Designs Yosys rejected"), each said with where it is and what to do.
import { UserError, isUserError, type SourceLocation } from '../../../../util/index.ts';

type Sources = Readonly<Record<string, string>>;

/** The first place in the sources that matches, as a 1-based file position. */
function findIn(sources: Sources, pattern: RegExp, skipFile?: string): SourceLocation | undefined {
  for (const [file, text] of Object.entries(sources)) {
    if (file === skipFile) continue;
    const noComments = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\/\/.*$/gm, (c) => ' '.repeat(c.length));
    const m = new RegExp(pattern.source, 'g').exec(noComments);
    if (!m) continue;
    const before = noComments.slice(0, m.index).split('\n');
    return { file, line: before.length, col: before[before.length - 1].length + 1 };
  }
  return undefined;
}

const at = (where: SourceLocation | undefined) => (where ? ` (${where.file}:${where.line})` : '');

interface Refusal {
  readonly message: RegExp;
  /** Where to point when Yosys names no position. */
  readonly where?: (m: RegExpExecArray, sources: Sources) => SourceLocation | undefined;
  readonly fix: (m: RegExpExecArray, sources: Sources, where: SourceLocation | string | undefined) => string;
}

const REFUSALS: readonly Refusal[] = [
  {
    message: /Can not open file `([^`]+)` for \\?\$readmem/,
    fix: (m) => `the flow hands Yosys the Verilog files only, so the memory file '${m[1]}' is never there: write its contents into the Verilog (e.g. a case table or initial assignments), or predict without --compare`,
  },
  {
    message: /System task `\$(stop|finish)' outside initial block/,
    fix: () => 'simulation-only code: leave the test-bench file out of the design, or put this block between // synopsys translate_off and // synopsys translate_on',
  },
  {
    message: /Re-definition of module `\\?([^'`]+)'/,
    fix: (m, sources, where) => {
      const first = findIn(sources, new RegExp(`\\bmodule\\s+${m[1].replace(/[$]/g, '\\$')}\\b`), typeof where === 'object' ? where.file : undefined);
      return `module ${m[1]} is defined twice${at(first)}: give each module once (leave out the copy or the stub)`;
    },
  },
  {
    message: /Module `\\?([^'`]+)' referenced in module `\\?([^'`]+)' in cell `\\?([^'`]+)' is not part of the design/,
    where: (m, sources) => findIn(sources, new RegExp(`\\b${m[1]}\\s*(?:#\\s*\\(|${m[3]}\\b)`)),
    fix: (m) => `no file given defines module ${m[1]}: add the file that defines it (one call takes all files of a design), or choose a --top that does not use ${m[2]}`,
  },
  {
    message: /Can't resolve task name `\$(error|fatal)'/,
    fix: (m) => `the design's own check ($${m[1]} in an initial block) rejects its parameter values: set them to what the check allows`,
  },
];

/**
 * The labelling flow's Yosys error with the fix for the refusals the corpus meets, at the file
 * position Yosys names (or, for a module that is not there, where it is instantiated). Other
 * errors are returned as they are.
 */
export function explainFlowError(e: unknown, sources: Sources): unknown {
  if (!isUserError(e)) return e;
  for (const r of REFUSALS) {
    const m = r.message.exec(e.message);
    if (!m) continue;
    const where = e.where === undefined || typeof e.where === 'string' ? (r.where?.(m, sources) ?? e.where) : e.where;
    return new UserError(e.message, where, r.fix(m, sources, where));
  }
  return e;
}
