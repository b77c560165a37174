/**
 * `parseNetlist`: the structural view of a Verilog file. Gate-level netlists take the fast path;
 * a file the fast path does not take (behavioural code, parameters, macros) goes through the full
 * front-end instead, with the same result shape.
 */
import { DiagnosticSink } from './diagnostics.ts';
import type { Netlist } from './netlist-types.ts';
import { netlistFromAst } from './netlist-from-ast.ts';
import { parseNetlistFast } from './netlist-parser.ts';
import { parseTokens } from './parse.ts';
import { preprocess, type PreprocessOptions } from './preprocessor.ts';

export function parseNetlist(text: string, file: string, options: PreprocessOptions = {}): Netlist {
  const sink = new DiagnosticSink();
  const fast = parseNetlistFast(text, file, sink);
  if (fast.needsFullParser === undefined) return { modules: fast.modules, diagnostics: sink.finish() };
  return parseNetlistFull(text, file, options);
}

/** The structural view through the full front-end (always; `parseNetlist` uses it only when needed). */
export function parseNetlistFull(text: string, file: string, options: PreprocessOptions = {}): Netlist {
  const sink = new DiagnosticSink();
  const ast = parseTokens(preprocess(text, file, options, sink).tokens, file, sink);
  const modules = sink.errorCount === 0 ? netlistFromAst(ast, sink) : [];
  return { modules, diagnostics: sink.finish() };
}
