import { canvasToAig, graphProblem } from './canvas.ts';
import type { TruthFunction } from './data/truth-function.ts';
import type { DiffusionModel } from './diffusion-model.ts';
import type { Generated, Generator } from './evaluate.ts';
import { sampleGraphs, type SamplerOptions } from './sampler/sample.ts';

/**
 * A diffusion model with a sampler, as a Generator: all samples of a chunk of functions run as one
 * batch. `canvasOf` (a diagnostic) gives a function's level widths instead of draws from the prior.
 */
export function diffusionGenerator(name: string, model: DiffusionModel, sampler: SamplerOptions, canvasOf?: (t: TruthFunction) => readonly number[] | undefined): Generator {
  return {
    name,
    generate(targets: readonly TruthFunction[], samples: number, seed: number): Generated[][] {
      const jobs = targets.flatMap((target, k) => Array.from({ length: samples }, (_, i) => ({ target, seed: seed * 1_000_003 + k * 1009 + i * 7919 + 1, widths: canvasOf?.(target) })));
      const graphs = sampleGraphs(model, jobs, sampler);
      return targets.map((_, k) => graphs.slice(k * samples, (k + 1) * samples).map((g) => ({
        aig: graphProblem(g.graph) === undefined ? canvasToAig(g.graph) : undefined,
        rawValid: g.rawValid,
        repairedOutputs: g.repairedOutputs,
      })));
    },
  };
}
