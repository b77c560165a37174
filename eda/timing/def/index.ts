export { parseDef, readDef, unescapeDef } from './parser.ts';
export type { Def, DefComponent, DefNet, DefPin, PlacementStatus } from './model.ts';
