// The fast-mode profile of a generation books tens of thousands of products; the ledger accumulates
// them in place and the cost model hands out one shared cost per shape. These tests hold both to the
// implementation they replaced (a fresh object per booking, folded with addCost), value by value.
import { describe, expect, it } from 'vitest';
import { energyConstants28nm } from '../../../hw/energy/index.ts';
import { createRng, macsPerCycle, mixpeEvalConfig, peKind } from '../../../hw/index.ts';
import { addCost, ArrayBackend, ArrayCostModel, GemmLedger, zeroCost, type GemmCost, type GemmLabel, type LedgerEntry } from '../../../models/common/gemm/index.ts';
import { bookPhase, profileGeneration, summarize, type LlamaConfig } from '../../../models/llm/index.ts';
import { gemmEnergy, simulateGemm, type SimConfig } from '../../../sim/index.ts';

/** The ledger as it was: every booking a new row object, its cost folded with addCost. */
class PreviousLedger extends GemmLedger {
  private readonly previous = new Map<string, LedgerEntry>();

  override record(label: GemmLabel, macs: number, cost: GemmCost, times = 1): void {
    const layer = label.layer ?? -1;
    const key = `${layer}\u0000${label.kind}`;
    const old = this.previous.get(key) ?? { kind: label.kind, layer, calls: 0, macs: 0, cost: zeroCost };
    this.previous.set(key, { kind: label.kind, layer, calls: old.calls + times, macs: old.macs + macs * times, cost: addCost(old.cost, cost, times) });
  }

  override entries(): LedgerEntry[] {
    return [...this.previous.values()];
  }

  override total(): LedgerEntry {
    let calls = 0, macs = 0, cost = zeroCost;
    for (const e of this.previous.values()) {
      calls += e.calls;
      macs += e.macs;
      cost = addCost(cost, e.cost);
    }
    return { kind: 'all', layer: -1, calls, macs, cost };
  }

  override byKind(): Map<string, LedgerEntry> {
    const out = new Map<string, LedgerEntry>();
    for (const e of this.previous.values()) {
      const old = out.get(e.kind);
      out.set(e.kind, old ? { ...old, calls: old.calls + e.calls, macs: old.macs + e.macs, cost: addCost(old.cost, e.cost) } : e);
    }
    return out;
  }
}

function randomCost(rng: ReturnType<typeof createRng>): GemmCost {
  const x = () => rng.next() * 1e-6;
  const n = () => rng.int(0, 100000);
  return {
    cycles: n(), computeCycles: n(), stallCycles: n(), seconds: x(), peakMacs: n(),
    energy: { core: x(), buffer: x(), dram: x(), static: x(), total: x() },
    dram: { weights: n(), kv: n(), activations: n() },
  };
}

const config: LlamaConfig = { dim: 128, hiddenDim: 256, layers: 3, heads: 4, kvHeads: 2, vocab: 96, seqLen: 512, tiedClassifier: true };

function arrayBackend(on: string, products?: 'int8' | 'fp16'): ArrayBackend {
  return new ArrayBackend({ pe: peKind(on), array: mixpeEvalConfig(64, 64), group: 64, scheme: 'asymmetric', productPrecision: products });
}

describe('profile of a generation', () => {
  it('the ledger books what folding every booking with addCost gives, value by value', () => {
    const rng = createRng(7);
    const ledger = new GemmLedger(), previous = new PreviousLedger();
    const labels: GemmLabel[] = [{ kind: 'q', layer: 0 }, { kind: 'qk', layer: 1 }, { kind: 'lm-head' }, { kind: 'q', layer: 1 }];
    for (let i = 0; i < 500; i++) {
      const label = labels[rng.int(0, labels.length - 1)], macs = rng.int(1, 1 << 20), cost = randomCost(rng), times = rng.int(1, 9);
      ledger.record(label, macs, cost, times);
      previous.record(label, macs, cost, times);
    }
    expect(ledger.entries()).toEqual(previous.entries());
    expect(ledger.total()).toEqual(previous.total());
    expect(ledger.byKind()).toEqual(previous.byKind());
  });

  it('the cost model gives sim fast mode\'s figures, one shared object per shape and role', () => {
    const model = new ArrayCostModel();
    const sim: SimConfig = { pe: peKind('mixpe-w4a8'), array: mixpeEvalConfig(64, 64), group: 64, scheme: 'asymmetric' };
    const shape = { m: 3, k: 128, n: 200 };
    const r = simulateGemm(sim, shape, { mode: 'fast' });
    const c = model.cost(sim, shape, 'kv');
    expect(c).toEqual({
      cycles: r.cycles, computeCycles: r.computeCycles, stallCycles: r.stallCycles, seconds: r.seconds,
      peakMacs: 64 * 64 * macsPerCycle(sim.pe) * r.cycles, energy: gemmEnergy(sim, r, energyConstants28nm),
      dram: { weights: 0, kv: r.traffic.weightFillBytes, activations: r.traffic.activationFillBytes + r.traffic.dramWriteBytes },
    });
    expect(model.cost(sim, shape, 'kv')).toBe(c);
    expect(model.cost(sim, shape, 'weight').dram).toEqual({ weights: r.traffic.weightFillBytes, kv: 0, activations: c.dram.activations });
  });

  for (const [on, products, batch] of [['mixpe-w4a8', undefined, 1], ['int8', 'fp16', 2]] as const) {
    it(`${on}${products ? `, ${products} products` : ''}, batch ${batch}: equals booking every token in the previous ledger`, () => {
      const [prompt, tokens] = [5, 150];
      const got = profileGeneration(config, arrayBackend(on, products), prompt, tokens, batch);
      const be = arrayBackend(on, products);
      const prefill = new PreviousLedger(), decode = new PreviousLedger();
      bookPhase(prefill, config, be, 'prefill', prompt, batch);
      for (let t = 1; t <= tokens; t++) bookPhase(decode, config, be, 'decode', prompt + t, batch, false);
      expect(got).toEqual({
        prompt, tokens, batch,
        prefill: summarize(prefill.total()),
        decode: summarize(decode.total()),
        decodePerToken: summarize(decode.total(), tokens * batch),
        decodeByKind: [...decode.byKind()].map(([kind, e]) => ({ kind, cost: summarize(e, tokens * batch) })),
      });
      expect(got.decodePerToken.cycles).toBeGreaterThan(0);
    });
  }
});
