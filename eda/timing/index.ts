// eda/timing: file formats of real flows (Liberty, LEF, DEF, SDF, SPEF, SDC) and a static timing engine.
export * from './liberty/index.ts';
export * from './lef/index.ts';
export * from './def/index.ts';
export * from './spef/index.ts';
export * from './sdc/index.ts';
export * from './graph/index.ts';
export * from './delay-calc/index.ts';
export * from './search/index.ts';
export { runTiming, type TimingInputs, type TimingRun } from './flow.ts';
export * from './sdf/index.ts';
