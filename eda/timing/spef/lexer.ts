import { Lexer, createToken } from '../../common/index.ts';

/** SPEF tokens: keywords (*D_NET), quoted strings and words (names, numbers, *12:A references). */
export const spefLexer = new Lexer(
  [
    createToken({ name: 'WS', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true }),
    createToken({ name: 'Comment', pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED }),
    createToken({ name: 'Keyword', pattern: /\*[A-Z][A-Z_0-9]*/ }),
    createToken({ name: 'String', pattern: /"[^"\n]*"/ }),
    createToken({ name: 'Word', pattern: /[^\s"]+/ }),
  ],
  { positionTracking: 'onlyStart', ensureOptimizations: false },
);
