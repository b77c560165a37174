// sim/ws: the weight-stationary dataflow behind the Dataflow interface.
import type { CycleRun, Dataflow } from '../dataflow.ts';
import { activationBlockBits, activationsFitWhole, OperandStore, retains, weightBlockBits } from '../memory.ts';
import type { FeederOperands } from '../operands.ts';
import type { GemmShape, PassCounts, SimConfig } from '../types.ts';
import { UserError } from '../../util/index.ts';
import { simulateWsPass, type WsTileState } from './array-pass.ts';
import { wsFastBlocks, wsFastPass } from './fast.ts';
import { wsGeometry, wsTiles, type WsTile } from './tiling.ts';

export { wsGeometry, wsTiles, wsPassCycles, wsPassCounts, wsTileDram, type WsTile } from './tiling.ts';
export { simulateWsPass, type WsTileState } from './array-pass.ts';

/** Cycle mode: every pass stepped, its DRAM fills decided by the memory model (sim/memory.ts). */
function runCycles(config: SimConfig, shape: GemmShape, ops: FeederOperands): CycleRun {
  const { k: K, m: M } = shape;
  const { rk, mt, nt } = wsGeometry(config, shape);
  // Weights are kept when a whole N tile's K tiles fit; the whole activation matrix when it fits.
  const weights = new OperandStore(retains(weightBlockBits(config, 0, nt, 0, K), config.array.weightBuffer.bytes));
  const whole = activationsFitWhole(config, shape);
  const activations = new OperandStore(whole);
  const output = new Float32Array(shape.m * shape.n);
  let state: WsTileState | undefined;
  const passes = wsTiles(config, shape).map((t): PassCounts => {
    if (t.k0 === 0) state = { partial: ops.integer ? new Int32Array(mt * nt) : new Float64Array(mt * nt), out: new Float64Array(mt * nt) };
    const weightFillBytes = weights.load(`n${t.n0}k${t.k0}`, () => weightBlockBits(config, t.n0, t.n0 + t.cols, t.k0, t.k0 + rk));
    const activationFillBytes = whole
      ? activations.load('X', () => activationBlockBits(config, 0, M, 0, K))
      : activations.load(`m${t.m0}k${t.k0}`, () => activationBlockBits(config, t.m0, t.m0 + t.rows, t.k0, t.k0 + rk));
    const r = simulateWsPass(config, ops, shape, t, state!, output);
    return {
      cycles: r.cycles, macs: r.macs, groupPartials: r.groupPartials, weightsFed: r.weightsFed,
      activationReadBits: r.activationReadBits, weightReadBits: r.weightReadBits, outputWriteBits: r.outputWriteBits,
      weightFillBytes, activationFillBytes, dramReadBytes: weightFillBytes + activationFillBytes,
      // After the last K tile what the pass wrote back is the finished outputs, and they leave for DRAM.
      dramWriteBytes: t.k0 + rk === K ? r.outputWriteBits / 8 : 0,
    };
  });
  return { passes, output };
}

export const weightStationary: Dataflow<WsTile> = {
  id: 'weight-stationary',
  validate(config, shape) {
    const { array, group } = config;
    const { rk, nt } = wsGeometry(config, shape);
    if (group % rk !== 0) {
      throw new UserError(`weight-stationary tiles of ${rk} k-rows do not divide group ${group}`, '--array', 'choose a row count that divides the group size (or is at least the group size)');
    }
    if (array.outputBuffer.bytes < nt * 8) {
      throw new UserError(`the output buffer cannot hold one row of partials and outputs for ${nt} output columns`, '--array', 'use fewer columns');
    }
  },
  tiles: wsTiles,
  fastPass: wsFastPass,
  fastBlocks: wsFastBlocks,
  runCycles,
};
