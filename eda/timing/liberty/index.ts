export { parseLiberty, readLiberty, readLibertyTree } from './library.ts';
export { parseLibertySyntax, type LibertyAttribute, type LibertyGroup } from './syntax-tree.ts';
export { LoadSlice, evalTable, lookupTable, segment as tableSegment, type LibertyTable, type TableInputs, type TableVariable } from './table.ts';
export { wireLoadRC } from './model.ts';
export type {
  LibertyCell, LibertyLibrary, LibertyPin, PinDirection, TimingArc, TimingSense, WireLoadModel,
} from './model.ts';
