// sim/ws: the weight-stationary dataflow behind the Dataflow interface.
import type { CycleRun, Dataflow } from '../dataflow.ts';
import type { FeederOperands } from '../operands.ts';
import { addDram } from '../pass-blocks.ts';
import type { GemmShape, SimConfig } from '../types.ts';
import { UserError } from '../../util/index.ts';
import { simulateWsPass, type WsTileState } from './array-pass.ts';
import { wsFastBlocks, wsFastPass } from './fast.ts';
import { wsGeometry, wsPassCounts, wsPassDram, wsTiles, type WsTile } from './tiling.ts';

export { wsGeometry, wsTiles, wsPassCycles, wsPassCounts, wsTileDram, type WsTile } from './tiling.ts';
export { simulateWsPass, type WsTileState } from './array-pass.ts';

function runCycles(config: SimConfig, shape: GemmShape, ops: FeederOperands): CycleRun {
  const tiles = wsTiles(config, shape);
  const dram = wsPassDram(config, shape, tiles);
  const output = new Float32Array(shape.m * shape.n);
  const { mt } = wsGeometry(config, shape);
  const C = config.array.cols;
  let state: WsTileState | undefined;
  const passes = tiles.map((t, i) => {
    if (t.k0 === 0) state = { partial: ops.integer ? new Int32Array(mt * C) : new Float64Array(mt * C), out: new Float64Array(mt * C) };
    const r = simulateWsPass(config, ops, shape, t, state!, output);
    return addDram({ ...wsPassCounts(config, shape, t), cycles: r.cycles }, dram[i]!);
  });
  return { passes, output };
}

export const weightStationary: Dataflow<WsTile> = {
  id: 'weight-stationary',
  validate(config) {
    const { array, group } = config;
    const rk = Math.min(array.rows, group);
    if (group % rk !== 0) {
      throw new UserError(`weight-stationary tiles of ${rk} k-rows do not divide group ${group}`, '--array', 'choose a row count that divides the group size (or is at least the group size)');
    }
    if (array.outputBuffer.bytes < array.cols * 8) {
      throw new UserError(`the output buffer cannot hold one row of partials and outputs for ${array.cols} columns`, '--array', 'use fewer columns');
    }
  },
  tiles: wsTiles,
  fastPass: wsFastPass,
  fastBlocks: wsFastBlocks,
  runCycles,
};
