// The AIG as the graph the encoders read: one node per combinational input (primary inputs and
// latch outputs), AND gate and combinational output (primary outputs and latch next states), edges
// from fanin to fanout, OpenABC-D's node features (node type, number of inverted inputs) and each
// node's logic level for level-wise pooling.
import { VarKind, litIsComplemented, litVar, type Aig } from '../../../eda/aig/index.ts';

/** Features per node: type one-hot (input, AND, output) and inverted-input count one-hot (0, 1, 2). */
export const NODE_FEATURES = 6;

export interface AigGraph {
  readonly numNodes: number;
  /** numNodes x NODE_FEATURES, row-major. */
  readonly features: Float32Array;
  /** Edges fanin -> node. */
  readonly src: Int32Array;
  readonly dst: Int32Array;
  /** Logic level: inputs 0, an AND 1 + its deepest fanin, every output depth + 1 (the last level). */
  readonly level: Int32Array;
  /** AIG depth (ABC's `lev`). */
  readonly depth: number;
  readonly ands: number;
  readonly inputs: number;
  readonly outputs: number;
}

/** The graph of the logic that reaches an output (as ABC's `strash` keeps it). */
export function aigGraph(source: Aig): AigGraph {
  const aig = source.cleanup();
  const node = new Int32Array(aig.variableCount).fill(-1);
  const features: number[] = [];
  const level: number[] = [];
  const src: number[] = [];
  const dst: number[] = [];
  const add = (type: 0 | 1 | 2, inverted: number, lvl: number): number => {
    features.push(type === 0 ? 1 : 0, type === 1 ? 1 : 0, type === 2 ? 1 : 0, inverted === 0 ? 1 : 0, inverted === 1 ? 1 : 0, inverted === 2 ? 1 : 0);
    level.push(lvl);
    return level.length - 1;
  };
  for (const v of aig.combinationalInputs()) node[v] = add(0, 0, 0);
  let depth = 0;
  let ands = 0;
  for (let v = 1; v < aig.variableCount; v++) {
    if (aig.kind(v) !== VarKind.And) continue;
    const fanins = [aig.fanin0(v), aig.fanin1(v)];
    const inverted = fanins.filter(litIsComplemented).length;
    // A constant fanin has no node (strashed AIGs have none; hand-made ones may).
    const lvl = 1 + Math.max(...fanins.map((l) => (node[litVar(l)] >= 0 ? level[node[litVar(l)]] : 0)));
    node[v] = add(1, inverted, lvl);
    ands++;
    depth = Math.max(depth, lvl);
    for (const l of fanins) if (node[litVar(l)] >= 0) (src.push(node[litVar(l)]), dst.push(node[v]));
  }
  const outputs = aig.combinationalOutputs();
  for (const lit of outputs) {
    const o = add(2, litIsComplemented(lit) ? 1 : 0, depth + 1);
    if (node[litVar(lit)] >= 0) (src.push(node[litVar(lit)]), dst.push(o));
  }
  return {
    numNodes: level.length,
    features: Float32Array.from(features),
    src: Int32Array.from(src),
    dst: Int32Array.from(dst),
    level: Int32Array.from(level),
    depth,
    ands,
    inputs: aig.combinationalInputs().length,
    outputs: outputs.length,
  };
}
