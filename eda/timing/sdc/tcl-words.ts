import type { IToken } from 'chevrotain';
import { Lexer, createToken } from '../../common/index.ts';
import { UserError } from '../../../util/index.ts';

/**
 * The Tcl subset SDC files use: commands split into words by blanks, ended by newline or ";",
 * `#` comments, `\` line continuation, {braced} words (no substitution, nesting), "quoted" words,
 * `$var` and `[command]` substitution. Brace and bracket nesting is not regular, so the lexer
 * yields flat tokens and `splitCommands` assembles the words.
 */
const T = {
  Continuation: createToken({ name: 'Continuation', pattern: /\\\r?\n[ \t]*/, line_breaks: true }),
  Blank: createToken({ name: 'Blank', pattern: /[ \t\r]+/ }),
  Newline: createToken({ name: 'Newline', pattern: /\n/, line_breaks: true }),
  Semi: createToken({ name: 'Semi', pattern: ';' }),
  Comment: createToken({ name: 'Comment', pattern: /#[^\n]*/ }),
  LBrace: createToken({ name: 'LBrace', pattern: '{' }),
  RBrace: createToken({ name: 'RBrace', pattern: '}' }),
  LBracket: createToken({ name: 'LBracket', pattern: '[' }),
  RBracket: createToken({ name: 'RBracket', pattern: ']' }),
  Quote: createToken({ name: 'Quote', pattern: '"' }),
  Var: createToken({ name: 'Var', pattern: /\$(?:\{[^}]*\}|[A-Za-z0-9_:]+)/ }),
  Escape: createToken({ name: 'Escape', pattern: /\\[^\n]/ }),
  Text: createToken({ name: 'Text', pattern: /[^ \t\r\n;{}[\]"$\\#]+|#/ }),
};

const tclLexer = new Lexer(Object.values(T), { positionTracking: 'onlyStart', ensureOptimizations: false });

/** A word part: literal text, a variable, or a nested command. */
export type WordPart = { kind: 'text'; text: string } | { kind: 'var'; name: string; at: IToken } | { kind: 'cmd'; command: TclCommand };
export interface TclWord {
  readonly parts: WordPart[];
  /** True for {braced} words: their text is literal. */
  readonly braced: boolean;
  readonly line: number;
  readonly col: number;
}
export interface TclCommand {
  readonly words: TclWord[];
  readonly line: number;
  readonly col: number;
}

class WordReader {
  pos = 0;
  constructor(readonly tokens: IToken[], readonly file: string, readonly text: string) {}

  fail(message: string, t: IToken | undefined): UserError {
    const line = t?.startLine ?? this.text.split('\n').length;
    const col = t?.startColumn ?? 1;
    return new UserError(`SDC: ${message}`, { file: this.file, line, col }, 'check the Tcl quoting and brackets');
  }

  peekType(): string | undefined {
    return this.tokens[this.pos]?.tokenType.name;
  }

  /** Commands until end of input or, inside [ ], the closing bracket. */
  commands(inBracket: boolean): TclCommand[] {
    const out: TclCommand[] = [];
    let words: TclWord[] = [];
    let start: IToken | undefined;
    const end = () => {
      if (words.length > 0) out.push({ words, line: start!.startLine ?? 1, col: start!.startColumn ?? 1 });
      words = [];
    };
    for (;;) {
      const t = this.tokens[this.pos];
      if (t === undefined) {
        if (inBracket) throw this.fail('missing "]"', undefined);
        end();
        return out;
      }
      const type = t.tokenType.name;
      if (type === 'RBracket' && inBracket) {
        this.pos++;
        end();
        return out;
      }
      if (type === 'Blank' || type === 'Continuation') { this.pos++; continue; }
      if (type === 'Newline' || type === 'Semi') { this.pos++; end(); continue; }
      if (type === 'Comment' && words.length === 0) { this.pos++; continue; }
      if (words.length === 0) start = t;
      words.push(this.word(inBracket));
    }
  }

  word(inBracket: boolean): TclWord {
    const first = this.tokens[this.pos]!;
    const at = { line: first.startLine ?? 1, col: first.startColumn ?? 1 };
    if (first.tokenType.name === 'LBrace') return { parts: [{ kind: 'text', text: this.braced() }], braced: true, ...at };
    const parts: WordPart[] = [];
    const quoted = first.tokenType.name === 'Quote';
    if (quoted) this.pos++;
    for (;;) {
      const t = this.tokens[this.pos];
      if (t === undefined) {
        if (quoted) throw this.fail('missing closing quote', first);
        break;
      }
      const type = t.tokenType.name;
      if (quoted && type === 'Quote') { this.pos++; break; }
      if (!quoted && (type === 'Blank' || type === 'Newline' || type === 'Semi' || type === 'Continuation')) break;
      if (!quoted && type === 'RBracket' && inBracket) break;
      this.pos++;
      if (type === 'LBracket') parts.push({ kind: 'cmd', command: this.bracketCommand(t) });
      else if (type === 'Var') parts.push({ kind: 'var', name: t.image.slice(1).replace(/^\{|\}$/g, ''), at: t });
      else if (type === 'Escape') parts.push({ kind: 'text', text: t.image.slice(1) });
      else if (type === 'Continuation') parts.push({ kind: 'text', text: ' ' });
      else parts.push({ kind: 'text', text: t.image });
    }
    return { parts, braced: false, ...at };
  }

  bracketCommand(open: IToken): TclCommand {
    const cmds = this.commands(true);
    if (cmds.length !== 1) throw this.fail('expected exactly one command inside [ ]', open);
    return cmds[0]!;
  }

  /** A {braced} word: the raw text between the braces, nesting respected. */
  braced(): string {
    const open = this.tokens[this.pos]!;
    this.pos++;
    let depth = 1;
    let text = '';
    for (;;) {
      const t = this.tokens[this.pos];
      if (t === undefined) throw this.fail('missing "}"', open);
      this.pos++;
      const type = t.tokenType.name;
      if (type === 'LBrace') depth++;
      else if (type === 'RBrace' && --depth === 0) return text;
      text += type === 'Continuation' ? ' ' : t.image;
    }
  }
}

/** Splits Tcl text into commands of words (substitutions not yet performed). */
export function splitCommands(text: string, file: string): TclCommand[] {
  const r = tclLexer.tokenize(text);
  if (r.errors.length > 0) {
    const e = r.errors[0]!;
    throw new UserError(`SDC: unexpected character ${JSON.stringify(text.substr(e.offset, 1))}`, { file, line: e.line ?? 1, col: e.column ?? 1 });
  }
  return new WordReader(r.tokens, file, text).commands(false);
}
