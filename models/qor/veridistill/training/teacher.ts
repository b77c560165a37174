import { tf, SeededRandom, batchGraphs, disposeGraph, gatherRows, meanOfInNeighbours, meanPoolGraphs, type GraphTensors, type Parameters } from '../../../common/index.ts';
import { trainLoop, type TrainHistory } from '../../../common/training/index.ts';
import type { NetlistGraph } from './netlist-graph.ts';

/**
 * The teacher: a GNN over the synthesized netlist (one node per mapped cell or port bit). It sees
 * what the student cannot (the synthesized circuit), so its graph embedding is a good target for
 * the student's decoder embedding. It is used in training only.
 */
export interface TeacherConfig {
  /** Cell kinds (Liberty cell names without the drive strength, plus port kinds); index = feature id. */
  readonly kinds: readonly string[];
  readonly dim: number;
  readonly layers: number;
  readonly embeddingDim: number;
  /** Larger netlists are node-sampled to this many nodes (see sampleGraph). */
  readonly maxNodes: number;
}

const prefix = 'teacher/';
export const teacherPrefix = prefix;

/** `NAND2_X1` -> `NAND2`; Yosys internal cells and port kinds stay as they are. */
export function cellKind(type: string): string {
  return type.replace(/_X\d+$/, '');
}

export function teacherKinds(graphs: readonly NetlistGraph[]): string[] {
  const kinds = new Set<string>();
  for (const g of graphs) for (const t of g.types) kinds.add(cellKind(t));
  return ['[other]', ...[...kinds].sort()];
}

export function defineTeacher(p: Parameters, c: TeacherConfig): void {
  p.add(`${prefix}kind`, [c.kinds.length, c.dim], { normal: 0.3 });
  for (let l = 0; l < c.layers; l++) {
    for (const w of ['self', 'in', 'out']) p.add(`${prefix}l${l}/${w}`, [c.dim, c.dim]);
    p.add(`${prefix}l${l}/b`, [c.dim], 'zeros');
  }
  p.add(`${prefix}readout`, [2 * c.dim + 1, c.embeddingDim]);
  p.add(`${prefix}readoutb`, [c.embeddingDim], 'zeros');
  p.add(`${prefix}head`, [c.embeddingDim, 2]);
  p.add(`${prefix}headb`, [2], 'zeros');
}

/** A batch of netlist graphs as tensors: forward edges, reversed edges, node kinds, and log of each graph's full node count. */
export interface TeacherBatch { forward: GraphTensors; backward: GraphTensors; kinds: tf.Tensor1D; logNodes: tf.Tensor2D }

/**
 * A graph with at most `maxNodes` nodes: larger netlists keep a seeded random node subset and
 * the edges among it (message passing then sees a thinned circuit; the pooled sums are rescaled
 * to the full node count, which the readout also receives). Keeps the teacher's cost bounded.
 */
export function sampleGraph(g: NetlistGraph, maxNodes: number, seed: number): { graph: NetlistGraph; fullNodes: number } {
  const n = g.nodeType.length;
  if (n <= maxNodes) return { graph: g, fullNodes: n };
  const keep = new SeededRandom(seed).shuffle(g.nodeType.map((_, i) => i)).slice(0, maxNodes).sort((a, b) => a - b);
  const newId = new Map(keep.map((old, i) => [old, i]));
  const src: number[] = [];
  const dst: number[] = [];
  for (let e = 0; e < g.src.length; e++) {
    const a = newId.get(g.src[e]);
    const b = newId.get(g.dst[e]);
    if (a !== undefined && b !== undefined) {
      src.push(a);
      dst.push(b);
    }
  }
  return { graph: { types: g.types, nodeType: keep.map((i) => g.nodeType[i]), src, dst }, fullNodes: n };
}

export function teacherBatch(c: TeacherConfig, graphs: readonly NetlistGraph[]): TeacherBatch {
  const index = new Map(c.kinds.map((k, i) => [k, i]));
  const sampled = graphs.map((g, i) => sampleGraph(g, c.maxNodes, i + g.nodeType.length));
  const kinds = sampled.flatMap(({ graph: g }) => g.nodeType.map((t) => index.get(cellKind(g.types[t])) ?? 0));
  const edges = sampled.map(({ graph: g }) => ({ numNodes: g.nodeType.length, src: g.src, dst: g.dst }));
  return {
    forward: batchGraphs(edges),
    backward: batchGraphs(edges.map((e) => ({ numNodes: e.numNodes, src: e.dst, dst: e.src }))),
    kinds: tf.tensor1d(kinds, 'int32'),
    logNodes: tf.tensor2d(sampled.map((s) => [Math.log1p(s.fullNodes)])),
  };
}

