// Shared by `tessera verilog check` and `tessera verilog stats`: read, preprocess and parse the
// named files with the same --include/--define flags, and print diagnostics with excerpts.
import { UserError } from '../../util/index.ts';
import { formatDiagnostic, parseDesignFiles, readVerilogSource, type Diagnostic, type ParseResult } from '../../eda/verilog/index.ts';
import type { FlagSpec } from '../flags.ts';

export const verilogInputFlags = [
  { name: 'include', kind: 'string', valueName: 'DIRS', help: 'folders searched by `include, separated by commas', default: '' },
  { name: 'define', kind: 'string', valueName: 'DEFS', help: 'predefined macros NAME or NAME=VALUE, separated by commas', default: '' },
  { name: 'top', kind: 'string', valueName: 'MODULE', help: 'elaborate from this module (default: every module nobody instantiates)' },
] as const satisfies readonly FlagSpec[];

export interface ParsedInputs {
  results: ParseResult[];
  texts: Map<string, string>;
}

/** The --include and --define flags as preprocessor options; refuses bad macro names. */
export function inputOptions(files: string[], include: string, define: string): { includeDirs: string[]; defines: Record<string, string> } {
  if (files.length === 0) throw new UserError('no Verilog files given', 'FILE...', 'name one or more .v/.sv/.v.gz files');
  const defines: Record<string, string> = {};
  for (const d of define.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = d.indexOf('=');
    const name = eq < 0 ? d : d.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(name)) throw new UserError(`'${name}' is not a macro name`, '--define', 'give NAME or NAME=VALUE');
    defines[name] = eq < 0 ? '1' : d.slice(eq + 1);
  }
  return { includeDirs: include.split(',').map((s) => s.trim()).filter(Boolean), defines };
}

export function parseInputs(files: string[], include: string, define: string): ParsedInputs {
  const { includeDirs, defines } = inputOptions(files, include, define);
  const texts = new Map<string, string>(files.map((f) => [f, readVerilogSource(f)]));
  // One design: the directives in force carry from each file into the next.
  const results = parseDesignFiles(files.map((f) => ({ file: f, text: texts.get(f)! })), { includeDirs, defines });
  return { results, texts };
}

/** Prints diagnostics with source excerpts to stderr; returns how many there were. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], texts: Map<string, string>): number {
  const source = (file: string) => texts.get(file) ?? readQuietly(file);
  for (const d of diagnostics) console.error(formatDiagnostic(d, source));
  return diagnostics.length;
}

function readQuietly(file: string): string | undefined {
  try {
    return readVerilogSource(file);
  } catch {
    return undefined; // the excerpt is optional
  }
}
