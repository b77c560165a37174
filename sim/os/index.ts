// sim/os: the output-stationary dataflow behind the Dataflow interface.
import type { CycleRun, Dataflow } from '../dataflow.ts';
import { activationBlockBits, activationsFitWhole, OperandStore, retains, weightBlockBits } from '../memory.ts';
import type { FeederOperands } from '../operands.ts';
import type { GemmShape, PassCounts, SimConfig, TilePass } from '../types.ts';
import { simulatePass } from './array-pass.ts';
import { fastPassCounts, osFastBlocks } from './fast.ts';
import { passColumns, tilePasses } from './tiling.ts';

export { simulatePass, type PassResult, type GroupPartialEvent, type OutputRowEvent } from './array-pass.ts';
export { passCycles, passBufferBits } from './pass-model.ts';
export { tilePasses, passColumns } from './tiling.ts';
export { fastPassCounts } from './fast.ts';

/** Cycle mode: every pass stepped, its DRAM fills decided by the memory model (sim/memory.ts). */
function runCycles(config: SimConfig, shape: GemmShape, ops: FeederOperands): CycleRun {
  const { k: K, m: M } = shape;
  const weights = new OperandStore(retains(weightBlockBits(config, 0, passColumns(config), 0, K), config.array.weightBuffer.bytes));
  const whole = activationsFitWhole(config, shape);
  const activations = new OperandStore(whole);
  const output = new Float32Array(shape.m * shape.n);
  const passes = tilePasses(config, shape).map((t): PassCounts => {
    const weightFillBytes = weights.load(`n${t.n0}`, () => weightBlockBits(config, t.n0, t.n0 + t.cols, 0, K));
    const activationFillBytes = whole
      ? activations.load('X', () => activationBlockBits(config, 0, M, 0, K))
      : activations.load(`m${t.m0}`, () => activationBlockBits(config, t.m0, t.m0 + t.rows, 0, K));
    const r = simulatePass(config, ops, shape, t, output);
    return {
      cycles: r.cycles, macs: r.macs, groupPartials: r.groupPartials, weightsFed: r.weightsFed,
      activationReadBits: r.activationReadBits, weightReadBits: r.weightReadBits, outputWriteBits: r.outputWriteBits,
      weightFillBytes, activationFillBytes, dramReadBytes: weightFillBytes + activationFillBytes,
      // The pass's outputs leave through the output buffer once, as the readout wrote them.
      dramWriteBytes: r.outputWriteBits / 8,
    };
  });
  return { passes, output };
}

export const outputStationary: Dataflow<TilePass> = {
  id: 'output-stationary',
  validate() {},
  tiles: tilePasses,
  fastPass: (config, shape, t, i) => fastPassCounts(config, shape, t.rows, t.cols, t.m0 === 0, i === 0),
  fastBlocks: osFastBlocks,
  runCycles,
};
