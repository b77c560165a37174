/**
 * Array, buffer and DRAM configurations as data. The MixPE evaluation figures (500 MHz, weight
 * buffer 128 KB, activation 256 KB, output 128 KB, a 1024-bit memory interface) are from the MixPE
 * paper's experimental setup (Zhang et al., "MixPE: Quantization and Hardware Co-design for Efficient
 * LLM Inference", 2024, Sec. 5.1), as restated in issue 3.
 */
import { UserError } from '../../util/index.ts';

export type Dataflow = 'output-stationary' | 'weight-stationary';

export interface BufferConfig {
  readonly bytes: number;
  /** Bits the buffer delivers (or accepts) per cycle. */
  readonly portBits: number;
}

export interface ArrayConfig {
  readonly rows: number;
  readonly cols: number;
  readonly dataflow: Dataflow;
  readonly clockHz: number;
  readonly weightBuffer: BufferConfig;
  readonly activationBuffer: BufferConfig;
  readonly outputBuffer: BufferConfig;
  /** DRAM interface: bytes per array clock cycle (one channel shared by reads and writes). */
  readonly dramBytesPerCycle: number;
  readonly source: string;
}

const KB = 1024;

/** The MixPE evaluation's memory system around an array of the given size. */
export function mixpeEvalConfig(rows: number, cols: number, dataflow: Dataflow = 'output-stationary'): ArrayConfig {
  return {
    rows,
    cols,
    dataflow,
    clockHz: 500e6,
    weightBuffer: { bytes: 128 * KB, portBits: 1024 },
    activationBuffer: { bytes: 256 * KB, portBits: 2048 },
    outputBuffer: { bytes: 128 * KB, portBits: 2048 },
    // 1024-bit memory interface, one transfer per array cycle.
    dramBytesPerCycle: 1024 / 8,
    source:
      'MixPE (Zhang et al. 2024) Sec. 5.1: 500 MHz, WB 128 KB, AB 256 KB, OB 128 KB, 1024-bit memory interface; buffer port widths are Tessera choices sized so a 64x64 FP16 array can be fed',
  };
}

/** Parses `64x64` (rows x columns) for a flag. */
export function parseArraySize(text: string, where = '--array'): { rows: number; cols: number } {
  const m = /^(\d+)x(\d+)$/.exec(text.trim());
  const rows = m ? Number(m[1]) : NaN;
  const cols = m ? Number(m[2]) : NaN;
  if (!m || rows < 1 || cols < 1 || rows > 1024 || cols > 1024) {
    throw new UserError(`invalid array size '${text}'`, where, 'give ROWSxCOLS with each from 1 to 1024, e.g. 64x64');
  }
  return { rows, cols };
}
