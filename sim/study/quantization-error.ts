import type { AcceleratorSpec } from '../../hw/accelerators/index.ts';
import { mixpeEvalConfig, type PrecisionMode } from '../../hw/index.ts';
import { activationBits, antQuantizeWeights, fp16FromNumber, quantizeActivations, quantizeWeights, type QuantizedWeights } from '../../hw/index.ts';
import type { GemmOperands } from '../operands.ts';
import { simulateGemm } from '../simulate-gemm.ts';
import { gemmConfig } from './run-study.ts';
import { fullMode } from './precision-plan.ts';

/** One real linear layer: its weights in GEMM layout (K x N) and input rows (M x K), row-major. */
export interface LayerSample {
  readonly name: string;
  /** The layer's role, shared across blocks (e.g. `attn.qkv`), for per-role summaries. */
  readonly role: string;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly weights: Float32Array;
  readonly activations: Float32Array;
}

/** Output error of one accelerator on one layer against the FP32 GEMM. */
export interface LayerError {
  /** Sum of squared output errors. */
  readonly sse: number;
  /** Sum of squared reference outputs. */
  readonly energy: number;
  readonly maxAbsError: number;
}

/** The FP32 reference: FP32 operands, products summed exactly (in double). */
export function fp32ReferenceGemm(s: LayerSample): Float64Array {
  const y = new Float64Array(s.m * s.n);
  for (let i = 0; i < s.m; i++) {
    for (let k = 0; k < s.k; k++) {
      const x = s.activations[i * s.k + k];
      if (x === 0) continue;
      for (let j = 0; j < s.n; j++) y[i * s.n + j] += x * s.weights[k * s.n + j];
    }
  }
  return y;
}

/**
 * The operands an accelerator's PE kind runs on: weights quantized as the kind stores them (hw/quant;
 * ANT picks one 4-bit type per tensor), activations as INT8 per-token codes or FP16 values.
 */
export function acceleratorOperands(acc: AcceleratorSpec, s: LayerSample, mode?: PrecisionMode): GemmOperands {
  const config = gemmConfig(acc, s.k, mode);
  const { pe, group } = config;
  const activations = pe.activation !== 'fp16'
    ? quantizeActivations(s.activations, s.m, s.k, activationBits(pe))
    : { M: s.m, K: s.k, values: Uint16Array.from(s.activations, (x) => fp16FromNumber(x)) };
  if (pe.weightFeed !== 'ant-decode') {
    return { weights: quantizeWeights(s.weights, s.k, s.n, { bits: pe.weightBits, groupSize: group, scheme: config.scheme }), activations };
  }
  const ant = antQuantizeWeights(s.weights, s.k, s.n, { groupSize: group, selection: 'tensor' });
  const type = ant.types[ant.typeIndex[0]];
  const weights: QuantizedWeights = {
    K: s.k, N: s.n, bits: 4, scheme: 'symmetric', groupSize: ant.groupSize, groups: ant.groups,
    codes: Int16Array.from(ant.codes), scales: ant.scales, zeros: new Uint8Array(ant.groups * s.n),
  };
  return { weights, activations, antValue: (code) => type.decode[code] };
}

/**
 * The array the values are computed on. Values do not depend on the array's shape (each output sums
 * its group in k order and adds the groups in order, docs/sim-cycle-model.md), so a small array
 * avoids stepping idle PEs of a large one on a short layer; tests hold the two equal.
 */
export const valueArray = mixpeEvalConfig(16, 16);

/**
 * Runs the layer through the simulator's exact value path (cycle mode: every PE, feeder and
 * dequantization step as the hardware does it) and compares with the FP32 GEMM.
 */
export function layerError(acc: AcceleratorSpec, s: LayerSample, reference = fp32ReferenceGemm(s), array = valueArray, mode?: PrecisionMode): LayerError {
  const config = { ...gemmConfig(acc, s.k, mode), array };
  const r = simulateGemm(config, { m: s.m, k: s.k, n: s.n }, { mode: 'cycle', operands: acceleratorOperands(acc, s, mode) });
  const y = r.output!;
  let sse = 0, energy = 0, maxAbsError = 0;
  for (let i = 0; i < y.length; i++) {
    const e = y[i] - reference[i];
    sse += e * e;
    energy += reference[i] * reference[i];
    maxAbsError = Math.max(maxAbsError, Math.abs(e));
  }
  return { sse, energy, maxAbsError };
}

/** Relative RMS error of pooled layer errors (sqrt of total squared error over total output energy). */
export function relativeRmsError(errors: readonly LayerError[]): number {
  const sse = errors.reduce((s, e) => s + e.sse, 0);
  const energy = errors.reduce((s, e) => s + e.energy, 0);
  return Math.sqrt(sse / energy);
}

/** The accuracy cost of one accelerator in one precision mode: pooled relative RMS output error, overall and per layer role. */
export interface AccuracyRow {
  readonly pe: AcceleratorSpec['pe'];
  readonly mode: PrecisionMode;
  readonly relativeRmsError: number;
  /** Signal-to-quantization-noise ratio of the outputs, dB. */
  readonly sqnrDb: number;
  readonly byRole: Readonly<Record<string, number>>;
  readonly layers: number;
}

/** Every (accelerator, mode) the study's precision plan runs (precision-plan.ts). */
export function plannedModes(accelerators: readonly AcceleratorSpec[]): { acc: AcceleratorSpec; mode: PrecisionMode }[] {
  return accelerators.flatMap((acc) => {
    const modes = acc.pe === 'ant' || acc.pe === 'bitfusion' ? (['w4a4', 'w8a8'] as const) : [fullMode(acc.pe)];
    return modes.map((mode) => ({ acc, mode }));
  });
}

export function accuracyStudy(runs: readonly { acc: AcceleratorSpec; mode: PrecisionMode }[], samples: readonly LayerSample[], onLayer?: () => void): AccuracyRow[] {
  const references = samples.map(fp32ReferenceGemm);
  return runs.map(({ acc, mode }) => {
    const errors = samples.map((s, i) => {
      const e = layerError(acc, s, references[i], valueArray, mode);
      onLayer?.();
      return e;
    });
    const roles = [...new Set(samples.map((s) => s.role))];
    const byRole = Object.fromEntries(roles.map((r) => [r, relativeRmsError(errors.filter((_, i) => samples[i].role === r))]));
    const rel = relativeRmsError(errors);
    return { pe: acc.pe, mode, relativeRmsError: rel, sqnrDb: -20 * Math.log10(rel), byRole, layers: samples.length };
  });
}
