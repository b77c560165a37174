/**
 * `parseVerilog`: preprocess, lex and parse one file into a syntax tree plus diagnostics.
 * Syntax errors are recovered from (chevrotain re-synchronisation, and after an unrecoverable
 * error the parse restarts at the next `module`/`primitive`), so one run reports every error.
 * It never throws on any input.
 */
import type { IToken } from 'chevrotain';
import { EOF } from '../common/index.ts';
import type { SourceFile } from './ast.ts';
import { DiagnosticSink, type Diagnostic } from './diagnostics.ts';
import type { VerilogToken } from './lexer.ts';
import { VerilogParser } from './parser-modules.ts';
import { preprocess, type CarriedDirectives, type PreprocessOptions, type PreprocessResult } from './preprocessor.ts';
import { parseVerilogNumber } from './numbers.ts';
import { StepBudget } from './step-budget.ts';
import { kw } from './tokens.ts';

export interface ParseResult {
  ast: SourceFile;
  diagnostics: Diagnostic[];
  preprocessed: PreprocessResult;
}

let shared: VerilogParser | undefined;
/** The parser is built once (grammar analysis is the slow part) and reused. */
function parser(): VerilogParser {
  shared ??= new VerilogParser();
  return shared;
}

/** Warm the parser up (e.g. before timing it). */
export function initParser(): void {
  parser();
}

export function parseVerilog(text: string, file: string, options: PreprocessOptions = {}): ParseResult {
  const sink = new DiagnosticSink();
  const budget = new StepBudget(options.maxSteps);
  const preprocessed = preprocess(text, file, options, sink, budget);
  // Output cut short by the budget would only add syntax errors to the one that says why.
  const ast = budget.exhausted ? { file, descriptions: [] } : parseTokens(preprocessed.tokens, file, sink, budget);
  return { ast, diagnostics: sink.finish(), preprocessed };
}

/**
 * The files of one design, parsed in order: the macros, `default_nettype and `timescale in force
 * at the end of each file carry into the next, as simulators read a file list.
 */
export function parseDesignFiles(sources: readonly { file: string; text: string }[], options: PreprocessOptions = {}): ParseResult[] {
  let carried: CarriedDirectives | undefined;
  return sources.map((s) => {
    const r = parseVerilog(s.text, s.file, { ...options, carried });
    carried = { macros: r.preprocessed.macros, defaultNettype: r.preprocessed.defaultNettype, timescale: r.preprocessed.timescale };
    return r;
  });
}

/** Parses preprocessed tokens; errors go to `sink`. */
export function parseTokens(tokens: VerilogToken[], file: string, sink: DiagnosticSink, budget = new StepBudget()): SourceFile {
  checkNumbers(tokens, sink);
  const p = parser();
  const ast: SourceFile = { file, descriptions: [] };
  let from = 0;
  while (from < tokens.length) {
    // Each restart reads the rest of the file again: counted, so restarts cannot add up without bound.
    if (from > 0 && !budget.tryToSpend(tokens.length - from)) {
      sink.error(tokens[from].file, tokens[from].line, tokens[from].col, budget.exceededMessage());
      break;
    }
    p.input = from === 0 ? tokens : tokens.slice(from);
    p.labelErrors = [];
    let parsed: ReturnType<VerilogParser['sourceText']> = [];
    try {
      parsed = p.sourceText() ?? [];
    } catch (e) {
      // Chevrotain only throws for grammar bugs, never for input; keep the promise of no exceptions.
      sink.error(file, 1, 1, `internal parser error: ${(e as Error).message}`);
      if (process.env.VERILOG_DEBUG) console.error((e as Error).stack);
      break;
    }
    ast.descriptions.push(...parsed.filter((d) => d !== undefined));
    for (const e of p.errors) report(sink, e.token, e.message, tokens, file);
    for (const e of p.labelErrors) report(sink, e.token, e.message, tokens, file);
    if (p.errors.length === 0) break;
    // Parsing stopped early: restart at the next design unit after the last error.
    const last = p.errors[p.errors.length - 1].token;
    const found = tokens.indexOf(last as VerilogToken, from);
    const lastIndex = found < 0 ? tokens.length : found;
    let next = lastIndex + 1;
    while (next < tokens.length && !startsDescription(tokens[next])) next++;
    if (next >= tokens.length || next <= from) break;
    from = next;
  }
  return ast;
}

/** Based literals with digits their base does not have (`4'b102`, `8'hFG`), bad sizes, no digits. */
function checkNumbers(tokens: VerilogToken[], sink: DiagnosticSink): void {
  for (const t of tokens) {
    if (t.kind !== 'number' || !t.image.includes("'")) continue;
    const n = parseVerilogNumber(t.image);
    if (typeof n === 'string') sink.error(t.file, t.line, t.col, n + (t.fromMacro ? ` (in the expansion of \`${t.fromMacro})` : ''));
  }
}

function startsDescription(t: VerilogToken): boolean {
  const type = t.tokenType;
  return type === kw('module') || type === kw('macromodule') || type === kw('primitive') || type === kw('function') || type === kw('task');
}

function report(sink: DiagnosticSink, token: IToken, message: string, tokens: VerilogToken[], file: string): void {
  const t = token as VerilogToken;
  if (t.tokenType === EOF || t.file === undefined) {
    const last = tokens[tokens.length - 1];
    if (last) sink.error(last.file, last.endLine, last.endColumn + 1, message);
    else sink.error(file, 1, 1, message);
    return;
  }
  sink.error(t.file, t.startLine, t.startColumn, message + (t.fromMacro ? ` (in the expansion of \`${t.fromMacro})` : ''));
}
