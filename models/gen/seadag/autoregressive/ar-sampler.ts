import * as tf from '@tensorflow/tfjs';
import { Aig, type Literal } from '../../../../eda/aig/index.ts';
import { seededRandom } from '../../../../util/index.ts';
import { canvasSize } from '../canvas.ts';
import { complementTable, inputTable, isConstant, tablesEqual, type TruthFunction } from '../data/truth-function.ts';
import { packBatch } from '../model/features.ts';
import { batchTensors, disposeBatch, encode } from '../model/network.ts';
import { andTable, findAndPair, literalTable, type DecodeOptions } from '../sampler/level-decoding.ts';
import type { SampleJob } from '../sampler/sample.ts';
import { arHeads } from './ar-network.ts';
import type { ArModel } from './ar-model.ts';
import { stateGraph, type ArState, type FaninLiteral } from './ar-state.ts';

interface ArChain {
  readonly target: TruthFunction;
  readonly rand: () => number;
  readonly ands: [FaninLiteral, FaninLiteral][];
  /** Exact table of every state node. */
  readonly tables: Uint32Array[];
  outputs?: FaninLiteral[];
  repaired: number;
  forceStop: boolean;
}

function draw(logits: Float32Array, from: number, count: number, allowed: (k: number) => boolean, rand: () => number): number {
  let max = -Infinity;
  for (let k = 0; k < count; k++) if (allowed(k)) max = Math.max(max, logits[from + k]);
  if (max === -Infinity) return -1;
  const w = Array.from({ length: count }, (_, k) => (allowed(k) ? Math.exp(logits[from + k] - max) : 0));
  let r = rand() * w.reduce((a, b) => a + b, 0);
  for (let k = 0; k < count; k++) {
    r -= w[k];
    if (r < 0 && w[k] > 0) return k;
  }
  return w.findLastIndex((x) => x > 0);
}

/**
 * Samples the autoregressive baseline: one AND at a time (stop or add; first fanin literal; second
 * given the first), at stop each output's literal; the same checks as the diffusion sampler when
 * asked (redundant ANDs redrawn, exact outputs). Graphs always come out well-formed.
 */
