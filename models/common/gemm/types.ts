/**
 * The one interface every matrix product of a model goes through. Two implementations: `reference`
 * (float32 operands, double accumulation) and `array` (the simulated MixPE array: operands
 * quantized as its PE kind stores them, values exactly as sim computes them, costs from sim).
 */
import type { GemmLedger } from './ledger.ts';

/** What a product computes, for cost accounting: `kind` is a model's own name for it. */
export interface GemmLabel {
  /** e.g. 'q', 'k', 'v', 'o', 'gate', 'up', 'down', 'lm-head', 'qk', 'av', 'gnn.transform'. */
  readonly kind: string;
  /** The block the product belongs to (omit when none). */
  readonly layer?: number;
}

/**
 * Which stored quantity the B operand of a product is, so the DRAM bytes it costs are booked under
 * it: model weights, the KV cache, or other activations.
 */
export type OperandRole = 'weight' | 'kv' | 'activation';

/**
 * How a B operand is laid out in memory: 'kn' is B itself (K rows of N), 'nk' is B transposed (N
 * rows of K), e.g. nn.Linear weights (out x in) or cached keys (one row per token) for Q K^T.
 */
export type MatrixLayout = 'kn' | 'nk';

/** A weight matrix W (K x N) prepared once for repeated products (the array quantizes it here). */
export interface PreparedWeights {
  readonly k: number;
  readonly n: number;
  /** The backend that prepared it; a backend refuses another's weights. */
  readonly preparedBy: string;
}

/** Products of two run-time operands (attention) on the array: FP16 x FP16, or INT8 x INT8 with per-token scales. */
export type ProductPrecision = 'fp16' | 'int8';

export interface GemmBackend {
  readonly name: 'reference' | 'array';
  /** One line for reports, e.g. `array mixpe-w4a8 64x64 group 128 asymmetric, attention int8`. */
  readonly description: string;
  /** Every product run so far (shapes, MACs and, on the array, cycles, energy and DRAM bytes). */
  readonly ledger: GemmLedger;
  /** Prepares W (K x N) given in `layout` (default 'kn'); the array quantizes it per its PE kind. */
  prepare(w: Float32Array, k: number, n: number, layout?: MatrixLayout): PreparedWeights;
  /** Y[M x N] = X[M x K] W, row-major. */
  linear(x: Float32Array, m: number, w: PreparedWeights, label: GemmLabel): Float32Array;
  /**
   * Y[M x N] = A[M x K] B for a B computed at run time (keys, values, attention probabilities). On
   * the array both operands are converted at the backend's product precision; `role` books B's
   * DRAM bytes (default 'kv').
   */
  product(a: Float32Array, m: number, k: number, b: Float32Array, n: number, layout: MatrixLayout, label: GemmLabel, role?: OperandRole): Float32Array;
}
