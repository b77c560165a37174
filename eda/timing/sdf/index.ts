export { parseSdf, readSdf } from './parser.ts';
export type { Sdf, SdfCell, SdfCheck, SdfInterconnect, SdfIoPath, SdfTriple } from './model.ts';
