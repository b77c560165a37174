/**
 * A pull scanner for the netlist fast path: one token at a time, no token objects, so a
 * 20 MB netlist costs little more than the names it keeps. Escaped identifiers lose their
 * backslash (`\a[0] ` is the name `a[0]`), as the standard says they are the same name.
 */
import type { DiagnosticSink } from './diagnostics.ts';

export const enum Tok { Eof, Ident, Number, Op, String, System, Directive }

const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isIdentChar = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
const isBasedDigit = (c: number) =>
  isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 120 || c === 88 || c === 122 || c === 90 || c === 63 || c === 95;

const threeCharOps = ['<<<', '>>>', '===', '!=='];
const twoCharOps = ['**', '&&', '||', '==', '!=', '<=', '>=', '<<', '>>', '~&', '~|', '~^', '^~', '(*', '*)', '+:', '-:'];
// Operator pairs by character codes (first * 128 + second), so the scanner takes no substrings to find them.
const code2 = (op: string) => op.charCodeAt(0) * 128 + op.charCodeAt(1);
const twoCharCodes = new Set(twoCharOps.map(code2));
const threeCharCodes = new Set(threeCharOps.map((op) => code2(op) * 128 + op.charCodeAt(2)));

/** Length (1-3) of the operator starting with the characters c, d, e (NaN past the end). */
function opLength(c: number, d: number, e: number): number {
  if (!(d < 128)) return 1;
  const two = c * 128 + d;
  if (e < 128 && threeCharCodes.has(two * 128 + e)) return 3;
  return twoCharCodes.has(two) ? 2 : 1;
}

export class NetlistScanner {
  pos = 0;
  line = 1;
  private lineStart = 0;
  kind: Tok = Tok.Eof;
  /** The token's text (identifiers without the escaping backslash). */
  text = '';
  escaped = false;
  tokLine = 1;
  tokCol = 1;

  constructor(readonly src: string, readonly file: string, private readonly sink: DiagnosticSink) {
    this.next();
  }

  error(message: string, line = this.tokLine, col = this.tokCol): void {
    this.sink.error(this.file, line, col, message);
  }

  atEnd(): boolean {
    return this.kind === Tok.Eof;
  }

  is(text: string): boolean {
    return (this.kind === Tok.Op || (this.kind === Tok.Ident && !this.escaped)) && this.text === text;
  }

  next(): void {
    const s = this.src;
    const n = s.length;
    let i = this.pos;
    for (;;) {
      while (i < n) {
        const c = s.charCodeAt(i);
        if (c === 10) { this.line++; this.lineStart = i + 1; i++; } else if (isSpace(c)) i++; else break;
      }
      if (i < n && s.charCodeAt(i) === 47) {
        const d = s.charCodeAt(i + 1);
        if (d === 47) { const nl = s.indexOf('\n', i); i = nl < 0 ? n : nl; continue; }
        if (d === 42) {
          const close = s.indexOf('*/', i + 2);
          const end = close < 0 ? n : close + 2;
          if (close < 0) this.sink.error(this.file, this.line, i - this.lineStart + 1, 'unterminated block comment');
          for (let k = i; k < end; k++) if (s.charCodeAt(k) === 10) { this.line++; this.lineStart = k + 1; }
          i = end;
          continue;
        }
      }
      break;
    }
    this.tokLine = this.line;
    this.tokCol = i - this.lineStart + 1;
    this.escaped = false;
    if (i >= n) { this.kind = Tok.Eof; this.text = ''; this.pos = n; return; }
    const start = i;
    const c = s.charCodeAt(i);
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentChar(s.charCodeAt(i))) i++;
      this.kind = Tok.Ident;
      this.text = s.slice(start, i);
    } else if (c === 92) {
      i++;
      while (i < n && !isSpace(s.charCodeAt(i))) i++;
      this.kind = Tok.Ident;
      this.escaped = true;
      this.text = s.slice(start + 1, i);
    } else if (isDigit(c) || (c === 39 && i + 1 < n)) {
      i = this.scanNumber(i);
      this.kind = Tok.Number;
      this.text = s.slice(start, i);
    } else if (c === 36 || c === 96) {
      i++;
      while (i < n && isIdentChar(s.charCodeAt(i))) i++;
      this.kind = c === 36 ? Tok.System : Tok.Directive;
      this.text = s.slice(start, i);
    } else if (c === 34) {
      i++;
      while (i < n && s.charCodeAt(i) !== 34 && s.charCodeAt(i) !== 10) i += s.charCodeAt(i) === 92 ? 2 : 1;
      if (s.charCodeAt(i) === 34) i++;
      else this.sink.error(this.file, this.tokLine, this.tokCol, 'unterminated string literal');
      this.kind = Tok.String;
      this.text = s.slice(start, Math.min(i, n));
    } else {
      this.kind = Tok.Op;
      i += opLength(c, s.charCodeAt(i + 1), s.charCodeAt(i + 2));
      this.text = s.slice(start, i);
    }
    this.pos = Math.min(i, n);
  }

  /** Skips the rest of the current line (for directives like `timescale). */
  skipLine(): void {
    const nl = this.src.indexOf('\n', this.pos);
    this.pos = nl < 0 ? this.src.length : nl;
    this.next();
  }

  private scanNumber(start: number): number {
    const s = this.src;
    const n = s.length;
    let i = start;
    while (i < n && (isDigit(s.charCodeAt(i)) || s.charCodeAt(i) === 95)) i++;
    let k = i;
    while (k < n && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9)) k++;
    if (s.charCodeAt(k) !== 39) {
      if (s.charCodeAt(i) === 46 && isDigit(s.charCodeAt(i + 1))) {
        i += 2;
        while (i < n && isDigit(s.charCodeAt(i))) i++;
      }
      return i;
    }
    k++;
    if (s.charCodeAt(k) === 115 || s.charCodeAt(k) === 83) k++;
    k++; // the base letter; a wrong one is reported when the literal is decoded
    while (k < n && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9)) k++;
    while (k < n && isBasedDigit(s.charCodeAt(k))) k++;
    return Math.min(k, n);
  }
}
