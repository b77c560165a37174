// sim/os: the output-stationary dataflow behind the Dataflow interface.
import type { CycleRun, Dataflow } from '../dataflow.ts';
import type { FeederOperands } from '../operands.ts';
import { addDram } from '../pass-blocks.ts';
import type { GemmShape, SimConfig, TilePass } from '../types.ts';
import { simulatePass } from './array-pass.ts';
import { fastPassCounts, osFastBlocks } from './fast.ts';
import { passDramTraffic, tilePasses } from './tiling.ts';

export { simulatePass, type PassResult, type GroupPartialEvent, type OutputRowEvent } from './array-pass.ts';
export { passCycles, passBufferBits } from './pass-model.ts';
export { tilePasses, passDramTraffic, passColumns } from './tiling.ts';
export { fastPassCounts } from './fast.ts';

function runCycles(config: SimConfig, shape: GemmShape, ops: FeederOperands): CycleRun {
  const tiles = tilePasses(config, shape);
  const dram = passDramTraffic(config, shape, tiles);
  const output = new Float32Array(shape.m * shape.n);
  const passes = tiles.map((t, i) => addDram(simulatePass(config, ops, shape, t, output), dram[i]!));
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
