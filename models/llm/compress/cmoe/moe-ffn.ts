/**
 * A carved FFN as a mixture of experts on any GemmBackend: the shared neurons run for every token;
 * the analytic router scores the routed experts from their representatives,
 * s = softmax_e |(x W_up[rep_e]^T) * SiLU(x W_gate[rep_e]^T)|, picks the top A of s + bias per
 * token, and each picked expert's output is weighted by 1 + s_e * scale_e (scale 0 at first, so
 * the weight is exactly 1). Each expert runs only on the tokens routed to it, as separate products,
 * so the array's ledger books the weights each token really fetches.
 */
import type { GemmBackend, PreparedWeights } from '../../../common/index.ts';
import type { LlamaLayerWeights } from '../../checkpoint.ts';
import type { FeedForward } from '../../engine/feed-forward.ts';
import { swiGlu } from '../../engine/math.ts';
import type { CarvedLayer } from './carve.ts';

type FfnWeights = Pick<LlamaLayerWeights, 'w1' | 'w2' | 'w3'>;

/** Rows `ids` of an (rows x cols) matrix. */
function pickRows(w: Float32Array, cols: number, ids: ArrayLike<number>): Float32Array {
  const out = new Float32Array(ids.length * cols);
  for (let i = 0; i < ids.length; i++) out.set(w.subarray(ids[i] * cols, (ids[i] + 1) * cols), i * cols);
  return out;
}

/** Columns `ids` of an (rows x cols) matrix, as rows x ids.length. */
function pickColumns(w: Float32Array, rows: number, cols: number, ids: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows * ids.length);
  for (let r = 0; r < rows; r++) for (let i = 0; i < ids.length; i++) out[r * ids.length + i] = w[r * cols + ids[i]];
  return out;
}

/** One expert's gate, up and down products, prepared on the backend. */
class Expert {
  readonly gate: PreparedWeights;
  readonly up: PreparedWeights;
  readonly down: PreparedWeights;

  constructor(readonly backend: GemmBackend, w: FfnWeights, dim: number, hidden: number, readonly neurons: Int32Array) {
    const n = neurons.length;
    this.gate = backend.prepare(pickRows(w.w1, dim, neurons), dim, n, 'nk');
    this.up = backend.prepare(pickRows(w.w3, dim, neurons), dim, n, 'nk');
    this.down = backend.prepare(pickColumns(w.w2, dim, hidden, neurons), n, dim, 'nk');
  }

  forward(x: Float32Array, m: number, layer: number): Float32Array {
    const g = this.backend.linear(x, m, this.gate, { kind: 'gate', layer });
    const u = this.backend.linear(x, m, this.up, { kind: 'up', layer });
    return this.backend.linear(swiGlu(g, u), m, this.down, { kind: 'down', layer });
  }
}

export interface MoeOptions {
  /** Routed experts per token. */
  readonly active: number;
  /** Load-balancing bias per routed expert (added to the scores for the selection only). */
  readonly bias?: Float64Array;
  /** Learnable weight scale per routed expert (default 0). */
  readonly scales?: Float64Array;
  /** Where the router's representative rows come from (default the experts' own weights; fine-tuning keeps the original router). */
  readonly routerFrom?: Pick<FfnWeights, 'w1' | 'w3'>;
}

export class CarvedFeedForward implements FeedForward {
  readonly shared: Expert | undefined;
  readonly experts: Expert[];
  /** Router: the representatives' gate rows then their up rows (2R outputs). */
  readonly router: PreparedWeights | undefined;
  readonly bias: Float64Array;
  readonly scales: Float64Array;
  /** Tokens routed to each expert so far (reset at will). */
  readonly loads: Float64Array;

  constructor(readonly backend: GemmBackend, private readonly weights: FfnWeights, readonly dim: number, readonly hidden: number, readonly carved: CarvedLayer, readonly options: MoeOptions) {
    const w = weights;
    const R = carved.experts.length;
    if (R > 0 && !(options.active >= 1 && options.active <= R)) throw new Error(`${options.active} active experts of ${R}`);
    this.shared = carved.shared.length > 0 ? new Expert(backend, w, dim, hidden, carved.shared) : undefined;
    this.experts = carved.experts.map((ids) => new Expert(backend, w, dim, hidden, ids));
    const reps = carved.representatives, from = options.routerFrom ?? w;
    this.router = R > 0 ? backend.prepare(Float32Array.of(...pickRows(from.w1, dim, reps), ...pickRows(from.w3, dim, reps)), dim, 2 * R, 'nk') : undefined;
    this.bias = options.bias ?? new Float64Array(R);
    this.scales = options.scales ?? new Float64Array(R);
    this.loads = new Float64Array(R);
  }

