/**
 * The running account of a backend's products: calls and MACs per (layer, kind), and on the array
 * the cycles, energy by part and DRAM bytes by what they carry (weights, KV cache, activations).
 */
import type { GemmLabel } from './types.ts';

/** DRAM bytes (reads and writes) split by what they carry. */
export interface DramBytes {
  readonly weights: number;
  readonly kv: number;
  readonly activations: number;
}

/** Energy in joules by part of the four-part model (hw/energy). */
export interface EnergyJoules {
  readonly core: number;
  readonly buffer: number;
  readonly dram: number;
  readonly static: number;
  readonly total: number;
}

/** The simulated cost of one product or of a sum of products. */
export interface GemmCost {
  readonly cycles: number;
  readonly computeCycles: number;
  readonly stallCycles: number;
  /** Seconds at the array clock. */
  readonly seconds: number;
  /** PE-MAC slots the cycles offered (PEs x MACs per PE per cycle x cycles): utilization = macs / peakMacs. */
  readonly peakMacs: number;
  readonly energy: EnergyJoules;
  readonly dram: DramBytes;
}

export const zeroCost: GemmCost = {
  cycles: 0, computeCycles: 0, stallCycles: 0, seconds: 0, peakMacs: 0,
  energy: { core: 0, buffer: 0, dram: 0, static: 0, total: 0 },
  dram: { weights: 0, kv: 0, activations: 0 },
};

/** `a + b * times`, field by field. */
export function addCost(a: GemmCost, b: GemmCost, times = 1): GemmCost {
  const e = (f: keyof EnergyJoules) => a.energy[f] + b.energy[f] * times;
  const d = (f: keyof DramBytes) => a.dram[f] + b.dram[f] * times;
  return {
    cycles: a.cycles + b.cycles * times,
    computeCycles: a.computeCycles + b.computeCycles * times,
    stallCycles: a.stallCycles + b.stallCycles * times,
    seconds: a.seconds + b.seconds * times,
    peakMacs: a.peakMacs + b.peakMacs * times,
    energy: { core: e('core'), buffer: e('buffer'), dram: e('dram'), static: e('static'), total: e('total') },
    dram: { weights: d('weights'), kv: d('kv'), activations: d('activations') },
  };
}

/** Totals of the products of one (layer, kind), or of any selection of them. */
export interface LedgerEntry {
  readonly kind: string;
  /** -1 for products outside any block (the LM head). */
  readonly layer: number;
  readonly calls: number;
  readonly macs: number;
  readonly cost: GemmCost;
}

/** A ledger row, accumulated in place (a generation books tens of thousands of products). */
interface Row {
  readonly kind: string;
  readonly layer: number;
  calls: number;
  macs: number;
  cycles: number;
  computeCycles: number;
  stallCycles: number;
  seconds: number;
  peakMacs: number;
  core: number;
  buffer: number;
  dramEnergy: number;
  static: number;
  total: number;
  weights: number;
  kv: number;
  activations: number;
}

function newRow(kind: string, layer: number): Row {
  return {
    kind, layer, calls: 0, macs: 0, cycles: 0, computeCycles: 0, stallCycles: 0, seconds: 0, peakMacs: 0,
    core: 0, buffer: 0, dramEnergy: 0, static: 0, total: 0, weights: 0, kv: 0, activations: 0,
  };
}

function rowEntry(r: Row): LedgerEntry {
  return {
    kind: r.kind, layer: r.layer, calls: r.calls, macs: r.macs,
    cost: {
      cycles: r.cycles, computeCycles: r.computeCycles, stallCycles: r.stallCycles, seconds: r.seconds, peakMacs: r.peakMacs,
      energy: { core: r.core, buffer: r.buffer, dram: r.dramEnergy, static: r.static, total: r.total },
      dram: { weights: r.weights, kv: r.kv, activations: r.activations },
    },
  };
}

export class GemmLedger {
  /** Rows in booking order, and by kind then layer (no key string per booking). */
  private readonly rows: Row[] = [];
  private readonly byKindLayer = new Map<string, Map<number, Row>>();

  /**
   * Books one product (`times` identical ones). The reference backend books MACs with a zero cost.
   * Each field grows by `value * times`, the arithmetic of `addCost`, so the sums do not depend on
   * how the rows are stored.
   */
  record(label: GemmLabel, macs: number, cost: GemmCost, times = 1): void {
    const layer = label.layer ?? -1;
    let layers = this.byKindLayer.get(label.kind);
    if (!layers) this.byKindLayer.set(label.kind, (layers = new Map()));
    let r = layers.get(layer);
    if (!r) {
      layers.set(layer, (r = newRow(label.kind, layer)));
      this.rows.push(r);
    }
    const { energy: e, dram: d } = cost;
    r.calls += times;
    r.macs += macs * times;
    r.cycles += cost.cycles * times;
    r.computeCycles += cost.computeCycles * times;
    r.stallCycles += cost.stallCycles * times;
    r.seconds += cost.seconds * times;
    r.peakMacs += cost.peakMacs * times;
    r.core += e.core * times;
    r.buffer += e.buffer * times;
    r.dramEnergy += e.dram * times;
    r.static += e.static * times;
    r.total += e.total * times;
    r.weights += d.weights * times;
    r.kv += d.kv * times;
    r.activations += d.activations * times;
  }

  /** Every (layer, kind) booked so far, in booking order. */
  entries(): LedgerEntry[] {
    return this.rows.map(rowEntry);
  }

  /** The sum of the entries that pass `keep` (all by default). */
  total(keep: (e: LedgerEntry) => boolean = () => true): LedgerEntry {
    let calls = 0, macs = 0, cost = zeroCost;
    for (const e of this.entries()) {
      if (!keep(e)) continue;
      calls += e.calls;
      macs += e.macs;
      cost = addCost(cost, e.cost);
    }
    return { kind: 'all', layer: -1, calls, macs, cost };
  }

  /** Totals per product kind. */
  byKind(): Map<string, LedgerEntry> {
    return this.groupBy((e) => e.kind, (e, key) => ({ ...e, kind: key }));
  }

  /** Totals per layer (-1: outside the blocks). */
  byLayer(): Map<number, LedgerEntry> {
    return this.groupBy((e) => e.layer, (e, key) => ({ ...e, layer: key }));
  }

  reset(): void {
    this.rows.length = 0;
    this.byKindLayer.clear();
  }

  private groupBy<K>(keyOf: (e: LedgerEntry) => K, name: (e: LedgerEntry, key: K) => LedgerEntry): Map<K, LedgerEntry> {
    const out = new Map<K, LedgerEntry>();
    for (const e of this.entries()) {
      const key = keyOf(e);
      const old = out.get(key);
      out.set(key, name(old ? { ...old, calls: old.calls + e.calls, macs: old.macs + e.macs, cost: addCost(old.cost, e.cost) } : e, key));
    }
    return out;
  }
}
