import { padCanvas, type Canvas, type CanvasGraph } from './canvas.ts';
import type { SignatureGroup } from './canvas-neighbours.ts';

/**
 * The structure canvas drawn from the training distribution given the input count: the level
 * widths of a random training graph (ABC's implementation, ANDs on their ASAP levels), then the same
 * random padding training applies (EMPTY slots on each level, sometimes an all-EMPTY level), so
 * the model has seen canvases like the ones it is asked to fill.
 */
export interface CanvasPrior {
  readonly inputs: number;
  readonly outputs: number;
  /** Level widths of the training graphs (one entry per graph). */
  readonly profiles: readonly (readonly number[])[];
  /**
   * The same widths grouped by the NPN-invariant signature of each graph's function, for the
   * function-conditioned prior (canvas-neighbours.ts). Absent in checkpoints written before it;
   * `tessera seadag canvas-index` adds it from the training data.
   */
  readonly bySignature?: readonly SignatureGroup[];
}

/** Extra EMPTY slots per level: 0, 1 or 2 with these probabilities. */
const EXTRA = [0.5, 0.35, 0.15];
/** Chance of one inserted all-EMPTY level of 1 or 2 slots. */
const INSERT_LEVEL = 0.25;

export interface Padding {
  readonly extra: number[];
  readonly insert: { before: number; width: number }[];
}

/** A random padding of a canvas with `levels` internal levels. */
export function randomPadding(levels: number, rand: () => number): Padding {
  const extra = Array.from({ length: levels }, () => {
    const u = rand();
    return u < EXTRA[0] ? 0 : u < EXTRA[0] + EXTRA[1] ? 1 : 2;
  });
  const insert = rand() < INSERT_LEVEL ? [{ before: Math.floor(rand() * (levels + 1)), width: 1 + Math.floor(rand() * 2) }] : [];
  return { extra, insert };
}

export function padGraph(g: CanvasGraph, rand: () => number): CanvasGraph {
  const p = randomPadding(g.canvas.widths.length, rand);
  return padCanvas(g, p.extra, p.insert);
}

/** A canvas for generation: a training graph's widths with a random padding. */
export function sampleCanvas(prior: CanvasPrior, rand: () => number): Canvas {
  if (prior.profiles.length === 0) throw new Error('sampleCanvas: the prior has no training profiles');
  return paddedCanvas(prior, prior.profiles[Math.floor(rand() * prior.profiles.length)], rand);
}

/** Given level widths with the random padding training applies. */
export function paddedCanvas(shape: Pick<CanvasPrior, 'inputs' | 'outputs'>, widths: readonly number[], rand: () => number): Canvas {
  const p = randomPadding(widths.length, rand);
  const out: number[] = [];
  for (let l = 0; l <= widths.length; l++) {
    for (const ins of p.insert) if (ins.before === l) out.push(ins.width);
    if (l < widths.length) out.push(widths[l] + p.extra[l]);
  }
  return { inputs: shape.inputs, outputs: shape.outputs, widths: out };
}
