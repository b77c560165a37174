/**
 * The cycle-by-cycle contract of one tile pass as a testbench consumes it: every group-partial
 * event and every readout row with its cycle (docs/sim-cycle-model.md). The RTL must produce the
 * same values in the same cycles.
 */
import { passColumns, simulatePass, type GroupPartialEvent, type OutputRowEvent } from './os/index.ts';
import { feederOperands, type GemmOperands } from './operands.ts';
import type { SimConfig } from './types.ts';
import { validateGemm } from './validate.ts';

export interface PassTrace {
  /** Cycles of the pass (cycle 0 .. cycles - 1); the last readout is in cycle cycles - 1. */
  readonly cycles: number;
  readonly partials: readonly GroupPartialEvent[];
  readonly outputs: readonly OutputRowEvent[];
}

/** Trace of the pass computing the tile of operands that fit the array (M <= rows, N <= cols). */
export function arrayPassTrace(config: SimConfig, operands: GemmOperands): PassTrace {
  const { K, N } = operands.weights;
  const M = operands.activations.M;
  const shape = { m: M, k: K, n: N };
  validateGemm(config, shape);
  if (config.array.dataflow !== 'output-stationary') throw new Error('the pass trace covers the output-stationary dataflow');
  const cols = passColumns(config);
  if (M > config.array.rows || N > cols) {
    throw new Error(`a single pass covers at most ${config.array.rows}x${cols} outputs, got ${M}x${N}`);
  }
  const r = simulatePass(config, feederOperands(config, operands), shape, { m0: 0, n0: 0, rows: M, cols: N }, undefined, true);
  return { cycles: r.cycles, partials: r.partials!, outputs: r.outputs! };
}
