import { UserError } from '../../../util/index.ts';

/**
 * A Liberty tokenizer that keeps only the current token (kind, offsets, line, column) instead of
 * allocating one object per token: Liberty files are large (12.8 MB for sky130) and regular, and
 * the parser needs one token of lookahead. Its tokens, lines and columns are those of a
 * chevrotain lexer with these rules, first match wins: whitespace `[ \t\r\n]+`, a line
 * continuation `\` + newline, block and line comments (all skipped), a string
 * `"(?:[^"\\]|\\[\s\S])*"`, the punctuation `( ) { } : ; ,`, and a word `[^\s(){}:;,"\\]+`
 * starting with a letter, digit or one of `_.-+!*\/[]<>=&|^~$#@'%?`. Line breaks are `\n`, `\r\n`
 * and a lone `\r`, counted in whitespace, comments' text excepted for `//` comments, and strings.
 * A character no rule takes is an error at its position, reported before any syntax error that
 * follows it in the file would have been, as when the whole file is lexed first.
 */
export const enum Tok { Word, String, LParen, RParen, LBrace, RBrace, Colon, Semi, Comma, End }

const tokNames = ['Word', 'String', 'LParen', 'RParen', 'LBrace', 'RBrace', 'Colon', 'Semi', 'Comma', 'end of file'];

const punctuation = new Int8Array(128).fill(-1);
punctuation[40] = Tok.LParen;
punctuation[41] = Tok.RParen;
punctuation[123] = Tok.LBrace;
punctuation[125] = Tok.RBrace;
punctuation[58] = Tok.Colon;
punctuation[59] = Tok.Semi;
punctuation[44] = Tok.Comma;

