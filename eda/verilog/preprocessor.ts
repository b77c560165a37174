/**
 * The Verilog preprocessor, working on tokens: `define (with and without arguments), `undef,
 * `ifdef/`ifndef/`elsif/`else/`endif, `include with search paths, `timescale,
 * `default_nettype, `resetall, `celldefine. Every output token keeps the file, line and column it
 * came from (macro expansions take the position of the macro use), which is the source map:
 * diagnostics always point into the original files.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { DiagnosticSink } from './diagnostics.ts';
import { ignoredDirectives, lexVerilog, VerilogToken } from './lexer.ts';
import { StepBudget, StepBudgetExceeded } from './step-budget.ts';
import { NumberLiteral, StringLiteral } from './tokens.ts';

export interface MacroDefinition {
  name: string;
  /** Formal argument names with defaults, or undefined for an object-like macro. */
  params?: { name: string; default?: VerilogToken[] }[];
  body: VerilogToken[];
  /** The body as text, for bodies that paste (``) or stringify (`"): substituted as text, then lexed. */
  bodyText?: string;
  /** The body as written (for ``NAME). */
  source?: string;
}

export interface PreprocessOptions {
  /** Folders searched by `include after the including file's own folder (the working folder is searched last, as iverilog, Yosys and Verilator do). */
  includeDirs?: readonly string[];
  /** Predefined macros (like `+define+NAME=value`). */
  defines?: Readonly<Record<string, string>>;
  /** Reads an included file; defaults to the file system. */
  readFile?: (path: string) => string | undefined;
  /** Bound on the steps of work (tokens read and produced by macro expansion); see step-budget.ts. */
  maxSteps?: number;
  /**
   * The directives in force at the end of the files read before this one in the same design:
   * macros, `default_nettype and `timescale carry over from file to file (IEEE 1364-2005 19.1, 19.2,
   * 19.8), as every simulator reads a file list. The macros replace `defines`, which they include.
   */
  carried?: CarriedDirectives;
}

export interface CarriedDirectives {
  macros: ReadonlyMap<string, MacroDefinition>;
  defaultNettype?: string;
  timescale?: string;
}

export interface PreprocessResult {
  tokens: VerilogToken[];
  macros: Map<string, MacroDefinition>;
  /** The last `timescale and `default_nettype seen (raw text). */
  timescale?: string;
  defaultNettype?: string;
  /** Every file read, the top file first. */
  files: string[];
}

/** The net types `default_nettype accepts (IEEE 1364-2005 19.2). */
const nettypes = new Set(['wire', 'tri', 'tri0', 'tri1', 'wand', 'triand', 'wor', 'trior', 'trireg', 'uwire', 'none']);
const timeUnit = /^\s*(1|10|100)\s*(s|ms|us|ns|ps|fs)\s*$/;
const unitExponent: Record<string, number> = { s: 0, ms: -3, us: -6, ns: -9, ps: -12, fs: -15 };

/** The message for a bad `timescale argument, or undefined when it is well formed. */
function timescaleProblem(payload: string): string | undefined {
  const parts = payload.split('/');
  const [unit, precision] = parts.map((p) => timeUnit.exec(p));
  if (parts.length !== 2 || !unit || !precision) return `\`timescale needs 'unit / precision' with 1, 10 or 100 and s, ms, us, ns, ps or fs (found '${payload.trim()}')`;
  const exponent = (m: RegExpExecArray) => unitExponent[m[2]] + Math.log10(Number(m[1]));
  if (exponent(precision) > exponent(unit)) return `\`timescale precision ${precision[0].trim()} is coarser than its unit ${unit[0].trim()}`;
  return undefined;
}

const maxExpansionDepth = 64;
const maxIncludeDepth = 32;

