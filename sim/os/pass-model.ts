/**
 * Closed-form figures of one output-stationary tile pass (fast mode), from docs/sim-cycle-model.md.
 * Cycle mode measures the same figures by stepping the array; tests hold the two equal.
 */
import { DEQUANT_LATENCY, dequantGroups } from '../dequant-unit.ts';
import { activationOperandBits, weightGroupBits } from '../operand-bits.ts';
import { peThroughput } from '../throughput.ts';
import type { SimConfig, TilePass } from '../types.ts';

/** Cycles of one pass: fill + stream + PE latency + dequant + readout (docs: "Cycles of one pass"). */
export function passCycles(config: SimConfig, k: number): number {
  const { rows, cols } = config.array;
  const kc = Math.ceil(k / peThroughput(config).kp);
  return kc + rows + cols - 1 + config.pe.latency + DEQUANT_LATENCY;
}

/** Buffer-side bits one pass moves (activations read, weights read, outputs written). */
export function passBufferBits(config: SimConfig, k: number, tile: TilePass): { activation: number; weight: number; output: number } {
  const x = activationOperandBits(config);
  const activation = tile.rows * (k * x.code + x.scale);
  const weight = tile.cols * k * config.pe.weightBits + (k / config.group) * tile.cols * weightGroupBits(config);
  const output = tile.rows * tile.cols * 32;
  return { activation, weight, output };
}

/** The closed-form figures of one pass of `rows` x `cols` outputs, without DRAM. */
export function passArrayCounts(config: SimConfig, k: number, rows: number, cols: number) {
  const bits = passBufferBits(config, k, { m0: 0, n0: 0, rows, cols });
  return {
    cycles: passCycles(config, k),
    macs: rows * cols * k,
    groupPartials: rows * cols * dequantGroups(config, k),
    weightsFed: cols * k,
    activationReadBits: bits.activation,
    weightReadBits: bits.weight,
    outputWriteBits: bits.output,
  };
}
