/**
 * A carved FFN as a mixture of experts on any GemmBackend: the shared neurons run for every token;
 * the analytic router scores the routed experts from their representatives,
 * s = softmax_e |(x W_up[rep_e]^T) * SiLU(x W_gate[rep_e]^T)|, picks the top A of s + bias per
 * token, and each picked expert's output is weighted by 1 + s_e * scale_e (scale 0 at first, so
 * the weight is exactly 1). Each expert runs only on the tokens routed to it, as separate products,
 * so the array's ledger books the weights each token really fetches.
 */
import type { GemmBackend, PreparedWeights } from '../../../common/gemm/index.ts';
import type { FeedForward } from '../../engine/feed-forward.ts';
import { swiGlu } from '../../engine/math.ts';
import type { CarvedLayer } from './carve.ts';
import { Expert, pickColumns, pickRows, stack, swiGluColumns, type FfnWeights } from './products.ts';

/** The router's weights: the representatives' gate rows and up rows (R x dim each, nn.Linear layout). */
export interface RouterRows {
  readonly gate: Float32Array;
  readonly up: Float32Array;
}

/** The router rows of representatives `reps` in an FFN's gate and up weights. */
export function routerRows(from: Pick<FfnWeights, 'w1' | 'w3'>, reps: ArrayLike<number>, dim: number): RouterRows {
  return { gate: pickRows(from.w1, dim, reps), up: pickRows(from.w3, dim, reps) };
}

export interface MoeOptions {
  /** Routed experts per token. */
  readonly active: number;
  /** Load-balancing bias per routed expert (added to the scores for the selection only). */
  readonly bias?: Float64Array;
  /** Learnable weight scale per routed expert (default 0). */
  readonly scales?: Float64Array;
  /** The router's rows (default the representatives' rows of the experts' own weights; fine-tuning keeps the original router). */
  readonly router?: RouterRows;
  /**
   * Decode (one token) as a fused kernel: the router and the shared neurons' gate and up as one
   * product (they share the input), then the picked experts' gate and up as one product, then one
   * down product. Default: the router, then gate, up and down as separate products.
   */
  readonly fused?: boolean;
}

/** The products of one decode step's picked experts (with the shared neurons when not fused). */
interface Gathered {
  readonly gate?: PreparedWeights;
  readonly up?: PreparedWeights;
  readonly gateUp?: PreparedWeights;
  readonly down: PreparedWeights;
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
  /**
   * While set, the balancing bias keeps its auxiliary-loss-free update as tokens flow through
   * (after every `batch` tokens of a forward, as during MoE training); unset, it stays frozen.
   */
  balancing: { readonly batch: number; readonly rate: number } | undefined = undefined;

  constructor(readonly backend: GemmBackend, private readonly weights: FfnWeights, readonly dim: number, readonly hidden: number, readonly carved: CarvedLayer, readonly options: MoeOptions) {
    const w = weights;
    const R = carved.experts.length;
    if (R > 0 && !(options.active >= 1 && options.active <= R)) throw new Error(`${options.active} active experts of ${R}`);
    this.shared = carved.shared.length > 0 ? new Expert(backend, w, dim, hidden, carved.shared) : undefined;
    this.experts = carved.experts.map((ids) => new Expert(backend, w, dim, hidden, ids));
    const { gate, up } = options.router ?? routerRows(w, carved.representatives, dim);
    this.router = R > 0 ? backend.prepare(stack([gate, up]), dim, 2 * R, 'nk') : undefined;
    const S = carved.shared.length;
    this.routerShared = R > 0 && options.fused ? backend.prepare(stack([gate, up, pickRows(w.w1, dim, carved.shared), pickRows(w.w3, dim, carved.shared)]), dim, 2 * R + 2 * S, 'nk') : undefined;
    this.bias = options.bias ?? new Float64Array(R);
    this.scales = options.scales ?? new Float64Array(R);
    this.loads = new Float64Array(R);
  }

  /** Router probabilities s (m x R) of normalised inputs x. */
  scores(x: Float32Array, m: number, layer: number): Float64Array {
    return this.probabilities(this.backend.linear(x, m, this.router!, { kind: 'router', layer }), m, 2 * this.experts.length);
  }

