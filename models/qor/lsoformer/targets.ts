// What the models predict, in a form that transfers across designs of any size: every label as the
// log of its ratio to the design's own starting point (AND nodes and levels before the recipe), then
// standardised with the training set's mean and deviation per channel. Channels: 0 nodes, 1 levels
// (after every step), 2 mapped area, 3 mapped delay (after the recipe).
import type { AigPoint } from '../../../eda/synth/recipes/index.ts';

export const CHANNELS = ['nodes', 'levels', 'area', 'delay'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The real-valued labels of one recipe run. */
export interface QorLabels {
  /** After each operation (steps[0] of the data set, the start, is left out). */
  readonly steps: readonly AigPoint[];
  readonly area: number;
  readonly delayPs: number;
}

/** The design's starting point the ratios are taken against. */
export interface Start { readonly nodes: number; readonly levels: number }

export interface Standardizer { readonly mean: readonly number[]; readonly std: readonly number[] }

const refOf = (start: Start, channel: number) => Math.max(1, channel % 2 === 0 ? start.nodes : start.levels);

/** Unstandardised log ratios: steps as [T][2] (nodes, levels), final as [4]. */
export function logRatios(labels: QorLabels, start: Start): { steps: number[][]; final: number[] } {
  const steps = labels.steps.map((p) => [Math.log(Math.max(1, p.nodes) / refOf(start, 0)), Math.log(Math.max(1, p.levels) / refOf(start, 1))]);
  const last = steps[steps.length - 1];
  return { steps, final: [last[0], last[1], Math.log(labels.area / refOf(start, 2)), Math.log(labels.delayPs / refOf(start, 3))] };
}

/** Channel means and deviations of the training runs' final labels. */
export function fitStandardizer(finals: readonly (readonly number[])[]): Standardizer {
  const mean = CHANNELS.map((_, c) => finals.reduce((s, f) => s + f[c], 0) / finals.length);
  const std = CHANNELS.map((_, c) => Math.sqrt(finals.reduce((s, f) => s + (f[c] - mean[c]) ** 2, 0) / finals.length) || 1);
  return { mean, std };
}

export const standardize = (v: number, channel: number, s: Standardizer) => (v - s.mean[channel]) / s.std[channel];

/** A standardised prediction back to the label's own unit (AND nodes, levels, area, ps). */
export function toLabel(y: number, channel: number, start: Start, s: Standardizer): number {
  return refOf(start, channel) * Math.exp(y * s.std[channel] + s.mean[channel]);
}