  /** Router probabilities s (m x R) of normalised inputs x. */
  scores(x: Float32Array, m: number, layer: number): Float64Array {
    const R = this.experts.length;
    const z = this.backend.linear(x, m, this.router!, { kind: 'router', layer });
    const s = new Float64Array(m * R);
    for (let t = 0; t < m; t++) {
      let max = -Infinity;
      for (let e = 0; e < R; e++) {
        const g = z[t * 2 * R + e], u = z[t * 2 * R + R + e];
        s[t * R + e] = Math.abs(u * (g / (1 + Math.exp(-g))));
        max = Math.max(max, s[t * R + e]);
      }
      let sum = 0;
      for (let e = 0; e < R; e++) { s[t * R + e] = Math.exp(s[t * R + e] - max); sum += s[t * R + e]; }
      for (let e = 0; e < R; e++) s[t * R + e] /= sum;
    }
    return s;
  }

  forward(x: Float32Array, m: number, layer: number): Float32Array {
    const R = this.experts.length;
    if (R > 0 && m === 1) return this.decodeStep(x, layer);
    const { dim } = this;
    const y = this.shared ? this.shared.forward(x, m, layer) : new Float32Array(m * dim);
    if (R === 0) return y;
    const s = this.scores(x, m, layer);
    const tokens = selectExperts(s, m, R, this.options.active, this.bias);
    tokens.forEach((rows, e) => {
      if (rows.length === 0) return;
      this.loads[e] += rows.length;
      const out = this.experts[e].forward(pickRows(x, dim, rows), rows.length, layer);
      rows.forEach((t, i) => {
        const weight = 1 + s[t * R + e] * this.scales[e];
        for (let d = 0; d < dim; d++) y[t * dim + d] += weight * out[i * dim + d];
      });
    });
    return y;
  }

  private readonly gathered = new Map<string, Expert>();

  /**
   * One token (decode): the shared neurons and the picked experts' neurons gathered into one
   * gate, one up and one down product (as a batch-1 MoE kernel fetches the picked experts'
   * weights together), each expert's weight applied to its hidden activations before the down
   * product. Groups along K stay inside one expert (--group divides the expert size), so the
   * values are those of the separate products up to the order of the float sums.
   */
  private decodeStep(x: Float32Array, layer: number): Float32Array {
    const R = this.experts.length;
    const s = this.scores(x, 1, layer);
    const picked = selectExperts(s, 1, R, this.options.active, this.bias).flatMap((t, e) => (t.length > 0 ? [e] : []));
    for (const e of picked) this.loads[e]++;
    const key = picked.join(',');
    let ex = this.gathered.get(key);
    if (!ex) {
      const neurons = Int32Array.from([...this.carved.shared, ...picked.flatMap((e) => Array.from(this.carved.experts[e]))]);
      ex = new Expert(this.backend, this.weights, this.dim, this.hidden, neurons);
      this.gathered.set(key, ex);
    }
    const g = this.backend.linear(x, 1, ex.gate, { kind: 'gate', layer });
    const u = this.backend.linear(x, 1, ex.up, { kind: 'up', layer });
    const h = swiGlu(g, u);
    let at = this.carved.shared.length;
    for (const e of picked) {
      const weight = 1 + s[e] * this.scales[e];
      const n = this.carved.experts[e].length;
      for (let i = at; i < at + n; i++) h[i] *= weight;
      at += n;
    }
    return this.backend.linear(h, 1, ex.down, { kind: 'down', layer });
  }
}

/** Per expert, the tokens whose top `active` of score + bias include it (ties to the lower index). */
export function selectExperts(s: Float64Array, m: number, R: number, active: number, bias: Float64Array): number[][] {
  const tokens: number[][] = Array.from({ length: R }, () => []);
  const order = Array.from({ length: R }, (_, e) => e);
  for (let t = 0; t < m; t++) {
    const key = (e: number) => s[t * R + e] + bias[e];
    order.sort((a, b) => key(b) - key(a) || a - b);
    for (let i = 0; i < active; i++) tokens[order[i]].push(t);
  }
  return tokens;
}

/**
 * The auxiliary-loss-free balancing bias: over `steps` batches of `batch` calibration tokens (their
 * router scores s, tokens x R), each expert's bias moves by `rate` toward the mean load
 * (+rate when it was picked less often than the mean, -rate when more).
 */
export function balanceBias(s: Float64Array, tokens: number, R: number, active: number, steps: number, batch: number, rate = 0.001): Float64Array {
  const bias = new Float64Array(R);
  for (let step = 0; step < steps; step++) {
    const start = (step * batch) % tokens;
    const n = Math.min(batch, tokens - start);
    updateBias(bias, selectExperts(s.subarray(start * R, (start + n) * R), n, R, active, bias), (n * active) / R, rate);
  }
  return bias;
}

/** One auxiliary-loss-free step: each expert's bias moves by `rate` toward the mean load (`picked`: per expert, its tokens). */
export function updateBias(bias: Float64Array, picked: readonly (readonly number[])[], mean: number, rate: number): void {
  picked.forEach((rows, e) => { bias[e] += rows.length < mean ? rate : rows.length > mean ? -rate : 0; });
}

/** The largest expert load over the mean load. */
export function maxOverMean(loads: Float64Array): number {
  const mean = loads.reduce((a, b) => a + b, 0) / loads.length;
  return mean > 0 ? Math.max(...loads) / mean : 1;
}
