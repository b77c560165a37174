/**
 * A hand-written Verilog scanner. It never throws: bad characters, unterminated strings and
 * comments become diagnostics and scanning goes on. Tokens carry chevrotain's fields so the
 * parser can consume them directly, plus a coarse `kind` and the file for consumers of the bare
 * token stream.
 */
import type { IToken, TokenType } from 'chevrotain';
import { DiagnosticSink, type Diagnostic } from './diagnostics.ts';
import {
  Directive, Identifier, MacroUse, SvProcessKeyword, svProcessWords, NumberLiteral, RealLiteral, StringLiteral, SystemIdentifier,
  keywordTypes, operatorTypes, type TokenKind,
} from './tokens.ts';

export class VerilogToken implements IToken {
  endLine: number;
  endColumn: number;
  /** For directives that take the rest of the line (`define, `timescale ...): that text. */
  payload?: string;
  /** Set on tokens that come from a macro expansion: the macro's name. */
  fromMacro?: string;
  /** On `module` keywords: the `default_nettype in effect there, when it is not `wire`. */
  nettype?: string;
  /** No white space or comment between this token and the one before it (`++` is two glued `+`). */
  glued?: boolean;

  constructor(
    readonly kind: TokenKind,
    public tokenType: TokenType,
    readonly image: string,
    readonly startOffset: number,
    readonly endOffset: number,
    readonly startLine: number,
    readonly startColumn: number,
    readonly file: string,
  ) {
    this.endLine = startLine;
    this.endColumn = startColumn + image.length - 1;
  }

  get tokenTypeIdx(): number {
    return this.tokenType.tokenTypeIdx!;
  }

  /** Aliases with the plain names the lexer API promises. */
  get offset(): number { return this.startOffset; }
  get line(): number { return this.startLine; }
  get col(): number { return this.startColumn; }
}

export interface LexResult {
  tokens: VerilogToken[];
  diagnostics: Diagnostic[];
}

export interface LexOptions {
  /** Position of `text` inside its file (for macro bodies lexed on their own). */
  startLine?: number;
  startCol?: number;
  startOffset?: number;
  sink?: DiagnosticSink;
}

/** Directives whose argument is the rest of the line, kept raw in `payload`. */
const lineDirectives = new Set([
  'define', 'timescale', 'default_nettype', 'line', 'pragma', 'begin_keywords', 'unconnected_drive', 'uselib',
  'default_decay_time', 'default_trireg_strength',
]);

const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isIdentChar = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
const isBaseChar = (c: number) => c === 98 || c === 66 || c === 111 || c === 79 || c === 100 || c === 68 || c === 104 || c === 72;
const isBasedDigit = (c: number) =>
  isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 120 || c === 88 || c === 122 || c === 90 || c === 63 || c === 95;

