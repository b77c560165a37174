// eda/synth: Yosys synthesis through the embedded WebAssembly build or the native binary.
export { runYosys, yosysVersion, hasNativeYosys, yosysBackends, type YosysBackend, type YosysRun, type YosysResult } from './yosys-runner.ts';
export { synthesize, synthesisCached, type SynthOptions, type SynthResult, type MappedStats } from './synthesize.ts';
export { parseStat, parseAbcStime, type CellStats, type AbcTiming } from './stat-report.ts';
export { aigSize, type AigSize } from './aig-levels.ts';
export { readLiberty } from './liberty-file.ts';
export { runAbcNative, stripAnsi, NATIVE_ABC, type AbcRun } from './abc-runner.ts';
