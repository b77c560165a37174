/**
 * One interface per dataflow (output-stationary in os/, weight-stationary in ws/): how a GEMM is cut
 * into passes, what each pass costs in closed form (fast mode), and how a pass is stepped cycle by
 * cycle with values (cycle mode). `simulateGemm`, the study and every caller reach the dataflows only
 * through this interface; a PE's throughput reaches them only through `peThroughput`.
 */
import type { Dataflow as DataflowId } from '../hw/index.ts';
import type { PassBlock } from './dram-schedule.ts';
import type { FeederOperands } from './operands.ts';
import type { GemmShape, PassCounts, SimConfig } from './types.ts';

/** What cycle mode returns: every pass's measured figures and the M x N FP32 output. */
export interface CycleRun {
  readonly passes: PassCounts[];
  readonly output: Float32Array;
}

export interface Dataflow<Tile = unknown> {
  readonly id: DataflowId;
  /** Refuses what this dataflow cannot run (after validateGemm's common checks), naming the flag. */
  validate(config: SimConfig, shape: GemmShape): void;
  /** Every pass of the GEMM, in the order the controller runs them. */
  tiles(config: SimConfig, shape: GemmShape): Tile[];
  /** Fast mode: one pass's cycles, operation counts and traffic in closed form. */
  fastPass(config: SimConfig, shape: GemmShape, tile: Tile, index: number): PassCounts;
  /** Fast mode: the same figures as blocks of identical passes, in pass order (time independent of the pass count). */
  fastBlocks(config: SimConfig, shape: GemmShape): PassBlock<PassCounts>[];
  /** Cycle mode: every pass stepped with values; cycles and counts measured as the array runs. */
  runCycles(config: SimConfig, shape: GemmShape, ops: FeederOperands): CycleRun;
}
