/**
 * Carving one FFN into experts (CMoE): the S shared experts are the neurons with the highest
 * activation rates; the rest are grouped into E - S equal routed experts by one round of balanced
 * k-means on the neurons' binary marker columns (L1 distance; centroids seeded with the highest-rate
 * routed neurons; the balanced assignment solved exactly). Each routed expert's representative is
 * its neuron closest to the cluster's centroid; the router is built from the representatives.
 * Baselines: random grouping (same shared experts, random routed clusters, representatives and
 * router built the same way) and static pruning (the same number of highest-rate neurons for every token).
 */
import { UserError } from '../../../../util/index.ts';
import { createRng } from '../../../../hw/index.ts';
import { balancedAssignment } from '../assignment.ts';
import type { ActivationProfile } from './calibrate.ts';

/** SxAyEz: x shared experts, y active routed experts, z experts in all. */
export interface CmoeConfig {
  readonly shared: number;
  readonly active: number;
  readonly experts: number;
}

export function parseCmoeConfig(text: string, hidden: number, flag = '--config'): CmoeConfig {
  const m = /^S(\d+)A(\d+)E(\d+)$/i.exec(text.trim());
  if (!m) throw new UserError(`'${text}' is not a configuration SxAyEz`, flag, 'write e.g. S2A2E16: 2 shared experts, 2 active routed experts, 16 experts in all');
  const [shared, active, experts] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (experts < 1 || hidden % experts !== 0) throw new UserError(`${experts} experts do not divide the FFN's ${hidden} neurons`, flag, `choose E dividing ${hidden}`);
  if (active < 1 || shared + active > experts) throw new UserError(`S${shared}A${active} needs at least one active routed expert and at most E${experts} in all`, flag, 'e.g. S2A2E16, S1A5E8, S2A6E16');
  return { shared, active, experts };
}

/** Share of the FFN's neurons a token uses. */
export const activation = (c: CmoeConfig) => (c.shared + c.active) / c.experts;

/** One carved FFN: neuron ids of the shared part and of each routed expert, with the representatives. */
export interface CarvedLayer {
  readonly shared: Int32Array;
  readonly experts: Int32Array[];
  readonly representatives: Int32Array;
}

/** Neuron ids by falling activation rate (ties by id). */
function byRate(rates: Float64Array): number[] {
  return Array.from(rates.keys()).sort((a, b) => rates[b] - rates[a] || a - b);
}

/** L1 distance between neuron j's marker column and a centroid (tokens values). */
function l1(p: ActivationProfile, j: number, centroid: Float64Array): number {
  let s = 0;
  for (let t = 0; t < p.tokens; t++) s += Math.abs(p.markers[t * p.hidden + j] - centroid[t]);
  return s;
}

function centroidOf(p: ActivationProfile, members: ArrayLike<number>): Float64Array {
  const c = new Float64Array(p.tokens);
  for (let t = 0; t < p.tokens; t++) {
    let s = 0;
    for (let i = 0; i < members.length; i++) s += p.markers[t * p.hidden + members[i]];
    c[t] = s / members.length;
  }
  return c;
}

/**
 * How each routed expert's representative neuron (its router row) is chosen: `centroid`, the paper's
 * member closest (L1) to the cluster's centroid of marker columns; `rate`, the member with the
 * highest activation rate. Markers are sparse (K_a of the neurons per token), and the L1-closest
 * binary column to a mean of sparse columns is the one with the fewest markers, so `centroid`
 * picks the cluster's least active neuron (measured on the shipped model: in 104 of 112 clusters at
 * S2A2E16), whose scores say little about when its expert matters; `rate` routes better at every
 * configuration measured (docs/compress.md) and is the default.
 */
export type Representative = 'centroid' | 'rate';

/** Each cluster's representative (see Representative). */
function representatives(p: ActivationProfile, experts: readonly Int32Array[], rule: Representative): Int32Array {
  return Int32Array.from(experts, (members) => {
    if (rule === 'rate') return members.reduce((best, j) => (p.rates[j] > p.rates[best] || (p.rates[j] === p.rates[best] && j < best) ? j : best), members[0]);
    const c = centroidOf(p, members);
    let best = members[0], bestD = Infinity;
    for (const j of members) {
      const d = l1(p, j, c);
      if (d < bestD) { best = j; bestD = d; }
    }
    return best;
  });
}

export type Grouping = 'kmeans' | 'random';

/** Carves one FFN from its activation profile (`seed` only for random grouping). */
export function carveLayer(p: ActivationProfile, config: CmoeConfig, grouping: Grouping = 'kmeans', seed = 1, representative: Representative = 'rate'): CarvedLayer {
  const size = p.hidden / config.experts;
  const order = byRate(p.rates);
  const shared = Int32Array.from(order.slice(0, config.shared * size)).sort();
  const routed = order.slice(config.shared * size);
  const clusters = config.experts - config.shared;
  let assignment: Int32Array;
  if (grouping === 'random') {
    const rng = createRng(seed);
    const shuffled = [...routed];
    for (let i = shuffled.length - 1; i > 0; i--) { const j = rng.int(0, i); [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]]; }
    assignment = new Int32Array(routed.length);
    shuffled.forEach((j, i) => { assignment[routed.indexOf(j)] = Math.floor(i / size); });
  } else {
    // Seeds: the highest-rate routed neurons, one per cluster (routed is already by falling rate).
    const seeds = routed.slice(0, clusters).map((j) => centroidOf(p, [j]));
    const cost = routed.map((j) => seeds.map((c) => l1(p, j, c)));
    assignment = balancedAssignment(cost, clusters, size);
  }
  const experts = Array.from({ length: clusters }, (_, e) => Int32Array.from(routed.filter((_, i) => assignment[i] === e)).sort());
  return { shared, experts, representatives: representatives(p, experts, representative) };
}

/** Static pruning: the `keep` highest-rate neurons for every token, as a carved layer with no routed experts. */
export function staticPruning(p: ActivationProfile, keep: number): CarvedLayer {
  return { shared: Int32Array.from(byRate(p.rates).slice(0, keep)).sort(), experts: [], representatives: new Int32Array(0) };
}
