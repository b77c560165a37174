import { EDGE_NONE, canvasLevels, canvasSize, edgeSlotMask, emptyGraph, levelStarts, nodeLevels, type CanvasGraph } from '../canvas.ts';
import { paddedCanvas, sampleCanvas } from '../canvas-prior.ts';
import { drawWidths, type WeightedWidths } from '../canvas-neighbours.ts';
import { inputTable, type TruthFunction } from '../data/truth-function.ts';
import type { DiffusionModel } from '../diffusion-model.ts';
import { nodeSteps } from '../diffusion/noising.ts';
import { globalSteps, noiseClass, posterior } from '../diffusion/schedule.ts';
import { seededRandom } from '../../../../util/index.ts';
import { candidateScore } from './candidate-score.ts';
import { applyLevel, argmaxWellFormed, decodeOutputs, drawSlotLevel, type ChainGraph, type DecodeOptions, type LevelChoice } from './level-decoding.ts';
import { predict, type GuidanceTargets } from './predictions.ts';

/**
 * How a sample is drawn. The plain sampler is the model alone: ancestral sampling with the
 * layer-wise schedule, each level's final state drawn from the prediction as a well-formed level.
 * The guided sampler, still one sample per call, adds the property decoder: a choice among
 * `candidates` draws of each level by the decoded likelihood of the requested table, redundant
 * ANDs redrawn, and exact outputs (see DecodeOptions); gradient guidance of the edge probabilities
 * is available (`guidance` > 0) but off: on the validation classes it lowered bit accuracy (65.5 %
 * without, 55.9 % at strength 1, 52.6 % at 3) and more candidates raised it (60.6 % with 1, 65.5 %
 * with 8, 67.7 % with 32), docs/seadag.md.
 */
export interface SamplerOptions extends DecodeOptions {
  readonly guidance: number;
  readonly candidates: number;
}

export const PLAIN_SAMPLER: SamplerOptions = { guidance: 0, candidates: 1, rejectRedundant: false, exactOutputs: false };
export const GUIDED_SAMPLER: SamplerOptions = { guidance: 0, candidates: 32, rejectRedundant: true, exactOutputs: true };

export interface GeneratedGraph {
  /** The final well-formed canvas graph. */
  readonly graph: CanvasGraph;
  /** Whether every level's unconstrained argmax prediction was already well-formed. */
  readonly rawValid: boolean;
  /** Outputs that needed the extra AND of the exact-output step. */
  readonly repairedOutputs: number;
}

export interface SampleJob {
  readonly target: TruthFunction;
  readonly seed: number;
  /** Level widths to pad and fill instead of a draw from the canvas prior (a diagnostic: e.g. ABC's own level widths). */
  readonly widths?: readonly number[];
  /** Level widths to draw from instead of the whole prior (the function-conditioned prior, canvas-neighbours.ts). */
  readonly near?: WeightedWidths;
}

interface Chain extends ChainGraph {
  readonly rand: () => number;
  readonly levels: number;
  step: number;
  rawValid: boolean;
  repaired: number;
}

function startChain(model: DiffusionModel, job: SampleJob, batchIndex: number): Chain {
  const rand = seededRandom(job.seed);
  const { marginals: m, prior, schedule } = model.config;
  const canvas = job.widths ? paddedCanvas(prior, job.widths, rand) : job.near ? paddedCanvas(prior, drawWidths(job.near, rand), rand) : sampleCanvas(prior, rand);
  const graph = emptyGraph(canvas);
  const n = canvasSize(canvas);
  const mask = edgeSlotMask(canvas);
  for (let v = canvas.inputs; v < n; v++) {
    const isOutput = v >= n - canvas.outputs;
    if (!isOutput) graph.type[v] = noiseClass(0, 0, m.type, rand());
    for (let u = 0; u < n; u++) if (mask[v * n + u]) graph.edge[v * n + u] = noiseClass(0, 0, isOutput ? m.outputEdge : m.slotEdge, rand());
  }
  const tables: (Uint32Array | undefined)[] = new Array(n).fill(undefined);
  for (let i = 0; i < canvas.inputs; i++) tables[i] = inputTable(i, canvas.inputs);
  const levels = canvasLevels(canvas);
  return { graph, tables, target: job.target, batchIndex, rand, levels, step: globalSteps(schedule, levels), rawValid: true, repaired: 0 };
}

function guidanceTargets(chains: readonly Chain[], taus: readonly Int32Array[], size: number, strength: number): GuidanceTargets {
  const B = chains.length;
  const c0 = chains[0].graph.canvas;
  const M = 2 ** c0.inputs;
  const O = c0.outputs;
  const noisyRows = new Float32Array(B * size);
  const inputValues = new Float32Array(B * size * M);
  const inputMask = new Float32Array(B * size);
  const outputSelect = new Float32Array(B * O * size);
  const target = new Float32Array(B * O * M);
  chains.forEach((c, b) => {
    const n = canvasSize(c.graph.canvas);
    for (let v = c0.inputs; v < n; v++) if (taus[b][v] > 0) noisyRows[b * size + v] = 1;
    for (let i = 0; i < c0.inputs; i++) {
      inputMask[b * size + i] = 1;
      for (let m = 0; m < M; m++) inputValues[(b * size + i) * M + m] = (m >>> i) & 1;
    }
    for (let o = 0; o < O; o++) {
      outputSelect[(b * O + o) * size + n - O + o] = 1;
      const f = c.target.tables[o];
      for (let m = 0; m < M; m++) target[(b * O + o) * M + m] = (f[m >>> 5] >>> (m & 31)) & 1;
    }
  });
  return { strength, noisyRows, inputValues, inputMask, outputSelect, target, minterms: M, outputs: O, depth: Math.max(...chains.map((c) => c.levels)) };
}