/** Scans `text` into tokens; comments and whitespace are dropped. */
export function lexVerilog(text: string, file: string, options: LexOptions = {}): LexResult {
  const sink = options.sink ?? new DiagnosticSink();
  const tokens: VerilogToken[] = [];
  const base = options.startOffset ?? 0;
  let line = options.startLine ?? 1;
  // Column of text[i] is i - lineStart + 1; a start column other than 1 shifts the first line.
  let lineStart = 1 - (options.startCol ?? 1);
  let i = 0;
  let attributeDepth = 0;
  const n = text.length;
  let lastEnd = -1;

  const push = (kind: TokenKind, type: TokenType, start: number, end: number, sLine: number, sCol: number): VerilogToken => {
    const t = new VerilogToken(kind, type, text.slice(start, end), base + start, base + end - 1, sLine, sCol, file);
    if (start === lastEnd) t.glued = true;
    lastEnd = end;
    tokens.push(t);
    return t;
  };
  const error = (at: number, atLine: number, atLineStart: number, message: string) =>
    sink.error(file, atLine, at - atLineStart + 1, message);
  /** Advances over text[from, to) counting newlines. */
  const skipTo = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) { line++; lineStart = k + 1; }
    return to;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; i++; lineStart = i; continue; }
    if (isSpace(c)) { i++; continue; }
    const startLine = line;
    const col = i - lineStart + 1;
    const start = i;
    if (c === 47 /* / */) {
      const d = text.charCodeAt(i + 1);
      if (d === 47) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? n : nl;
        continue;
      }
      if (d === 42) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) {
          error(start, startLine, lineStart, 'unterminated block comment');
          i = skipTo(i, n);
        } else i = skipTo(i, close + 2);
        continue;
      }
    }
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentChar(text.charCodeAt(i))) i++;
      const kwType = keywordTypes.get(text.slice(start, i));
      if (kwType) push('keyword', kwType, start, i, startLine, col);
      else if (c === 97 && svProcessWords.has(text.slice(start, i))) push('identifier', SvProcessKeyword, start, i, startLine, col);
      else push('identifier', Identifier, start, i, startLine, col);
      continue;
    }
    if (isDigit(c)) {
      i = scanNumber(start, startLine, col);
      continue;
    }
    if (c === 39 /* ' */) {
      const end = scanBased(i);
      if (end > 0) { i = end; push('number', NumberLiteral, start, i, startLine, col); continue; }
    }
    if (c === 92 /* \ */) {
      i++;
      while (i < n && !isSpace(text.charCodeAt(i))) i++;
      if (i === start + 1) error(start, startLine, lineStart, 'empty escaped identifier');
      else push('escaped-identifier', Identifier, start, i, startLine, col);
      continue;
    }
    if (c === 36 /* $ */) {
      i++;
      while (i < n && isIdentChar(text.charCodeAt(i))) i++;
      if (i === start + 1) {
        // `[$]`, `[$:N]`: a SystemVerilog queue (or `$` as the last index), which Verilog-2005 lacks.
        const queue = start > 0 && text.charCodeAt(start - 1) === 91 /* [ */ && (text.charCodeAt(i) === 93 /* ] */ || text.charCodeAt(i) === 58 /* : */);
        error(start, startLine, lineStart, queue ? "'[$]' is a SystemVerilog queue dimension (IEEE 1800-2017 7.10): Verilog-2005 has no queues (iverilog -g2005 and Yosys refuse them too)" : "'$' must start a system task or function name");
      }
      else push('system-identifier', SystemIdentifier, start, i, startLine, col);
      continue;
    }
    if (c === 34 /* " */) {
      i++;
      let closed = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) { i += 2; continue; }
        if (d === 10) break;
        i++;
        if (d === 34) { closed = true; break; }
      }
      if (i > n) i = n;
      if (!closed) error(start, startLine, lineStart, 'unterminated string literal');
      push('string', StringLiteral, start, i, startLine, col);
      continue;
    }
    if (c === 96 /* ` */) {
      if (text.charCodeAt(i + 1) === 96 && isIdentStart(text.charCodeAt(i + 2))) {
        // ``NAME outside a macro body: Icarus Verilog's stringified macro (a string of NAME's text).
        i += 2;
        while (i < n && isIdentChar(text.charCodeAt(i))) i++;
        push('macro', MacroUse, start, i, startLine, col);
        continue;
      }
      i++;
      while (i < n && isIdentChar(text.charCodeAt(i))) i++;
      const name = text.slice(start + 1, i);
      if (name === '') { error(start, startLine, lineStart, "'`' must start a compiler directive or macro name"); continue; }
      if (isDirectiveName(name)) {
        const t = push('directive', Directive, start, i, startLine, col);
        if (lineDirectives.has(name)) i = capturePayload(t, i);
      } else push('macro', MacroUse, start, i, startLine, col);
      continue;
    }
    const opEnd = matchOperator(i);
    if (opEnd > 0) {
      const image = text.slice(i, opEnd);
      i = opEnd;
      push('operator', operatorTypes.get(image)!, start, i, startLine, col);
      continue;
    }
    error(start, startLine, lineStart, `unexpected character ${JSON.stringify(text[i])}`);
    i++;
  }
  return { tokens, diagnostics: options.sink ? sink.list : sink.finish() };

  function scanNumber(start: number, sLine: number, col: number): number {
    let j = start;
    while (j < n && (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 95)) j++;
    // A size followed by a base: 8'hFF, 4 'b1010.
    let k = j;
    while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    // `#1 'h1` is a delay and an unsized number, as every simulator reads it, not a sized `1'h1`.
    const afterDelay = k > j && tokens.length > 0 && tokens[tokens.length - 1].image === '#';
    if (text.charCodeAt(k) === 39 && !afterDelay) {
      const end = scanBased(k);
      if (end > 0) { push('number', NumberLiteral, start, end, sLine, col); return end; }
    }
    let real = false;
    if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
      real = true;
      j += 2;
      while (j < n && (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 95)) j++;
    }
    const e = text.charCodeAt(j);
    if (e === 101 || e === 69) {
      let m = j + 1;
      if (text.charCodeAt(m) === 43 || text.charCodeAt(m) === 45) m++;
      if (isDigit(text.charCodeAt(m))) {
        real = true;
        j = m;
        while (j < n && (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 95)) j++;
      }
    }
    push(real ? 'real' : 'number', real ? RealLiteral : NumberLiteral, start, j, sLine, col);
    return j;
  }

  /** At a quote: the end of a based literal ('hFF, 'sb1, '0), or 0 when it is not one. */
  function scanBased(q: number): number {
    let j = q + 1;
    let c = text.charCodeAt(j);
    if (c === 115 || c === 83) c = text.charCodeAt(++j);
    if (!isBaseChar(c)) {
      // SystemVerilog unbased fill literals '0 '1 'x 'z.
      if (j === q + 1 && (c === 48 || c === 49 || c === 120 || c === 88 || c === 122 || c === 90) && !isIdentChar(text.charCodeAt(j + 1))) return j + 1;
      return 0;
    }
    j++;
    let k = j;
    while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    if (!isBasedDigit(text.charCodeAt(k))) return j; // the parser reports the missing digits
    while (k < n && isBasedDigit(text.charCodeAt(k))) k++;
    return k;
  }

  function matchOperator(at: number): number {
    const c0 = text[at];
    const c1 = text[at + 1];
    if (c0 === '(' && c1 === '*') {
      // `@(*)` is an event control, not an attribute.
      let k = at + 2;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      if (text[k] === ')') return at + 1;
      attributeDepth++;
      return at + 2;
    }
    if (c0 === '*' && c1 === ')') {
      if (attributeDepth > 0) { attributeDepth--; return at + 2; }
      return at + 1;
    }
    const three = text.slice(at, at + 3);
    if (operatorTypes.has(three) && three.length === 3) return at + 3;
    const two = c0 + (c1 ?? '');
    if (two.length === 2 && operatorTypes.has(two)) return at + 2;
    return operatorTypes.has(c0) ? at + 1 : 0;
  }

  /** Takes the rest of the line (with backslash-newline continuations) as the directive's payload. */
  function capturePayload(t: VerilogToken, from: number): number {
    let j = from;
    let body = '';
    let segStart = j;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 10) break;
      if (d === 92 && (text.charCodeAt(j + 1) === 10 || (text.charCodeAt(j + 1) === 13 && text.charCodeAt(j + 2) === 10))) {
        body += `${text.slice(segStart, j)}\n`;
        j += text.charCodeAt(j + 1) === 13 ? 3 : 2;
        line++;
        lineStart = j;
        segStart = j;
        continue;
      }
      if (d === 47 && text.charCodeAt(j + 1) === 47) {
        // A line comment ends the directive, but a continuation may still follow it.
        const nl = text.indexOf('\n', j);
        const lineEnd = nl < 0 ? n : nl;
        const cont = text.charCodeAt(lineEnd - 1) === 92 || (text.charCodeAt(lineEnd - 1) === 13 && text.charCodeAt(lineEnd - 2) === 92);
        body += text.slice(segStart, j);
        if (!cont || nl < 0) { j = lineEnd; segStart = j; break; }
        body += '\n';
        j = nl + 1;
        line++;
        lineStart = j;
        segStart = j;
        continue;
      }
      if (d === 47 && text.charCodeAt(j + 1) === 42) {
        const close = text.indexOf('*/', j + 2);
        const end = close < 0 ? n : close + 2;
        body += text.slice(segStart, j);
        j = skipTo(j, end);
        segStart = j;
        continue;
      }
      j++;
    }
    body += text.slice(segStart, j);
    t.payload = body.replace(/\r$/, '');
    return j;
  }
}

