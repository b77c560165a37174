/**
 * The activity counts of a simulated GEMM in the form the four-part energy model takes
 * (hw/energy: core, buffers, DRAM, static). The energy table is the caller's: pass any
 * EnergyConstants to `gemmEnergy`.
 */
import { fourPartEnergy, type ActivityCounts, type EnergyConstants, type EnergyParts } from '../hw/energy/index.ts';
import type { GemmResult, SimConfig } from './types.ts';

export function gemmActivity(config: SimConfig, r: GemmResult): ActivityCounts {
  const { array } = config;
  const t = r.traffic;
  return {
    pe: config.pe,
    macs: r.macs,
    weightsFed: r.weightsFed,
    dequants: r.groupPartials,
    buffers: [
      // Each buffer is read by the array and written by its DRAM fills (the output buffer: written by the array, read by the DRAM writes).
      { capacityBytes: array.weightBuffer.bytes, bytes: t.weightReadBits / 8 + t.weightFillBytes },
      { capacityBytes: array.activationBuffer.bytes, bytes: t.activationReadBits / 8 + t.activationFillBytes },
      { capacityBytes: array.outputBuffer.bytes, bytes: t.outputWriteBits / 8 + t.dramWriteBytes },
    ],
    dramBytes: t.dramReadBytes + t.dramWriteBytes,
    seconds: r.seconds,
    pes: array.rows * array.cols,
  };
}

/** Energy by part (joules) of a simulated GEMM under an energy table. */
export function gemmEnergy(config: SimConfig, r: GemmResult, table: EnergyConstants): EnergyParts {
  return fourPartEnergy(table, gemmActivity(config, r));
}
