// models/gen/seadag: truth table -> AIG by semi-autoregressive discrete graph diffusion (SeaDAG),
// its data (ABC-optimized pairs), ablations, an autoregressive baseline, sampling and evaluation.
export { SETTINGS, SETTING_NAMES, type SettingName, type TruthFunction, functionKey, aigFunction, support } from './data/truth-function.ts';
export { npnClassKey, npnCanonical4, transformFunction } from './data/npn.ts';
export { ABC_FLOW, ABC_SCRIPT, abcCount, abcImplementations, findNativeAbc, nativeAbcVersion, type AbcCount } from './data/abc-reference.ts';
export { benchmarkCircuits, functionPool, usable } from './data/function-pool.ts';
export {
  DATA_PLANS, TEST_FRACTION, VAL_FRACTION, buildDataset, datasetHash, readDataset, recordAig, recordFunction, splitOf, writeDataset,
  type DataPlan, type PairRecord, type Split,
} from './data/dataset.ts';