export function preprocess(text: string, file: string, options: PreprocessOptions = {}, sink = new DiagnosticSink(), budget = new StepBudget(options.maxSteps)): PreprocessResult {
  const macros = new Map<string, MacroDefinition>(options.carried?.macros ?? []);
  if (!options.carried) {
    for (const [name, value] of Object.entries(options.defines ?? {})) {
      macros.set(name, { name, body: lexVerilog(value, '<command line>', { sink }).tokens });
    }
  }
  const out: VerilogToken[] = [];
  const result: PreprocessResult = { tokens: out, macros, files: [file], timescale: options.carried?.timescale, defaultNettype: options.carried?.defaultNettype };
  const readFile = options.readFile ?? readFileIfPresent;
  /** Each entry: is this branch active, has any branch of this `if` group been taken, was `else seen. */
  const conditions: { active: boolean; taken: boolean; sawElse: boolean; tok: VerilogToken }[] = [];
  const active = () => conditions.length === 0 || conditions[conditions.length - 1].active;
  const diag = (t: VerilogToken, message: string) => sink.error(t.file, t.line, t.col, message);
  const warn = (t: VerilogToken, message: string) => sink.warning(t.file, t.line, t.col, message);
  /** The `default_nettype in effect, stamped on each design unit's keyword token for the parser. */
  let nettype: string | undefined = result.defaultNettype === 'wire' ? undefined : result.defaultNettype;

  try {
    run(lexVerilog(text, file, { sink }).tokens, 0);
  } catch (err) {
    if (!(err instanceof StepBudgetExceeded)) throw err;
    sink.error(err.site?.file ?? file, err.site?.line ?? 1, err.site?.col ?? 1, err.message);
    conditions.length = 0;
  }
  for (const c of conditions) diag(c.tok, `${c.tok.image} has no matching \`endif`);
  result.tokens = joinMacroNumbers(out);
  return result;

  function run(tokens: VerilogToken[], includeDepth: number): void {
    budget.spend(tokens.length, tokens[0]);
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i++];
      if (t.kind === 'directive') {
        i = directive(t, tokens, i, includeDepth);
        continue;
      }
      if (!active()) continue;
      if (t.kind === 'macro') {
        const expanded: VerilogToken[] = [];
        i = expandInto(expanded, t, tokens, i, 0);
        // Directives a macro body holds (`` `ifdef `` ... `` `endif ``) act where the macro is used, as in all three reference tools.
        if (expanded.some((x) => x.kind === 'directive')) run(expanded, includeDepth);
        else for (const x of expanded) out.push(x);
      } else {
        if (nettype !== undefined && t.kind === 'keyword' && (t.image === 'module' || t.image === 'macromodule')) t.nettype = nettype;
        out.push(t);
      }
    }
  }

  /** Handles one directive at tokens[i-1]; returns the index after its arguments. */
  function directive(t: VerilogToken, tokens: VerilogToken[], i: number, includeDepth: number): number {
    const name = t.image.slice(1);
    const nameArg = (): [string | undefined, number] => {
      const a = tokens[i];
      if (a && a.kind === 'identifier' && a.line === t.line) return [a.image, i + 1];
      diag(t, `${t.image} needs a macro name`);
      return [undefined, i];
    };
    switch (name) {
      case 'ifdef':
      case 'ifndef': {
        const [macro, next] = nameArg();
        const defined = macro !== undefined && macros.has(macro);
        const on = active() && (name === 'ifdef' ? defined : !defined);
        conditions.push({ active: on, taken: on, sawElse: false, tok: t });
        return next;
      }
      case 'elsif': {
        const [macro, next] = nameArg();
        const top = conditions[conditions.length - 1];
        if (!top) { diag(t, '`elsif without `ifdef'); return next; }
        // Every reference tool accepts this (and takes no further branch), so it is only a warning.
        if (top.sawElse) warn(t, '`elsif after `else is never taken');
        const parentActive = conditions.length < 2 || conditions[conditions.length - 2].active;
        top.active = parentActive && !top.taken && macro !== undefined && macros.has(macro);
        top.taken ||= top.active;
        return next;
      }
      case 'else': {
        const top = conditions[conditions.length - 1];
        if (!top) { diag(t, '`else without `ifdef'); return i; }
        if (top.sawElse) warn(t, 'second `else in one `ifdef: it is never taken');
        const parentActive = conditions.length < 2 || conditions[conditions.length - 2].active;
        top.active = parentActive && !top.taken;
        top.taken = true;
        top.sawElse = true;
        return i;
      }
      case 'endif':
        if (conditions.length === 0) diag(t, '`endif without `ifdef');
        else conditions.pop();
        return i;
    }
    if (!active()) return i;
    switch (name) {
      case 'define':
        define(t);
        return i;
      case 'undef': {
        const [macro, next] = nameArg();
        if (macro !== undefined) macros.delete(macro);
        return next;
      }
      case 'undefineall':
        macros.clear();
        return i;
      case 'include':
        return include(t, tokens, i, includeDepth);
      case 'timescale': {
        const problem = timescaleProblem(t.payload ?? '');
        if (problem) diag(t, problem);
        result.timescale = t.payload?.trim();
        return i;
      }
      case 'default_nettype': {
        const value = (t.payload ?? '').trim();
        if (!nettypes.has(value)) diag(t, `\`default_nettype '${value}' is not a net type (use wire, tri, tri0, tri1, wand, triand, wor, trior, trireg, uwire or none)`);
        else {
          result.defaultNettype = value;
          nettype = value === 'wire' ? undefined : value;
        }
        return i;
      }
      case 'resetall':
        result.defaultNettype = undefined;
        result.timescale = undefined;
        nettype = undefined;
        return i;
      default:
        if (ignoredDirectives.has(name)) warn(t, `directive ${t.image} is not part of IEEE 1364-2005 and is ignored`);
        // `celldefine, `endcelldefine, `pragma, `line, `begin_keywords ...: no effect on parsing.
        return i;
    }
  }

  function define(t: VerilogToken): void {
    const payload = t.payload ?? '';
    const m = /^([ \t]*)([A-Za-z_][A-Za-z0-9_$]*)/.exec(payload);
    if (!m) { diag(t, '`define needs a macro name'); return; }
    const name = m[2];
    let rest = m[0].length;
    let params: MacroDefinition['params'];
    if (payload[rest] === '(') {
      const close = payload.indexOf(')', rest);
      if (close < 0) { diag(t, `\`define ${name}: unclosed argument list`); return; }
      params = payload.slice(rest + 1, close).split(',').map((p) => {
        const [formal, dflt] = p.split('=');
        return { name: formal.trim(), default: dflt === undefined ? undefined : lexVerilog(dflt, t.file, { sink }).tokens };
      });
      if (params.length === 1 && params[0].name === '') params = [];
      for (const p of params) if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(p.name)) diag(t, `\`define ${name}: bad argument name '${p.name}'`);
      rest = close + 1;
    }
    const bodyText = payload.slice(rest);
    const source = bodyText.trim();
    if (/``|`"|`\\`"/.test(bodyText)) {
      macros.set(name, { name, params, body: [], bodyText, source });
      return;
    }
    const bodyStartCol = t.col + t.image.length + rest;
    const body = lexVerilog(bodyText, t.file, { startLine: t.line, startCol: bodyStartCol, startOffset: t.endOffset + 1 + rest, sink }).tokens;
    macros.set(name, { name, params, body, source });
  }

  function include(t: VerilogToken, tokens: VerilogToken[], i: number, includeDepth: number): number {
    let a = tokens[i];
    let after = i + 1;
    if (a?.kind === 'macro') {
      // `include `NAME: the macro's expansion is the file name.
      const expanded: VerilogToken[] = [];
      after = expandInto(expanded, a, tokens, i + 1, 0);
      if (expanded.length === 1) a = expanded[0];
    }
    if (!a || a.kind !== 'string') { diag(t, '`include needs a "file name"'); return after - 1; }
    const wanted = a.image.slice(1, -1);
    if (includeDepth >= maxIncludeDepth) { diag(a, `\`include nested more than ${maxIncludeDepth} deep`); return after; }
    const candidates = isAbsolute(wanted) ? [wanted] : [...new Set([join(dirname(t.file), wanted), ...(options.includeDirs ?? []).map((d) => join(d, wanted)), resolve(wanted)])];
    for (const path of candidates) {
      const text = readFile(path);
      if (text === undefined) continue;
      if (!result.files.includes(path)) result.files.push(path);
      run(lexVerilog(text, path, { sink }).tokens, includeDepth + 1);
      return after;
    }
    diag(a, `cannot find include file '${wanted}' (searched ${candidates.join(', ')})`);
    return after;
  }

  /**
   * ``NAME outside a macro body (an Icarus Verilog extension, not IEEE 1364-2005): a string of
   * the macro's text as defined, or of its expansion when it takes arguments; ``directive gives
   * the directive's name.
   */
  function stringifyInto(into: VerilogToken[], use: VerilogToken, tokens: VerilogToken[], i: number, depth: number): number {
    const name = use.image.slice(2);
    warn(use, `\`\`${name} (a string of a macro's text) is an Icarus Verilog extension, not IEEE 1364-2005`);
    const macro = macros.get(name);
    if (!macro?.params) {
      into.push(stringToken(macro ? macro.source ?? '' : `\`${name}`, use));
      return i;
    }
    const plain = new VerilogToken('macro', use.tokenType, `\`${name}`, use.startOffset, use.endOffset, use.line, use.col, use.file);
    const expanded: VerilogToken[] = [];
    const next = expandInto(expanded, plain, tokens, i, depth);
    into.push(stringToken(expanded.map((t) => t.image).join(' '), use));
    return next;
  }

  /** Expands the macro used at `use` (arguments read from tokens[i...]) into `into`; returns the index after the use. */
  function expandInto(into: VerilogToken[], use: VerilogToken, tokens: VerilogToken[], i: number, depth: number): number {
    if (use.image.startsWith('``')) return stringifyInto(into, use, tokens, i, depth);
    const name = use.image.slice(1);
    const macro = macros.get(name);
    if (!macro) {
      const builtin = builtinMacro(name, use);
      if (builtin) into.push(builtin);
      else diag(use, `undefined macro \`${name}`);
      return i;
    }
    if (depth > maxExpansionDepth) { diag(use, `macro \`${name} expands more than ${maxExpansionDepth} levels deep (recursive?)`); return i; }
    let body = macro.body;
    if (macro.params) {
      const read = readArguments(tokens, i);
      if (!read) { diag(use, `macro \`${name} needs (arguments)`); return i; }
      i = read.next;
      if (read.args.length > macro.params.length && !(macro.params.length === 0 && read.args.length === 1 && read.args[0].length === 0)) {
        diag(use, `macro \`${name} takes ${macro.params.length} arguments, got ${read.args.length}`);
      }
      const bound = new Map<string, VerilogToken[]>();
      macro.params.forEach((p, k) => {
        const given = read.args[k];
        const value = given && given.length > 0 ? given : p.default;
        if (value === undefined) diag(use, `macro \`${name}: no value for argument '${p.name}'`);
        bound.set(p.name, value ?? []);
      });
      body = macro.bodyText !== undefined ? body : body.flatMap((b) => (b.kind === 'identifier' && bound.has(b.image) ? bound.get(b.image)! : [b]));
      if (macro.bodyText !== undefined) body = lexVerilog(substituteText(macro.bodyText, bound), use.file, { startLine: use.line, startCol: use.col, sink }).tokens;
    } else if (macro.bodyText !== undefined) {
      body = lexVerilog(substituteText(macro.bodyText, new Map()), use.file, { startLine: use.line, startCol: use.col, sink }).tokens;
    }
    budget.spend(body.length, use);
    const placed = body.map((b) => {
      const c = new VerilogToken(b.kind, b.tokenType, b.image, use.startOffset, use.endOffset, use.line, use.col, use.file);
      c.fromMacro = name;
      c.payload = b.payload;
      c.glued = b.glued;
      return c;
    });
    for (let k = 0; k < placed.length; k++) {
      const b = placed[k];
      if (b.kind === 'macro') k = expandInto(into, b, placed, k + 1, depth + 1) - 1;
      else into.push(b); // a directive is run where the expansion is read
    }
    return i;
  }
}