  /** Router probabilities from a product whose rows (stride `stride`) start with the R gate and R up outputs of the representatives. */
  private probabilities(z: Float32Array, m: number, stride: number): Float64Array {
    const R = this.experts.length;
    const s = new Float64Array(m * R);
    for (let t = 0; t < m; t++) {
      let max = -Infinity;
      for (let e = 0; e < R; e++) {
        const g = z[t * stride + e], u = z[t * stride + R + e];
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
    const tokens = this.balancing
      ? selectAndBalance(s, m, R, this.options.active, this.bias, this.balancing.batch, this.balancing.rate)
      : selectExperts(s, m, R, this.options.active, this.bias);
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

  /** Router and shared neurons' gate and up rows as one product (fused decode). */
  private readonly routerShared: PreparedWeights | undefined;
  private readonly gathered = new Map<string, Gathered>();

  /**
   * One token (decode): the picked experts' neurons gathered into one gate and one up product (or
   * one fused gate-up product), and the shared and picked neurons into one down product, as a
   * batch-1 MoE kernel fetches the picked experts' weights together; each expert's weight applied
   * to its hidden activations before the down product. Groups along K stay inside one expert
   * (--group divides the expert size), so the values are those of the separate products up to the
   * order of the float sums.
   */
  private decodeStep(x: Float32Array, layer: number): Float32Array {
    const R = this.experts.length, S = this.carved.shared.length;
    const z = this.routerShared ? this.backend.linear(x, 1, this.routerShared, { kind: 'router-gate-up', layer }) : undefined;
    const s = z ? this.probabilities(z, 1, 2 * R + 2 * S) : this.scores(x, 1, layer);
    const picked = selectExperts(s, 1, R, this.options.active, this.bias).flatMap((t, e) => (t.length > 0 ? [e] : []));
    for (const e of picked) this.loads[e]++;
    const pickedNeurons = picked.flatMap((e) => Array.from(this.carved.experts[e]));
    const key = picked.join(',');
    let ex = this.gathered.get(key);
    if (!ex) {
      const { backend, weights: w, dim, hidden } = this;
      const all = Int32Array.from([...this.carved.shared, ...pickedNeurons]);
      const down = backend.prepare(pickColumns(w.w2, dim, hidden, all), all.length, dim, 'nk');
      const P = pickedNeurons.length;
      ex = z
        ? { gateUp: backend.prepare(stack([pickRows(w.w1, dim, pickedNeurons), pickRows(w.w3, dim, pickedNeurons)]), dim, 2 * P, 'nk'), down }
        : { gate: backend.prepare(pickRows(w.w1, dim, all), dim, all.length, 'nk'), up: backend.prepare(pickRows(w.w3, dim, all), dim, all.length, 'nk'), down };
      this.gathered.set(key, ex);
    }
    let h: Float32Array;
    if (z) {
      const P = pickedNeurons.length;
      const zp = this.backend.linear(x, 1, ex.gateUp!, { kind: 'gate-up', layer });
      h = stack([swiGluColumns(z, 1, 2 * R + 2 * S, 2 * R, 2 * R + S, S), swiGluColumns(zp, 1, 2 * P, 0, P, P)]);
    } else {
      h = swiGlu(this.backend.linear(x, 1, ex.gate!, { kind: 'gate', layer }), this.backend.linear(x, 1, ex.up!, { kind: 'up', layer }));
    }
    let at = S;
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
  const taken = new Uint8Array(R);
  for (let t = 0; t < m; t++) {
    taken.fill(0);
    // The `active` largest keys one at a time (a strict > keeps the lower index on ties).
    for (let i = 0; i < active; i++) {
      let best = -1, bestKey = -Infinity;
      for (let e = 0; e < R; e++) {
        const key = s[t * R + e] + bias[e];
        if (!taken[e] && (best < 0 || key > bestKey)) { best = e; bestKey = key; }
      }
      taken[best] = 1;
      tokens[best].push(t);
    }
  }
  return tokens;
}

/**
 * selectExperts over `m` tokens in batches of `batch`, the bias taking one auxiliary-loss-free step
 * (updateBias) after each batch: what routing does while the bias keeps updating.
 */
export function selectAndBalance(s: Float64Array, m: number, R: number, active: number, bias: Float64Array, batch: number, rate: number): number[][] {
  const tokens: number[][] = Array.from({ length: R }, () => []);
  for (let start = 0; start < m; start += batch) {
    const n = Math.min(batch, m - start);
    const picked = selectExperts(s.subarray(start * R, (start + n) * R), n, R, active, bias);
    picked.forEach((rows, e) => { for (const t of rows) tokens[e].push(start + t); });
    updateBias(bias, picked, (n * active) / R, rate);
  }
  return tokens;
}

/**
 * How the balancing step changes over a fit's updates: 'none' keeps it (the paper's fixed step);
 * 'linear' shrinks it from `rate` at the first update toward 0 at the last, rate x (1 - k / steps),
 * so the last updates can settle between the load changes a fixed step jumps over.
 */
export type BiasDecay = 'none' | 'linear';

/**
 * The auxiliary-loss-free balancing bias: over `steps` batches of `batch` calibration tokens (their
 * router scores s, tokens x R), each expert's bias moves by the step toward the mean load
 * (+step when it was picked less often than the mean, -step when more); the step is `rate`, or
 * decays from it (`decay`).
 */
export function balanceBias(s: Float64Array, tokens: number, R: number, active: number, steps: number, batch: number, rate = 0.001, decay: BiasDecay = 'none'): Float64Array {
  const bias = new Float64Array(R);
  for (let step = 0; step < steps; step++) {
    const start = (step * batch) % tokens;
    const n = Math.min(batch, tokens - start);
    const stepRate = decay === 'linear' ? rate * (1 - step / steps) : rate;
    updateBias(bias, selectExperts(s.subarray(start * R, (start + n) * R), n, R, active, bias), (n * active) / R, stepRate);
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
