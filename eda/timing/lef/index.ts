export { parseLef, readLef } from './parser.ts';
export { lefDefLexer } from './lexer.ts';
export type { Lef, LefLayer, LefMacro, LefPin, LefRect, LefSite } from './model.ts';
export { StatementReader } from './statement-reader.ts';
