import * as tf from '@tensorflow/tfjs';
import { applyThreshold, macroF1, rocAuc } from '../common/index.ts';
import { type GemmBackend, type GemmCost, type LedgerEntry, type PreparedWeights } from '../common/gemm/index.ts';
import type { Gemm } from './layers.ts';
import { type Mix, type NodeScorer, mixScores } from './model.ts';

/**
 * Routes a model's dense products through a GemmBackend: each weight matrix is prepared once (on
 * the array: quantized as the PE kind stores it) and every product is booked in the backend's
 * ledger under the layer's name (`hyperbolic.0.msg2` -> kind `hyperbolic.msg2`, layer 0).
 */
export class BackendGemm {
  private readonly prepared = new Map<string, PreparedWeights>();

  constructor(readonly backend: GemmBackend) {}

  readonly gemm: Gemm = (a, b, site) => {
    const [m, k] = a.shape;
    const n = b.shape[1];
    let w = this.prepared.get(site);
    if (!w) {
      w = this.backend.prepare(b.dataSync() as Float32Array, k, n);
      this.prepared.set(site, w);
    }
    const parts = site.split('.');
    const layerIndex = parts.findIndex((p) => /^\d+$/.test(p));
    const label = layerIndex < 0 ? { kind: site } : { kind: parts.filter((_, i) => i !== layerIndex).join('.'), layer: Number(parts[layerIndex]) };
    return tf.tensor2d(this.backend.linear(a.dataSync() as Float32Array, m, w, label), [m, n]);
  };
}

export interface ArrayEvaluation {
  readonly backend: string;
  /** The test AUC and macro-F1 of the scores the backend computed (threshold and mix as chosen in float32 training). */
  readonly test: { readonly auc: number; readonly f1: number };
  /** One inference over every node of the graph. */
  readonly nodes: number;
  readonly macs: number;
  readonly cost: GemmCost;
  readonly byKind: readonly LedgerEntry[];
  readonly seconds: number;
}

/**
 * Scores every node of the graph once with the model's products on `backend`, and the test nodes'
 * AUC and macro-F1 from those scores (the mix and threshold chosen on validation in float32).
 */
export function evaluateOnBackend(model: NodeScorer, backend: GemmBackend, labels: Uint8Array, test: Int32Array, mix: Mix, threshold: number): ArrayEvaluation {
  const t0 = performance.now();
  backend.ledger.reset();
  const all = Int32Array.from({ length: labels.length }, (_, i) => i);
  const scores = mixScores(model.predict(all, new BackendGemm(backend).gemm), mix);
  const testScores = Float32Array.from(test, (i) => scores[i]);
  const testLabels = Uint8Array.from(test, (i) => labels[i]);
  const total = backend.ledger.total();
  return {
    backend: backend.description,
    test: { auc: rocAuc(testScores, testLabels), f1: macroF1(applyThreshold(testScores, threshold), testLabels) },
    nodes: labels.length,
    macs: total.macs,
    cost: total.cost,
    byKind: [...backend.ledger.byKind().values()],
    seconds: (performance.now() - t0) / 1000,
  };
}