const directiveNames = new Set([
  'define', 'undef', 'undefineall', 'ifdef', 'ifndef', 'elsif', 'else', 'endif', 'include', 'timescale',
  'default_nettype', 'resetall', 'celldefine', 'endcelldefine', 'line', 'pragma', 'begin_keywords', 'end_keywords',
  'unconnected_drive', 'nounconnected_drive',
]);

/**
 * Directives outside IEEE 1364-2005 that simulators accept and ignore (Annex E's optional ones,
 * Verilog-XL's, and source protection): the preprocessor warns and skips them.
 */
export const ignoredDirectives = new Set([
  'protect', 'endprotect', 'protected', 'endprotected', 'accelerate', 'noaccelerate', 'autoexpand_vectornets',
  'expand_vectornets', 'noexpand_vectornets', 'default_decay_time', 'default_trireg_strength', 'delay_mode_distributed',
  'delay_mode_path', 'delay_mode_unit', 'delay_mode_zero', 'disable_portfaults', 'enable_portfaults', 'nosuppress_faults',
  'suppress_faults', 'remove_gatenames', 'noremove_gatenames', 'remove_netnames', 'noremove_netnames', 'uselib',
]);

export function isDirectiveName(name: string): boolean {
  return directiveNames.has(name) || ignoredDirectives.has(name);
}
