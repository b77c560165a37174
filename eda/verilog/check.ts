/**
 * `checkVerilog`: the whole front-end on a set of files that form one design: preprocess and
 * parse each file (the directives in force carry from one file to the next), then (when the syntax is clean) elaborate the design, which runs the semantic
 * checks. Never throws on any input.
 */
import { hasErrors, type Diagnostic } from './diagnostics.ts';
import { elaborate, type ElaborateOptions } from './elaborate.ts';
import { parseDesignFiles, type ParseResult } from './parse.ts';
import type { PreprocessOptions } from './preprocessor.ts';

export interface CheckOptions extends PreprocessOptions, ElaborateOptions {}

export interface CheckResult {
  diagnostics: Diagnostic[];
  parsed: ParseResult[];
  /** Modules defined across the files. */
  modules: number;
}

export function checkVerilog(sources: readonly { file: string; text: string }[], options: CheckOptions = {}): CheckResult {
  const parsed = parseDesignFiles(sources, options);
  const diagnostics = parsed.flatMap((r) => r.diagnostics);
  // Elaboration needs complete trees: it runs once the syntax is clean.
  if (!hasErrors(diagnostics)) diagnostics.push(...elaborate(parsed.map((r) => r.ast), { top: options.top, unknownModules: options.unknownModules, maxSteps: options.maxSteps }).diagnostics);
  const modules = parsed.reduce((n, r) => n + r.ast.descriptions.filter((d) => d.kind === 'module').length, 0);
  return { diagnostics, parsed, modules };
}
