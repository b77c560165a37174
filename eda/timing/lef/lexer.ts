import { Lexer, createToken } from '../../common/index.ts';

/** LEF and DEF share one token set: words, strings, ";" and # comments. */
export const lefDefLexer = new Lexer(
  [
    createToken({ name: 'WS', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true }),
    createToken({ name: 'Comment', pattern: /#[^\n]*/, group: Lexer.SKIPPED }),
    createToken({ name: 'String', pattern: /"[^"]*"/, line_breaks: true }),
    createToken({ name: 'Semi', pattern: ';' }),
    createToken({ name: 'Word', pattern: /[^\s;"]+/ }),
  ],
  { positionTracking: 'onlyStart', ensureOptimizations: false },
);
