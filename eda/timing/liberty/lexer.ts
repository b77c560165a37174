import { Lexer, createToken } from '../../common/index.ts';

/** Liberty tokens. Words cover identifiers, numbers and unquoted expressions alike. */
const whitespace = createToken({ name: 'WS', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true });
const continuation = createToken({ name: 'Continuation', pattern: /\\\r?\n/, group: Lexer.SKIPPED, line_breaks: true });
const blockComment = createToken({ name: 'Comment', pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED, line_breaks: true });
const lineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED });
export const LibString = createToken({ name: 'String', pattern: /"(?:[^"\\]|\\[\s\S])*"/, line_breaks: true });
export const LibWord = createToken({
  name: 'Word',
  pattern: /[^\s(){}:;,"\\]+/,
  start_chars_hint: [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-+!*/[]<>=&|^~$#@\'%?'],
});
const punct = (name: string, ch: string) => createToken({ name, pattern: ch });

export const libertyLexer = new Lexer(
  [
    whitespace,
    continuation,
    blockComment,
    lineComment,
    LibString,
    punct('LParen', '('),
    punct('RParen', ')'),
    punct('LBrace', '{'),
    punct('RBrace', '}'),
    punct('Colon', ':'),
    punct('Semi', ';'),
    punct('Comma', ','),
    LibWord,
  ],
  { positionTracking: 'onlyStart', ensureOptimizations: true },
);
