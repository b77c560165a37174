import { lexVerilog, parseVerilogNumber, type VerilogToken } from '../../../eda/verilog/index.ts';

/**
 * Plain baselines: operator and register counts of the RTL (from the in-repo lexer) with a
 * ridge linear model or gradient-boosted regression trees.
 */
const countedOperators = ['+', '-', '*', '/', '%', '**', '<<', '>>', '<<<', '>>>', '==', '!=', '<', '>', '<=', '>=', '&', '|', '^', '~', '!', '&&', '||', '?', '~^', '^~'];
const countedKeywords = ['always', 'posedge', 'negedge', 'reg', 'wire', 'assign', 'case', 'casez', 'casex', 'if', 'for', 'module', 'input', 'output', 'function', 'generate'];

export const baselineFeatureNames = ['tokens', ...countedOperators.map((o) => `op ${o}`), ...countedKeywords.map((k) => `kw ${k}`), 'declared bits', 'register bits'];

function literalValue(t: VerilogToken | undefined): number | undefined {
  if (!t || t.kind !== 'number') return undefined;
  const n = parseVerilogNumber(t.image);
  return typeof n === 'string' || n.bits.length > 40 ? undefined : parseInt(n.bits.replace(/[xz]/g, '0') || '0', 2);
}

/** Bits of a declaration starting after a `reg`/`wire`/port keyword: width x names until `;` or `)`. */
function declaredBits(tokens: readonly VerilogToken[], at: number): number {
  let i = at;
  while (tokens[i] && (tokens[i].image === 'signed' || tokens[i].image === 'reg' || tokens[i].image === 'wire')) i++;
  let width = 1;
  if (tokens[i]?.image === '[') {
    const hi = literalValue(tokens[i + 1]);
    const lo = literalValue(tokens[i + 3]);
    if (hi !== undefined && lo !== undefined && tokens[i + 2]?.image === ':') width = Math.abs(hi - lo) + 1;
    while (tokens[i] && tokens[i].image !== ']') i++;
    i++;
  }
  let names = 0;
  for (; tokens[i] && tokens[i].image !== ';' && tokens[i].image !== ')' && !(tokens[i].kind === 'keyword'); i++) {
    if (tokens[i].kind === 'identifier' && tokens[i - 1]?.image !== '=') names++;
  }
  return width * Math.max(1, names);
}

/** log(1 + count) of each operator/keyword, plus declared and register bits, for one design's text (`tokens`: its tokens, if already lexed). */
export function baselineFeatures(text: string, tokens: readonly VerilogToken[] = lexVerilog(text, 'design.v').tokens): number[] {
  const ops = new Map(countedOperators.map((o) => [o, 0]));
  const kws = new Map(countedKeywords.map((k) => [k, 0]));
  let declared = 0;
  let registers = 0;
  tokens.forEach((t, i) => {
    if (t.kind === 'operator' && ops.has(t.image)) ops.set(t.image, ops.get(t.image)! + 1);
    if (t.kind === 'keyword' && kws.has(t.image)) kws.set(t.image, kws.get(t.image)! + 1);
    if (t.kind === 'keyword' && ['reg', 'wire', 'input', 'output'].includes(t.image)) {
      const bits = declaredBits(tokens, i + 1);
      declared += bits;
      if (t.image === 'reg' || tokens[i + 1]?.image === 'reg') registers += bits;
    }
  });
  return [tokens.length, ...ops.values(), ...kws.values(), declared, registers].map((v) => Math.log1p(v));
}

/** Column means and standard deviations (std 1 for constant columns). */
export function standardizer(rows: readonly number[][]): { mean: number[]; std: number[] } {
  const d = rows[0].length;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
  const std = mean.map((m, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j] - m) ** 2, 0) / rows.length) || 1);
  return { mean, std };
}

export function standardize(rows: readonly number[][], s: { mean: readonly number[]; std: readonly number[] }): number[][] {
  return rows.map((r) => r.map((v, j) => (v - s.mean[j]) / s.std[j]));
}

