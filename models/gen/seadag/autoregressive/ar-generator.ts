import type { TruthFunction } from '../data/truth-function.ts';
import type { Generated, Generator } from '../evaluate.ts';
import type { DecodeOptions } from '../sampler/level-decoding.ts';
import type { ArModel } from './ar-model.ts';
import { sampleAutoregressive } from './ar-sampler.ts';

/** The autoregressive baseline as a Generator (its graphs are well-formed by construction, so raw validity is 1). */
export function autoregressiveGenerator(name: string, model: ArModel, o: DecodeOptions): Generator {
  return {
    name,
    generate(targets: readonly TruthFunction[], samples: number, seed: number): Generated[][] {
      const jobs = targets.flatMap((target, k) => Array.from({ length: samples }, (_, i) => ({ target, seed: seed * 1_000_003 + k * 1009 + i * 7919 + 1 })));
      const out = sampleAutoregressive(model, jobs, o);
      return targets.map((_, k) => out.slice(k * samples, (k + 1) * samples).map((s) => ({ aig: s.aig, rawValid: true, repairedOutputs: s.repairedOutputs })));
    },
  };
}
