/**
 * FRS's fuzzing: Monte Carlo tree search over sequences of edits (delete, mask or swap with the
 * next item, at any position; the Damerau-Levenshtein operations) up to `depth` edits, rewarded by
 * how far an edited input lowers the probability of the original prediction. UCT picks children;
 * each rollout evaluates the edited input once. A position's sensitivity is the best mean reward of
 * a first edit at that position (its subtree included), so positions whose edits flip or weaken the
 * prediction, alone or with later edits, rank first.
 */
import { SeededRandom } from '../../common/index.ts';

export type EditOp = 'delete' | 'mask' | 'swap';
export interface Edit { readonly op: EditOp; readonly pos: number }

export interface FuzzOptions {
  readonly iterations: number;
  readonly depth: number;
  readonly exploration: number;
  readonly seed: number;
}

interface Node { readonly edit?: Edit; visits: number; total: number; children?: Node[] }

/** `tokens` with the edits applied in order (positions refer to the sequence as it is when applied). */
export function applyEdits<T>(tokens: readonly T[], edits: readonly Edit[], mask: T): T[] {
  const out = [...tokens];
  for (const e of edits) {
    if (e.pos >= out.length) continue;
    if (e.op === 'delete') out.splice(e.pos, 1);
    else if (e.op === 'mask') out[e.pos] = mask;
    else if (e.pos + 1 < out.length) [out[e.pos], out[e.pos + 1]] = [out[e.pos + 1], out[e.pos]];
  }
  return out;
}

function editsAt(length: number): Edit[] {
  const out: Edit[] = [];
  for (let pos = 0; pos < length; pos++) {
    out.push({ op: 'delete', pos }, { op: 'mask', pos });
    if (pos + 1 < length) out.push({ op: 'swap', pos });
  }
  return out;
}

/**
 * Sensitivity of each position of `tokens`; `probability(x)` is the classifier's probability of
 * its prediction on the original input, evaluated at x.
 */
export function fuzzSensitivity<T>(tokens: readonly T[], probability: (x: T[]) => number, mask: T, o: FuzzOptions): Float64Array {
  const rng = new SeededRandom(o.seed);
  const p0 = probability([...tokens]);
  const root: Node = { visits: 0, total: 0 };
  for (let it = 0; it < o.iterations; it++) {
    const path: Node[] = [root];
    const edits: Edit[] = [];
    let node = root;
    while (edits.length < o.depth) {
      const length = tokens.length - edits.filter((e) => e.op === 'delete').length;
      node.children ??= rng.shuffle(editsAt(length)).map((edit) => ({ edit, visits: 0, total: 0 }));
      if (node.children.length === 0) break;
      const fresh = node.children.find((c) => c.visits === 0);
      const next = fresh ?? node.children.reduce((best, c) => {
        const ucb = (x: Node) => x.total / x.visits + o.exploration * Math.sqrt(Math.log(node.visits) / x.visits);
        return ucb(c) > ucb(best) ? c : best;
      });
      path.push(next);
      edits.push(next.edit!);
      node = next;
      if (fresh) break;
    }
    const reward = p0 - probability(applyEdits(tokens, edits, mask));
    for (const n of path) { n.visits++; n.total += reward; }
  }
  const out = new Float64Array(tokens.length).fill(-Infinity);
  for (const c of root.children ?? []) if (c.visits > 0) out[c.edit!.pos] = Math.max(out[c.edit!.pos], c.total / c.visits);
  return out.map((v) => (v === -Infinity ? 0 : v));
}

/** FRS's targeted masking: probability `high` at the `top` most sensitive positions, `base` elsewhere. */
export function targetedMasking(sensitivity: ArrayLike<number>, top: number, base: number, high: number): number[] {
  const ranked = Array.from(sensitivity, (s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, top).map(([, i]) => i);
  return Array.from(sensitivity, (_, i) => (ranked.includes(i) ? high : base));
}