/** Moves the rows that stay noisy one step down: each type and edge slot from its posterior. */
function denoiseRows(model: DiffusionModel, c: Chain, p: ReturnType<typeof predict>, tauNow: Int32Array, tauNext: Int32Array): void {
  const { marginals: m, schedule } = model.config;
  const g = c.graph;
  const n = canvasSize(g.canvas);
  const mask = edgeSlotMask(g.canvas);
  const base = c.batchIndex * p.size;
  for (let v = g.canvas.inputs; v < n; v++) {
    if (tauNext[v] === tauNow[v] || tauNext[v] === 0) continue;
    const isOutput = v >= n - g.canvas.outputs;
    if (!isOutput) {
      const a = p.and[base + v];
      g.type[v] = pickClass(posterior(schedule, tauNow[v], g.type[v], [1 - a, a], m.type), c.rand());
    }
    const me = isOutput ? m.outputEdge : m.slotEdge;
    for (let u = 0; u < n; u++) {
      if (!mask[v * n + u]) continue;
      const at = (base + v) * p.size + u;
      const pl = p.plain[at];
      const co = p.complemented[at];
      g.edge[v * n + u] = pickClass(posterior(schedule, tauNow[v], g.edge[v * n + u], [Math.max(0, 1 - pl - co), pl, co], me), c.rand());
    }
  }
}

function pickClass(probs: readonly number[], u: number): number {
  let r = u;
  for (let k = 0; k < probs.length; k++) {
    r -= probs[k];
    if (r < 0) return k;
  }
  return probs.length - 1;
}

/** Fixes every level whose local step reaches 0 now, lowest first. */
function finalizeLevels(c: Chain, p: ReturnType<typeof predict>, tauNow: Int32Array, tauNext: Int32Array, o: SamplerOptions): void {
  const canvas = c.graph.canvas;
  const starts = levelStarts(canvas);
  const level = nodeLevels(canvas);
  const n = canvasSize(canvas);
  for (let l = 1; l < starts.length - 1; l++) {
    const start = starts[l];
    if (start >= n || !(tauNow[start] > 0 && tauNext[start] === 0) || level[start] !== l) continue;
    const rows = Array.from({ length: starts[l + 1] - start }, (_, k) => start + k);
    if (!argmaxWellFormed(c, p, rows, start)) c.rawValid = false;
    if (l === starts.length - 2) {
      c.repaired += decodeOutputs(c, p, o, c.rand);
      continue;
    }
    let best: LevelChoice | undefined;
    let bestScore = -Infinity;
    for (let k = 0; k < Math.max(1, o.candidates); k++) {
      const choice = drawSlotLevel(c, p, l, o, c.rand);
      if (o.candidates <= 1) {
        best = choice;
        break;
      }
      const score = candidateScore(c, p, choice);
      if (score > bestScore) [best, bestScore] = [choice, score];
    }
    applyLevel(c, best!);
  }
}

/**
 * Draws one graph per job (jobs may ask for different functions of the same setting), running
 * them together as one batch per denoising step.
 */
export function sampleGraphs(model: DiffusionModel, jobs: readonly SampleJob[], o: SamplerOptions): GeneratedGraph[] {
  const chains = jobs.map((j, i) => startChain(model, j, i));
  const { schedule, network } = model.config;
  const size = Math.max(...chains.map((c) => canvasSize(c.graph.canvas)));
  for (let active = chains; active.length > 0; active = active.filter((c) => c.step > 0)) {
    active.forEach((c, i) => (c.batchIndex = i));
    const taus = active.map((c) => nodeSteps(c.graph, schedule, c.step));
    const next = active.map((c) => nodeSteps(c.graph, schedule, c.step - 1));
    const items = active.map((c, i) => ({ graph: c.graph, tau: taus[i], steps: schedule.steps, target: c.target }));
    const p = predict(model.params, network, items, size, o.guidance > 0 ? guidanceTargets(active, taus, size, o.guidance) : undefined);
    active.forEach((c, i) => {
      denoiseRows(model, c, p, taus[i], next[i]);
      finalizeLevels(c, p, taus[i], next[i], o);
      c.step--;
    });
  }
  for (const c of chains) {
    const n = canvasSize(c.graph.canvas);
    for (let v = c.graph.canvas.inputs; v < n; v++) if (c.tables[v] === undefined) for (let u = 0; u < n; u++) c.graph.edge[v * n + u] = EDGE_NONE;
  }
  return chains.map((c) => ({ graph: c.graph, rawValid: c.rawValid, repairedOutputs: c.repaired }));
}
