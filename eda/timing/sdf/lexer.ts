import { Lexer, createToken } from '../../common/index.ts';

/** SDF is an s-expression language: parentheses, quoted strings, words (numbers, triples, names). */
export const sdfLexer = new Lexer(
  [
    createToken({ name: 'WS', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true }),
    createToken({ name: 'LineComment', pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED }),
    createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED, line_breaks: true }),
    createToken({ name: 'LParen', pattern: '(' }),
    createToken({ name: 'RParen', pattern: ')' }),
    createToken({ name: 'String', pattern: /"[^"]*"/, line_breaks: true }),
    createToken({ name: 'Word', pattern: /(?:\\.|[^\s()"\\])+/ }),
  ],
  { positionTracking: 'onlyStart', ensureOptimizations: false },
);