export function sampleAutoregressive(model: ArModel, jobs: readonly SampleJob[], o: DecodeOptions): { aig: Aig; repairedOutputs: number }[] {
  const inputs = jobs[0].target.inputs;
  const O = jobs[0].target.tables.length;
  const chains: ArChain[] = jobs.map((j) => ({
    target: j.target, rand: seededRandom(j.seed), ands: [], tables: Array.from({ length: inputs }, (_, i) => inputTable(i, inputs)), repaired: 0, forceStop: false,
  }));
  const { network, maxAnds } = model.config;
  for (let active = chains; active.length > 0; active = active.filter((c) => !c.outputs)) {
    const states = active.map((c) => stateGraph({ inputs, outputs: O, ands: c.ands } satisfies ArState));
    const N = Math.max(...states.map((s) => canvasSize(s.graph.canvas)));
    const B = active.length;
    const t = batchTensors(packBatch(states.map((s, b) => ({ graph: s.graph, tau: new Int32Array(canvasSize(s.graph.canvas)), steps: 1, target: active[b].target })), N));
    const outputSelect = new Float32Array(B * O * N);
    states.forEach((s, b) => {
      const n = canvasSize(s.graph.canvas);
      for (let k = 0; k < O; k++) outputSelect[(b * O + k) * N + n - O + k] = 1;
    });
    const outSel = tf.tensor3d(outputSelect, [B, O, N]);
    const h = tf.tidy(() => encode(model.params, network, t));
    const heads = (first: Float32Array) => tf.tidy(() => {
      const r = arHeads(model.params, network, t, h, tf.tensor3d(first, [B, 1, N]), outSel);
      return { stop: r.stop.dataSync() as Float32Array, first: r.first.dataSync() as Float32Array, second: r.second.dataSync() as Float32Array, outputs: r.outputs.dataSync() as Float32Array };
    });
    const phase1 = heads(new Float32Array(B * N));
    const firstSelect = new Float32Array(B * N);
    const firsts: (FaninLiteral | undefined)[] = active.map((c, b) => {
      const s = states[b];
      const n = canvasSize(s.graph.canvas);
      const stop = c.forceStop || c.ands.length >= maxAnds || c.rand() < 1 / (1 + Math.exp(-phase1.stop[b]));
      if (stop) {
        c.outputs = chooseOutputs(c, phase1.outputs, b, N, n, s.stateIndex, o);
        return undefined;
      }
      const k = draw(phase1.first, b * N * 2, (n - O) * 2, () => true, c.rand);
      const v = k >> 1;
      firstSelect[b * N + v] = 1;
      return [s.stateIndex[v], (k & 1) === 1];
    });
    const phase2 = heads(firstSelect);
    active.forEach((c, b) => {
      const first = firsts[b];
      if (!first) return;
      const s = states[b];
      const n = canvasSize(s.graph.canvas);
      const canvasOf = (stateNode: number) => s.stateIndex.indexOf(stateNode);
      const firstCanvas = canvasOf(first[0]);
      const fa = literalTable(c.tables[first[0]], first[1], inputs);
      for (let attempt = 0; attempt < (o.rejectRedundant ? 6 : 1); attempt++) {
        const k = draw(phase2.second, b * N * 2, (n - O) * 2, (x) => x >> 1 !== firstCanvas, c.rand);
        if (k < 0) break;
        const second: FaninLiteral = [s.stateIndex[k >> 1], (k & 1) === 1];
        const t2 = andTable(fa, literalTable(c.tables[second[0]], second[1], inputs));
        if (o.rejectRedundant && (isConstant(t2, inputs) || c.tables.some((x) => tablesEqual(x, t2) || tablesEqual(complementTable(x, inputs), t2)))) continue;
        c.ands.push([first, second]);
        c.tables.push(t2);
        return;
      }
      c.forceStop = true;
    });
    tf.dispose([h, outSel]);
    disposeBatch(t);
  }
  return chains.map((c) => ({ aig: chainAig(c, inputs), repairedOutputs: c.repaired }));
}

function chooseOutputs(c: ArChain, logits: Float32Array, b: number, N: number, n: number, stateIndex: readonly number[], o: DecodeOptions): FaninLiteral[] {
  const O = c.target.tables.length;
  const inputs = c.target.inputs;
  return c.target.tables.map((f, k) => {
    const base = (b * O + k) * N * 2;
    if (o.exactOutputs) {
      let best: FaninLiteral | undefined;
      let bestLogit = -Infinity;
      for (let v = 0; v < n - O; v++) {
        const u = stateIndex[v];
        for (const neg of [false, true]) {
          if (!tablesEqual(literalTable(c.tables[u], neg, inputs), f)) continue;
          const l = logits[base + 2 * v + (neg ? 1 : 0)];
          if (l > bestLogit) [best, bestLogit] = [[u, neg], l];
        }
      }
      if (best) return best;
      const pair = findAndPair(c.tables, c.tables.length, f, inputs);
      if (pair) {
        c.ands.push([pair.a, pair.b]);
        c.tables.push(andTable(literalTable(c.tables[pair.a[0]], pair.a[1], inputs), literalTable(c.tables[pair.b[0]], pair.b[1], inputs)));
        c.repaired++;
        return [c.tables.length - 1, pair.complemented];
      }
    }
    const v = draw(logits, base, (n - O) * 2, () => true, c.rand);
    return [stateIndex[v >> 1], (v & 1) === 1];
  });
}

function chainAig(c: ArChain, inputs: number): Aig {
  const aig = new Aig('seadag-ar');
  const lits: Literal[] = [];
  for (let i = 0; i < inputs; i++) lits.push(aig.addInput(`x${i}`));
  const lit = ([u, neg]: FaninLiteral) => lits[u] ^ (neg ? 1 : 0);
  for (const [a, b] of c.ands) lits.push(aig.andRaw(lit(a), lit(b), true));
  c.outputs!.forEach((f, k) => aig.addOutput(lit(f), `y${k}`));
  return aig;
}