/** Solves A x = b for a small symmetric positive definite A (Gaussian elimination with pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    [m[c], m[piv]] = [m[piv], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c || m[c][c] === 0) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => (row[i] === 0 ? 0 : row[n] / row[i]));
}

/** Ridge regression y ~ w.x + b on standardised features (closed form, penalty `lambda`). */
export function fitRidge(x: readonly number[][], y: readonly number[], lambda = 1): (row: readonly number[]) => number {
  const s = standardizer(x);
  const z = standardize(x, s);
  const d = z[0].length;
  const yMean = y.reduce((a, v) => a + v, 0) / y.length;
  const a = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => z.reduce((acc, r) => acc + r[i] * r[j], 0) + (i === j ? lambda : 0)));
  const b = Array.from({ length: d }, (_, i) => z.reduce((acc, r, k) => acc + r[i] * (y[k] - yMean), 0));
  const w = solve(a, b);
  return (row) => yMean + row.reduce((acc, v, j) => acc + ((v - s.mean[j]) / s.std[j]) * w[j], 0);
}

interface TreeNode { feature: number; threshold: number; left: TreeNode | number; right: TreeNode | number }

function fitTree(x: readonly number[][], r: readonly number[], idx: number[], depth: number, minLeaf: number): TreeNode | number {
  const mean = idx.reduce((s, i) => s + r[i], 0) / idx.length;
  if (depth === 0 || idx.length < 2 * minLeaf) return mean;
  let best = { gain: 0, feature: -1, threshold: 0 };
  const total = idx.reduce((s, i) => s + r[i], 0);
  for (let f = 0; f < x[0].length; f++) {
    const sorted = [...idx].sort((a, b) => x[a][f] - x[b][f]);
    let leftSum = 0;
    for (let k = 0; k < sorted.length - 1; k++) {
      leftSum += r[sorted[k]];
      const nl = k + 1;
      const nr = sorted.length - nl;
      if (nl < minLeaf || nr < minLeaf || x[sorted[k]][f] === x[sorted[k + 1]][f]) continue;
      // Reduction of squared error from splitting = sum_l^2/n_l + sum_r^2/n_r - total^2/n.
      const gain = (leftSum * leftSum) / nl + ((total - leftSum) ** 2) / nr - (total * total) / sorted.length;
      if (gain > best.gain) best = { gain, feature: f, threshold: (x[sorted[k]][f] + x[sorted[k + 1]][f]) / 2 };
    }
  }
  if (best.feature < 0) return mean;
  const left = idx.filter((i) => x[i][best.feature] <= best.threshold);
  const right = idx.filter((i) => x[i][best.feature] > best.threshold);
  return { feature: best.feature, threshold: best.threshold, left: fitTree(x, r, left, depth - 1, minLeaf), right: fitTree(x, r, right, depth - 1, minLeaf) };
}

function evalTree(tree: TreeNode | number, row: readonly number[]): number {
  let t = tree;
  while (typeof t !== 'number') t = row[t.feature] <= t.threshold ? t.left : t.right;
  return t;
}

/** Gradient-boosted regression trees (squared loss): `rounds` trees of `depth`, shrinkage `rate`. */
export function fitBoostedTrees(x: readonly number[][], y: readonly number[], rounds = 150, depth = 3, rate = 0.1, minLeaf = 3): (row: readonly number[]) => number {
  const base = y.reduce((a, v) => a + v, 0) / y.length;
  const pred = y.map(() => base);
  const trees: (TreeNode | number)[] = [];
  const all = y.map((_, i) => i);
  for (let k = 0; k < rounds; k++) {
    const residual = y.map((v, i) => v - pred[i]);
    const tree = fitTree(x, residual, all, depth, minLeaf);
    trees.push(tree);
    for (let i = 0; i < y.length; i++) pred[i] += rate * evalTree(tree, x[i]);
  }
  return (row) => trees.reduce<number>((s, t) => s + rate * evalTree(t, row), base);
}