export function disposeTeacherBatch(b: TeacherBatch): void {
  disposeGraph(b.forward);
  disposeGraph(b.backward);
  tf.dispose([b.kinds, b.logNodes]);
}

/** Graph embeddings [graphs, embeddingDim] (tanh-bounded) and predictions [graphs, 2] (standardised log area, log delay). */
export function teacherForward(p: Parameters, c: TeacherConfig, b: TeacherBatch): { embedding: tf.Tensor2D; prediction: tf.Tensor2D } {
  let h = gatherRows(p.get(`${prefix}kind`), b.kinds) as tf.Tensor2D;
  for (let l = 0; l < c.layers; l++) {
    const L = `${prefix}l${l}/`;
    const fromIn = meanOfInNeighbours(h, b.forward).matMul(p.get(`${L}in`));
    const fromOut = meanOfInNeighbours(h, b.backward).matMul(p.get(`${L}out`));
    h = h.matMul(p.get(`${L}self`)).add(fromIn).add(fromOut).add(p.get(`${L}b`)).relu() as tf.Tensor2D;
  }
  // Mean pooling says what the circuit is made of; the log of the (full-size) sum says how much of it there is.
  const mean = meanPoolGraphs(h, b.forward);
  const logSums = mean.add(1e-3).log().add(b.logNodes);
  const pooled = tf.concat([mean, logSums, b.logNodes], 1);
  const embedding = pooled.matMul(p.get(`${prefix}readout`)).add(p.get(`${prefix}readoutb`)).tanh() as tf.Tensor2D;
  const prediction = embedding.matMul(p.get(`${prefix}head`)).add(p.get(`${prefix}headb`)) as tf.Tensor2D;
  return { embedding, prediction };
}

export interface TeacherTrainOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly seed: number;
  /** Nodes per batch (graphs are packed up to this many; a bigger graph goes alone). */
  readonly nodesPerBatch: number;
  readonly quiet?: boolean;
}

/** Packs graph indices into batches of at most `nodesPerBatch` nodes, in the given order. */
export function packByNodes(sizes: readonly number[], order: readonly number[], nodesPerBatch: number): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  let nodes = 0;
  for (const i of order) {
    if (cur.length > 0 && nodes + sizes[i] > nodesPerBatch) {
      out.push(cur);
      cur = [];
      nodes = 0;
    }
    cur.push(i);
    nodes += sizes[i];
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Trains the teacher on standardised targets [n][2]. Batches' tensors are built once and reused. */
export async function trainTeacher(p: Parameters, c: TeacherConfig, graphs: readonly NetlistGraph[], targets: readonly number[][], o: TeacherTrainOptions): Promise<TrainHistory> {
  const rng = new SeededRandom(o.seed);
  const sizes = graphs.map((g) => g.nodeType.length);
  const groups = packByNodes(sizes.map((n) => Math.min(n, c.maxNodes)), rng.shuffle(graphs.map((_, i) => i)), o.nodesPerBatch);
  const batches = groups.map((g) => ({ graph: teacherBatch(c, g.map((i) => graphs[i])), y: tf.tensor2d(g.map((i) => targets[i])) }));
  try {
    return await trainLoop({
      params: p,
      varList: p.list(prefix),
      optimizer: tf.train.adam(o.learningRate),
      epochs: o.epochs,
      batches: () => rng.shuffle(batches),
      loss: (b) => tf.losses.meanSquaredError(b.y, teacherForward(p, c, b.graph).prediction) as tf.Scalar,
      label: 'training teacher GNN',
      quiet: o.quiet,
    });
  } finally {
    for (const b of batches) {
      disposeTeacherBatch(b.graph);
      b.y.dispose();
    }
  }
}

/** Teacher embeddings and predictions for graphs, batched by node count. */
export function teacherOutputs(p: Parameters, c: TeacherConfig, graphs: readonly NetlistGraph[], nodesPerBatch: number): { embeddings: number[][]; predictions: number[][] } {
  const embeddings: number[][] = new Array(graphs.length);
  const predictions: number[][] = new Array(graphs.length);
  const sizes = graphs.map((g) => g.nodeType.length);
  for (const group of packByNodes(sizes.map((n) => Math.min(n, c.maxNodes)), graphs.map((_, i) => i), nodesPerBatch)) {
    const b = teacherBatch(c, group.map((i) => graphs[i]));
    const out = tf.tidy(() => {
      const r = teacherForward(p, c, b);
      return { e: r.embedding.arraySync(), y: r.prediction.arraySync() };
    });
    disposeTeacherBatch(b);
    group.forEach((gi, k) => {
      embeddings[gi] = out.e[k];
      predictions[gi] = out.y[k];
    });
  }
  return { embeddings, predictions };
}
