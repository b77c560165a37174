import { canvasToAig, graphProblem } from './canvas.ts';
import { nearestWidths } from './canvas-neighbours.ts';
import type { TruthFunction } from './data/truth-function.ts';
import type { DiffusionModel } from './diffusion-model.ts';
import type { Generated, Generator } from './evaluate.ts';
import { sampleGraphs, type SamplerOptions } from './sampler/sample.ts';

/**
 * Where each sample's canvas (level widths) comes from: the training prior (any training graph's
 * widths), the widths of the k training graphs nearest to the function by its NPN-invariant
 * signature (needs the checkpoint's signature index), or given widths (a diagnostic, e.g. ABC's own).
 */
export type CanvasSource =
  | { readonly kind: 'prior' }
  | { readonly kind: 'neighbours'; readonly k: number }
  | { readonly kind: 'given'; readonly widthsOf: (t: TruthFunction) => readonly number[] | undefined };

/** The function-conditioned prior's K, chosen on the validation classes (docs/seadag.md); 0 keeps the training prior. */
export const DEFAULT_CANVAS_NEIGHBOURS = 0;

/** The canvas a model samples on by default: the function-conditioned prior when the default K is set and the checkpoint has the index, else the training prior. */
export function defaultCanvas(model: DiffusionModel): CanvasSource {
  return DEFAULT_CANVAS_NEIGHBOURS > 0 && model.config.prior.bySignature ? { kind: 'neighbours', k: DEFAULT_CANVAS_NEIGHBOURS } : { kind: 'prior' };
}

/** How a canvas source is named in reports. */
export function canvasName(c: CanvasSource): string {
  return c.kind === 'neighbours' ? `${c.k} nearest training functions` : c.kind === 'given' ? 'given widths' : 'training prior';
}

/** A diffusion model with a sampler, as a Generator: all samples of a chunk of functions run as one batch. */
export function diffusionGenerator(name: string, model: DiffusionModel, sampler: SamplerOptions, canvas: CanvasSource = { kind: 'prior' }): Generator {
  const index = model.config.prior.bySignature;
  if (canvas.kind === 'neighbours' && !index) throw new Error(`diffusionGenerator: the ${model.config.setting} ${model.config.variant} checkpoint has no signature index for the conditioned canvas prior`);
  return {
    name,
    generate(targets: readonly TruthFunction[], samples: number, seed: number): Generated[][] {
      const jobs = targets.flatMap((target, k) => {
        const widths = canvas.kind === 'given' ? canvas.widthsOf(target) : undefined;
        const near = canvas.kind === 'neighbours' ? nearestWidths(index!, target, canvas.k) : undefined;
        return Array.from({ length: samples }, (_, i) => ({ target, seed: seed * 1_000_003 + k * 1009 + i * 7919 + 1, widths, near }));
      });
      const graphs = sampleGraphs(model, jobs, sampler);
      return targets.map((_, k) => graphs.slice(k * samples, (k + 1) * samples).map((g) => ({
        aig: graphProblem(g.graph) === undefined ? canvasToAig(g.graph) : undefined,
        rawValid: g.rawValid,
        repairedOutputs: g.repairedOutputs,
      })));
    },
  };
}
