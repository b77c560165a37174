export { parseSpef, readSpef, unescapeSpef } from './parser.ts';
export type { Spef, SpefConn, SpefNet } from './model.ts';
