export { parseSdc, readSdc, type SdcUnits } from './interpreter.ts';
export type { DrivingCell, MinMax, ObjectQuery, PathException, PortDelay, Sdc, SdcClock, TimingDerate } from './model.ts';
