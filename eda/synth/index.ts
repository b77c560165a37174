// eda/synth: Yosys synthesis through the embedded WebAssembly build or the native binary.
export { runYosys, yosysVersion, hasNativeYosys, yosysBackends, type YosysBackend, type YosysRun, type YosysResult } from './yosys-runner.ts';
export { synthesize, synthesisCached, type SynthOptions, type SynthResult, type MappedStats } from './synthesize.ts';
export { parseStatJson, statJsonModules, topOfStatJson, withLibertyArea, libertyCellAreas, HIERARCHY, type CellStats } from './stat-json.ts';
export { parseAbcStime, parseAbcStimes, type AbcTiming } from './recipes/abc-log.ts';
export { aigSize, type AigSize } from './aig-levels.ts';
export { readLiberty } from './liberty-file.ts';
export { runAbcNative, stripAnsi, NATIVE_ABC, type AbcRun } from './abc-runner.ts';
export { DEFAULT_LIBRARY, LIBRARY_HELP, libraryFile, libraryTitle, loadLibrary } from './cell-library.ts';
