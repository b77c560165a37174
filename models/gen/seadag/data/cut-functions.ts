import { VarKind, exhaustivePatterns, litVar, truthTableMask, type Aig } from '../../../../eda/aig/index.ts';
import { seededUint32 } from '../../../../util/index.ts';
import type { TruthFunction } from './truth-function.ts';

/**
 * Cut functions of a circuit: the function of a node over the leaves of one of its k-feasible
 * cuts (the classic source of small realistic functions). Cuts are enumerated bottom-up with at
 * most `cutsPerNode` kept per node, smallest first.
 */
export interface CutOptions {
  readonly k: number;
  readonly cutsPerNode: number;
  /** How many functions to return at most (roots are drawn at random, with the seed). */
  readonly limit: number;
  readonly seed: number;
  /** For two-output functions: a second node inside the cut's cone becomes the second output. */
  readonly outputs: 1 | 2;
}

function mergeCuts(a: readonly number[], b: readonly number[], k: number): number[] | undefined {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
    else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
    else {
      out.push(a[i++]);
      j++;
    }
    if (out.length > k) return undefined;
  }
  return out;
}

/** Every kept cut of every AND node (the trivial cut {v} first); inputs and latches have only their trivial cut. */
export function enumerateCuts(aig: Aig, k: number, cutsPerNode: number): number[][][] {
  const cuts: number[][][] = new Array(aig.variableCount);
  for (let v = 0; v < aig.variableCount; v++) {
    if (aig.kind(v) !== VarKind.And) {
      cuts[v] = [[v]];
      continue;
    }
    const a = cuts[litVar(aig.fanin0(v))];
    const b = cuts[litVar(aig.fanin1(v))];
    const seen = new Set<string>();
    const merged: number[][] = [];
    for (const ca of a) {
      for (const cb of b) {
        const m = mergeCuts(ca, cb, k);
        if (!m) continue;
        const key = m.join(',');
        if (!seen.has(key)) {
          seen.add(key);
          merged.push(m);
        }
      }
    }
    merged.sort((x, y) => x.length - y.length);
    cuts[v] = [[v], ...merged.slice(0, cutsPerNode - 1)];
  }
  return cuts;
}

/** The nodes strictly between a cut's leaves and its root (the root included), in topological order. */
function coneNodes(aig: Aig, root: number, leaves: readonly number[]): number[] {
  const leafSet = new Set(leaves);
  const seen = new Set<number>();
  const stack = [root];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (seen.has(v) || leafSet.has(v)) continue;
    if (aig.kind(v) !== VarKind.And) return []; // the cut does not separate the root from the inputs
    seen.add(v);
    stack.push(litVar(aig.fanin0(v)), litVar(aig.fanin1(v)));
  }
  return [...seen].sort((x, y) => x - y);
}

/** Truth tables of cone nodes over the cut leaves (leaf i is variable i). */
function coneTables(aig: Aig, cone: readonly number[], leaves: readonly number[]): Map<number, Uint32Array> {
  const n = leaves.length;
  const { words, patterns } = exhaustivePatterns(n);
  const mask = truthTableMask(n);
  const table = new Map<number, Uint32Array>();
  leaves.forEach((v, i) => table.set(v, patterns.slice(i * words, (i + 1) * words)));
  for (const v of cone) {
    const f0 = aig.fanin0(v);
    const f1 = aig.fanin1(v);
    const a = table.get(litVar(f0))!;
    const b = table.get(litVar(f1))!;
    const ca = f0 & 1 ? 0xffffffff : 0;
    const cb = f1 & 1 ? 0xffffffff : 0;
    const t = new Uint32Array(words);
    for (let w = 0; w < words; w++) t[w] = (a[w] ^ ca) & (b[w] ^ cb);
    t[words - 1] &= mask;
    table.set(v, t);
  }
  return table;
}

/** Functions of random nodes over their k-leaf cuts (exactly k leaves), as many as `limit`. */
export function cutFunctions(aig: Aig, o: CutOptions): TruthFunction[] {
  const cuts = enumerateCuts(aig, o.k, o.cutsPerNode);
  const candidates: [number, number[]][] = [];
  for (const v of aig.andVariables()) for (const c of cuts[v]) if (c.length === o.k) candidates.push([v, c]);
  const next = seededUint32(o.seed);
  const out: TruthFunction[] = [];
  for (let tries = 0; out.length < o.limit && tries < 3 * o.limit && candidates.length > 0; tries++) {
    const [root, leaves] = candidates[next() % candidates.length];
    const cone = coneNodes(aig, root, leaves);
    if (cone.length === 0) continue;
    const tables = coneTables(aig, cone, leaves);
    const first = tables.get(root)!;
    if (o.outputs === 1) {
      out.push({ inputs: o.k, tables: [first] });
      continue;
    }
    const inner = cone.filter((v) => v !== root);
    if (inner.length === 0) continue;
    out.push({ inputs: o.k, tables: [first, tables.get(inner[next() % inner.length])!] });
  }
  return out;
}

/**
 * Functions of the circuit's own outputs whose structural support has exactly `k` inputs (for
 * two outputs: pairs of such outputs whose supports together have exactly `k`).
 */
export function outputFunctions(aig: Aig, k: number, outputs: 1 | 2, limit: number): TruthFunction[] {
  const cis = new Set(aig.combinationalInputs());
  const roots = aig.outputs.map((o) => o.lit);
  const supports = roots.map((lit) => {
    const mark = aig.coneOf([lit]);
    return [...cis].filter((v) => mark[v]).sort((x, y) => x - y);
  });
  const tableOf = (lit: number, leaves: number[]): Uint32Array | undefined => {
    const v = litVar(lit);
    if (v === 0) return undefined;
    const cone = cis.has(v) ? [] : coneNodes(aig, v, leaves);
    if (!cis.has(v) && cone.length === 0) return undefined;
    const t = coneTables(aig, cone, leaves).get(v)!.slice();
    if (lit & 1) for (let w = 0; w < t.length; w++) t[w] = ~t[w] >>> 0;
    t[t.length - 1] &= truthTableMask(leaves.length);
    return t;
  };
  const out: TruthFunction[] = [];
  for (let a = 0; a < roots.length && out.length < limit; a++) {
    if (outputs === 1) {
      if (supports[a].length !== k) continue;
      const t = tableOf(roots[a], supports[a]);
      if (t) out.push({ inputs: k, tables: [t] });
      continue;
    }
    for (let b = a + 1; b < roots.length && out.length < limit; b++) {
      const leaves = [...new Set([...supports[a], ...supports[b]])].sort((x, y) => x - y);
      if (leaves.length !== k) continue;
      const ta = tableOf(roots[a], leaves);
      const tb = tableOf(roots[b], leaves);
      if (ta && tb) out.push({ inputs: k, tables: [ta, tb] });
    }
  }
  return out;
}