/** A string token holding `text`, at the place of `use`. */
function stringToken(text: string, use: VerilogToken): VerilogToken {
  const image = `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
  return new VerilogToken('string', StringLiteral, image, use.startOffset, use.endOffset, use.line, use.col, use.file);
}

/** `__FILE__ and `__LINE__ (SystemVerilog, also accepted by iverilog and Verilator) at the use site. */
function builtinMacro(name: string, use: VerilogToken): VerilogToken | undefined {
  if (name === '__FILE__') {
    const text = JSON.stringify(use.file);
    return new VerilogToken('string', StringLiteral, text, use.startOffset, use.endOffset, use.line, use.col, use.file);
  }
  if (name === '__LINE__') return new VerilogToken('number', NumberLiteral, String(use.line), use.startOffset, use.endOffset, use.line, use.col, use.file);
  return undefined;
}

/**
 * A macro body with `` (paste) and `" (stringify) as text: formal arguments replaced by the
 * actual arguments' tokens (not inside plain string literals), `` removed, `" made a quote and
 * `\`" an escaped quote.
 */
/** An argument's tokens as written: a space only where the source had space between them (`a.vh`, not `a . vh`). */
function argumentText(tokens: readonly VerilogToken[]): string {
  return tokens.map((t, k) => (k > 0 && !(t.file === tokens[k - 1].file && t.startOffset === tokens[k - 1].endOffset + 1) ? ' ' : '') + t.image).join('');
}

function substituteText(body: string, bound: ReadonlyMap<string, VerilogToken[]>): string {
  let out = '';
  let k = 0;
  while (k < body.length) {
    const c = body[k];
    if (body.startsWith('``', k)) { k += 2; continue; }
    if (body.startsWith('`\\`"', k)) { out += '\\"'; k += 4; continue; }
    if (body.startsWith('`"', k)) { out += '"'; k += 2; continue; }
    if (c === '"') {
      // A plain string literal: copied as it is.
      let e = k + 1;
      while (e < body.length && body[e] !== '"') e += body[e] === '\\' ? 2 : 1;
      out += body.slice(k, e + 1);
      k = e + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(body.slice(k, k + 256));
    // A word right after `` is pasted, so it may be an argument; after a single ` it is a macro name.
    if (word && (k === 0 || !/[A-Za-z0-9_$`\\]/.test(body[k - 1]) || body.startsWith('``', k - 2))) {
      const arg = bound.get(word[0]);
      out += arg ? argumentText(arg) : word[0];
      k += word[0].length;
      continue;
    }
    out += c;
    k++;
  }
  return out;
}

function readFileIfPresent(path: string): string | undefined {
  try {
    return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined; // unreadable: reported as not found
  }
}

/** Reads `( a, b(c,d), {e,f} )` after a macro use: the arguments as token lists split at top-level commas. */
function readArguments(tokens: VerilogToken[], i: number): { args: VerilogToken[][]; next: number } | undefined {
  if (tokens[i]?.image !== '(') return undefined;
  const args: VerilogToken[][] = [[]];
  let depth = 0;
  for (let k = i + 1; k < tokens.length; k++) {
    const t = tokens[k];
    const img = t.image;
    if (img === '(' || img === '[' || img === '{' || img === '(*') depth++;
    else if (img === ']' || img === '}' || img === '*)') depth--;
    else if (img === ')') {
      if (depth === 0) return { args, next: k + 1 };
      depth--;
    } else if (img === ',' && depth === 0) { args.push([]); continue; }
    args[args.length - 1].push(t);
  }
  return undefined;
}

/**
 * Rejoins literals split by a macro: `` `W'b0 `` (size from a macro) and `` 1'd`V `` (value from a
 * macro) lex as two tokens; when one side came from a macro they form one number.
 */
function joinMacroNumbers(tokens: VerilogToken[]): VerilogToken[] {
  const out: VerilogToken[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (prev && (prev.fromMacro !== undefined || t.fromMacro !== undefined) && prev.kind === 'number') {
      const sizeThenBase = /^\d[\d_]*$/.test(prev.image) && t.kind === 'number' && t.image.startsWith("'");
      const baseThenDigits = /'[sS]?[bodhBODH]$/.test(prev.image) && (t.kind === 'number' || t.kind === 'identifier') && /^[0-9a-fA-FxXzZ?_]+$/.test(t.image);
      if (sizeThenBase || baseThenDigits) {
        const joined = new VerilogToken('number', prev.tokenType, prev.image + t.image, prev.startOffset, t.endOffset, prev.line, prev.col, prev.file);
        joined.fromMacro = prev.fromMacro ?? t.fromMacro;
        out[out.length - 1] = joined;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}
