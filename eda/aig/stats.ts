import { Aig, VarKind, litVar } from './aig.ts';

/** The counts `tessera aig stats` prints, measured as ABC's `strash; print_stats` does. */
export interface AigStats {
  inputs: number;
  outputs: number;
  latches: number;
  ands: number;
  levels: number;
}

/** Level of every variable: 0 for constants, inputs and latches, 1 + the deeper fanin for ANDs. */
export function levels(aig: Aig): Int32Array {
  const level = new Int32Array(aig.variableCount);
  for (let v = 1; v < aig.variableCount; v++) {
    if (aig.kind(v) !== VarKind.And) continue;
    level[v] = 1 + Math.max(level[litVar(aig.fanin0(v))], level[litVar(aig.fanin1(v))]);
  }
  return level;
}

/** Depth: the deepest combinational output (primary outputs and latch next states). */
export function depth(aig: Aig): number {
  const level = levels(aig);
  let d = 0;
  for (const lit of aig.combinationalOutputs()) d = Math.max(d, level[litVar(lit)]);
  return d;
}

/**
 * Stats after structural hashing and removal of logic that reaches no output, as ABC counts:
 * `ands` are the AND nodes left, `levels` the depth.
 */
export function aigStats(aig: Aig): AigStats {
  const clean = aig.cleanup();
  return {
    inputs: clean.inputs.length,
    outputs: clean.outputs.length,
    latches: clean.latches.length,
    ands: clean.andCount,
    levels: depth(clean),
  };
}

export interface FanoutStats {
  /** Fanout of every node that can drive something (inputs, latches, ANDs); outputs count as fanouts. */
  max: number;
  mean: number;
  /** histogram[k] = number of nodes with fanout k (the last bucket collects everything >= its index). */
  histogram: number[];
}

export function fanoutStats(aig: Aig, buckets = 16): FanoutStats {
  const fanout = new Int32Array(aig.variableCount);
  for (const v of aig.andVariables()) {
    fanout[litVar(aig.fanin0(v))]++;
    fanout[litVar(aig.fanin1(v))]++;
  }
  for (const lit of aig.combinationalOutputs()) fanout[litVar(lit)]++;
  const histogram = new Array<number>(buckets).fill(0);
  let max = 0;
  let sum = 0;
  let nodes = 0;
  for (let v = 1; v < aig.variableCount; v++) {
    const f = fanout[v];
    max = Math.max(max, f);
    sum += f;
    nodes++;
    histogram[Math.min(f, buckets - 1)]++;
  }
  return { max, mean: nodes > 0 ? sum / nodes : 0, histogram };
}
