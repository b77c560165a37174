/** The simulator's configuration, inputs and results. */
import type { ArrayConfig, PeKind, QuantScheme } from '../hw/index.ts';

export interface GemmShape {
  readonly m: number;
  readonly k: number;
  readonly n: number;
}

export interface SimConfig {
  readonly pe: PeKind;
  readonly array: ArrayConfig;
  /** Rows of K per weight group (K for per-channel). */
  readonly group: number;
  readonly scheme: QuantScheme;
}

/** Bits moved per buffer and DRAM, as counted for one pass or a whole GEMM. */
export interface Traffic {
  /** Bits read from the activation buffer into the array (codes + per-token scales). */
  activationReadBits: number;
  /** Bits read from the weight buffer (codes + group scales and zero points). */
  weightReadBits: number;
  /** Bits written into the output buffer (FP32 results). */
  outputWriteBits: number;
  /** Bytes loaded from DRAM into the weight buffer. */
  weightFillBytes: number;
  /** Bytes loaded from DRAM into the activation buffer. */
  activationFillBytes: number;
  /** Bytes read from DRAM (weight + activation fills). */
  dramReadBytes: number;
  /** Bytes written from the output buffer to DRAM. */
  dramWriteBytes: number;
}

/** What one tile pass does: its cycles in the array and the traffic it causes. */
export interface PassCounts extends Traffic {
  readonly cycles: number;
  /** Useful MACs (active PEs x K). */
  readonly macs: number;
  /** Group partial sums dequantized (active outputs x groups). */
  readonly groupPartials: number;
  /** Weights fed by the column feeders (K x active columns). */
  readonly weightsFed: number;
}

/** One output-stationary tile pass: output rows m0.., columns n0.. of the given extent. */
export interface TilePass {
  readonly m0: number;
  readonly n0: number;
  readonly rows: number;
  readonly cols: number;
}

export interface GemmResult {
  readonly mode: 'cycle' | 'fast';
  readonly cycles: number;
  /** Cycles the array spent computing (sum of pass cycles). */
  readonly computeCycles: number;
  /** Cycles waiting for DRAM (cycles - computeCycles). */
  readonly stallCycles: number;
  readonly passes: number;
  readonly macs: number;
  readonly groupPartials: number;
  readonly weightsFed: number;
  /** macs / (rows x cols x macsPerCycle x cycles). */
  readonly utilization: number;
  readonly traffic: Traffic;
  readonly seconds: number;
  /** Cycle mode only: the M x N FP32 results. */
  readonly output?: Float32Array;
}
