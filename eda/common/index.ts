// eda/common: pieces shared by the eda/ readers. Importing it loads chevrotain's runtime.
export { createToken, EmbeddedActionsParser, EOF, Lexer } from './chevrotain-runtime.ts';
