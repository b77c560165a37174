export { parseSdc, readSdc, type SdcUnits } from './interpreter.ts';
export type { DesignRuleLimit, DrivingCell, FilterAttribute, FilterExpr, MinMax, ObjectQuery, PathException, PathGroup, PortDelay, RiseFall, Sdc, SdcClock, SdcWarning, TimingDerate } from './model.ts';
export { matchesFilter } from './filter.ts';
export { globRegExp } from './interpreter.ts';
