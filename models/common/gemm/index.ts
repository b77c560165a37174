// models/common/gemm: the GemmBackend every model's matrix products go through (reference float32,
// or the simulated array with its exact values and costs).
export type { GemmBackend, GemmLabel, MatrixLayout, OperandRole, PreparedWeights, ProductPrecision } from './types.ts';
export { GemmLedger, addCost, zeroCost, type GemmCost, type LedgerEntry, type DramBytes, type EnergyJoules } from './ledger.ts';
export { ReferenceBackend } from './reference-backend.ts';
export { ArrayBackend, type ArrayBackendOptions } from './array-backend.ts';
export { ArrayCostModel } from './array-cost.ts';
export { matmulTransposedB, matmulB, transpose } from './float-kernels.ts';
export { backendFromFlags, type BackendFlags } from './from-flags.ts';