/** ASCII characters a word may start with (1) or continue with (1 or 2). */
const wordChar = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-+!*/[]<>=&|^~$#@\'%?') wordChar[c.charCodeAt(0)] = 1;
for (let c = 0; c < 128; c++) {
  if (wordChar[c] === 0 && !/[\s(){}:;,"\\]/.test(String.fromCharCode(c))) wordChar[c] = 2;
}
const whitespaceOutsideAscii = /\s/;

function continuesWord(c: number): boolean {
  return c < 128 ? wordChar[c] !== 0 : !whitespaceOutsideAscii.test(String.fromCharCode(c));
}

/**
 * Every loop of the scanner moves forward through the text; one that stops moving (a bug) fails
 * here at once instead of spinning for good, so a test of a broken scanner fails rather than hangs.
 */
function stalled(noProgress: boolean, what: string, offset: number): void {
  if (noProgress) throw new Error(`Liberty scanner: the ${what} made no progress at offset ${offset}`);
}

export class LibertyScanner {
  /** The current (next unconsumed) token. */
  kind: Tok = Tok.End;
  start = 0;
  end = 0;
  line = 1;
  col = 1;
  private pos = 0;
  private curLine = 1;
  private lineStart = 0;
  private readonly endLine: number;
  /** Files without `\r` count lines by `indexOf`; these cache the next `\n` and `\\` (-1 >>> 0 when none). */
  private readonly hasCarriageReturn: boolean;
  private nextLineFeed = -1;
  private nextBackslash = -1;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    this.endLine = lines;
    this.hasCarriageReturn = text.indexOf('\r') >= 0;
    this.advance();
  }

  /** Whether the current token has this kind (a call, so that checks after an advance do not narrow). */
  is(kind: Tok): boolean {
    return this.kind === kind;
  }

  /** The current token's text (a string keeps its quotes). */
  image(): string {
    return this.text.slice(this.start, this.end);
  }

  /** The current token's value: a string without its quotes and line continuations. */
  value(): string {
    if (this.kind !== Tok.String) return this.text.slice(this.start, this.end);
    const s = this.text.slice(this.start + 1, this.end - 1);
    return s.indexOf('\\') < 0 ? s : s.replace(/\\\r?\n/g, '');
  }

  /** Moves to the next token. */
  advance(): void {
    const text = this.text;
    const n = text.length;
    let i = this.pos;
    for (;;) {
      if (i >= n) {
        this.pos = i;
        this.kind = Tok.End;
        return;
      }
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) i++;
      else if (c === 10 || c === 13) i = this.newline(i);
      else if (c === 92 && (text.charCodeAt(i + 1) === 10 || (text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10))) i = this.newline(i + 1);
      else if (c === 47 && text.charCodeAt(i + 1) === 42 && text.indexOf('*/', i + 2) >= 0) {
        const close = text.indexOf('*/', i + 2);
        this.countLines(i + 2, close);
        i = close + 2;
      } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
        const nl = text.indexOf('\n', i + 2);
        i = nl < 0 ? n : nl;
      } else break;
    }
    this.start = i;
    this.line = this.curLine;
    this.col = i - this.lineStart + 1;
    const c = text.charCodeAt(i);
    if (c === 34) {
      const j = this.closingQuote(i + 1);
      if (j < n) {
        this.countLines(i + 1, j);
        this.kind = Tok.String;
        this.pos = this.end = j + 1;
        return;
      }
    } else if (c < 128 && punctuation[c]! >= 0) {
      this.kind = punctuation[c]!;
      this.pos = this.end = i + 1;
      return;
    } else if (c < 128 && wordChar[c] === 1) {
      let j = i + 1;
      while (j < n && continuesWord(text.charCodeAt(j))) j++;
      this.kind = Tok.Word;
      this.pos = this.end = j;
      return;
    }
    throw new UserError(
      `Liberty: unexpected character ${JSON.stringify(text.substr(i, 1))}`,
      { file: this.file, line: this.line, col: this.col },
      'check the Liberty syntax near this position',
    );
  }

  /** Steps over the line break at `i` (`\n`, `\r\n` or `\r`), returning the offset after it. */
  private newline(i: number): number {
    const next = this.text.charCodeAt(i) === 13 && this.text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    stalled(next <= i, 'line break', i);
    this.curLine++;
    this.lineStart = next;
    return next;
  }

  /** The offset of the `"` closing a string whose text starts at `from` (the text's length if none). */
  private closingQuote(from: number): number {
    const text = this.text;
    for (let j = from; ;) {
      const quote = text.indexOf('"', j);
      if (quote < 0) return text.length;
      if (this.nextBackslash < j) this.nextBackslash = text.indexOf('\\', j) >>> 0;
      if (this.nextBackslash > quote) return quote;
      stalled(this.nextBackslash + 2 <= j, 'string', j);
      j = this.nextBackslash + 2;
    }
  }

  /** Counts the line breaks in [from, to). */
  private countLines(from: number, to: number): void {
    const text = this.text;
    if (!this.hasCarriageReturn) {
      if (this.nextLineFeed < from) this.nextLineFeed = text.indexOf('\n', from) >>> 0;
      while (this.nextLineFeed < to) {
        const at = this.nextLineFeed;
        this.curLine++;
        this.lineStart = at + 1;
        this.nextLineFeed = text.indexOf('\n', this.lineStart) >>> 0;
        stalled(this.nextLineFeed <= at, 'line count', at);
      }
      return;
    }
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        this.curLine++;
        this.lineStart = i + 1;
      }
    }
  }

  /**
   * A syntax error at the current token, naming what was found there. A lexical error later in
   * the file wins, as it would if the file were lexed before parsing.
   */
  error(message: string, fix?: string): UserError {
    const at = { kind: this.kind, image: this.image(), line: this.line, col: this.col };
    while (this.kind !== Tok.End) {
      const pos = this.pos;
      this.advance();
      stalled(this.pos <= pos && !this.is(Tok.End), 'scan to the end', pos);
    }
    if (at.kind === Tok.End) return new UserError(message, { file: this.file, line: this.endLine, col: 1 }, fix);
    const found = at.image.length > 40 ? `${at.image.slice(0, 40)}...` : at.image;
    return new UserError(`${message}, found ${JSON.stringify(found)}`, { file: this.file, line: at.line, col: at.col }, fix);
  }

  /** Fails unless the current token has this kind; `what` names it (default: the token's name). */
  expect(kind: Tok, what: string = tokNames[kind]!): void {
    if (this.kind !== kind) throw this.error(`expected ${what}`);
  }

  /** Fails at the end of the file: `unexpected end of file, expected ${what}`. */
  notEnd(what: string): void {
    if (this.kind === Tok.End) throw this.error(`unexpected end of file, expected ${what}`);
  }
}
