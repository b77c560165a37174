/**
 * The plain GEMM the array must reproduce, from the scalar PE semantics of hw/pe (no array, no
 * skew, no kernels): for every output, the group partials in k order, then the dequant chain.
 * `tessera sim gemm --check` compares cycle mode against it bit for bit.
 */
import { accumulateOutput, groupContribution, peMac } from '../hw/index.ts';
import { weightOperandAt, type GemmOperands } from './operands.ts';
import type { SimConfig } from './types.ts';

export function referenceGemm(config: SimConfig, ops: GemmOperands): Float32Array {
  const { pe } = config;
  const { K, N, groupSize, scales } = ops.weights;
  const a = ops.activations;
  const M = a.M;
  const xAt = 'values' in a ? (m: number, k: number) => a.values[m * K + k]! : (m: number, k: number) => a.codes[m * K + k]!;
  const groupLen = pe.groupDequant ? groupSize : K;
  // W' of every element, from the scalar feeder semantics.
  const wOp = new Float64Array(K * N);
  for (let k = 0; k < K; k++) for (let n = 0; n < N; n++) wOp[k * N + n] = weightOperandAt(config, ops, k, n);
  const y = new Float32Array(M * N);
  for (let m = 0; m < M; m++) {
    const sa = 'values' in a ? 0 : a.scales[m]!;
    for (let n = 0; n < N; n++) {
      let out = 0;
      for (let k0 = 0; k0 < K; k0 += groupLen) {
        let partial = 0;
        for (let k = k0; k < k0 + groupLen; k++) partial = peMac(pe, partial, wOp[k * N + n]!, xAt(m, k));
        out = accumulateOutput(out, groupContribution(pe, partial, scales[Math.floor(k0 / groupSize) * N + n]!, sa));
      }
      y[m * N + n] = out;
    }
  }
  return y;
}
