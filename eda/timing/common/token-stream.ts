import type { IToken, Lexer } from 'chevrotain';
import { UserError } from '../../../util/index.ts';

/**
 * A cursor over chevrotain tokens for the hand-written recursive-descent readers. The formats
 * here (LEF, DEF, SDF, SPEF) are large and regular; descending by hand over chevrotain's lexer
 * output is several times faster than a full chevrotain grammar, and still reports every error
 * at file:line:col. (Liberty, the largest, has its own scanner without token objects.)
 */
export class TokenStream {
  private pos = 0;

  constructor(
    readonly tokens: IToken[],
    readonly file: string,
    private readonly endLine: number,
  ) {}

  /** Lexes `text` and fails with the position of the first character no token matches. */
  static lex(lexer: Lexer, text: string, file: string, format: string): TokenStream {
    const result = lexer.tokenize(text);
    if (result.errors.length > 0) {
      const e = result.errors[0]!;
      throw new UserError(
        `${format}: unexpected character ${JSON.stringify(text.substr(e.offset, 1))}`,
        { file, line: e.line ?? 1, col: e.column ?? 1 },
        `check the ${format} syntax near this position`,
      );
    }
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    return new TokenStream(result.tokens, file, lines);
  }

  get atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  peek(offset = 0): IToken | undefined {
    return this.tokens[this.pos + offset];
  }

  /** True when the next token has this type name (and image, when given). */
  is(type: string, image?: string): boolean {
    const t = this.tokens[this.pos];
    return t !== undefined && t.tokenType.name === type && (image === undefined || t.image === image);
  }

  next(what = 'a token'): IToken {
    const t = this.tokens[this.pos];
    if (t === undefined) throw this.error(`unexpected end of file, expected ${what}`);
    this.pos++;
    return t;
  }

  /** Consumes a token of this type or fails naming what was expected and what was found. */
  expect(type: string, what = type): IToken {
    const t = this.tokens[this.pos];
    if (t === undefined || t.tokenType.name !== type) throw this.error(`expected ${what}`, t);
    this.pos++;
    return t;
  }

  /** Consumes the token when it has this type; returns whether it did. */
  accept(type: string, image?: string): boolean {
    if (!this.is(type, image)) return false;
    this.pos++;
    return true;
  }

  /** A UserError at the given token (default: the next one), naming what was found there. */
  error(message: string, at: IToken | undefined = this.tokens[this.pos], fix?: string): UserError {
    if (at === undefined) return new UserError(message, { file: this.file, line: this.endLine, col: 1 }, fix);
    const found = at.image.length > 40 ? `${at.image.slice(0, 40)}...` : at.image;
    return new UserError(
      `${message}, found ${JSON.stringify(found)}`,
      { file: this.file, line: at.startLine ?? 1, col: at.startColumn ?? 1 },
      fix,
    );
  }

  /** The file position of a token, for diagnostics raised after parsing. */
  where(t: IToken): { file: string; line: number; col: number } {
    return { file: this.file, line: t.startLine ?? 1, col: t.startColumn ?? 1 };
  }
}
