/**
 * The cost of one GEMM shape on the array: sim's fast mode (cycles, traffic) and the four-part energy
 * model, remembered per configuration and shape (a model repeats the same shapes in every block and
 * every token).
 */
import { energyConstants28nm, type EnergyConstants } from '../../../hw/energy/index.ts';
import { macsPerCycle } from '../../../hw/index.ts';
import { gemmEnergy, simulateGemm, type GemmShape, type SimConfig } from '../../../sim/index.ts';
import type { GemmCost } from './ledger.ts';
import type { OperandRole } from './types.ts';

export class ArrayCostModel {
  /** Sim's figures per configuration and shape, and the finished cost per role of B. */
  private readonly memo = new Map<string, { figures: Omit<GemmCost, 'dram'>; weightBytes: number; otherBytes: number; byRole: Map<OperandRole, GemmCost> }>();

  constructor(readonly energy: EnergyConstants = energyConstants28nm) {}

  /**
   * Cycles, energy and DRAM bytes of `shape` under `config`. B's DRAM fills are booked under
   * `role`; A's fills and every output write are activations. The returned object is shared by
   * every call with the same arguments (a generation asks for the same shapes thousands of times).
   */
  cost(config: SimConfig, shape: GemmShape, role: OperandRole): GemmCost {
    const { pe, array, group, scheme } = config;
    const key = `${pe.id}/${pe.weightBits}/${group}/${scheme}/${shape.m}x${shape.k}x${shape.n}`;
    let c = this.memo.get(key);
    if (!c) {
      const r = simulateGemm(config, shape, { mode: 'fast' });
      const t = r.traffic;
      c = {
        figures: {
          cycles: r.cycles, computeCycles: r.computeCycles, stallCycles: r.stallCycles, seconds: r.seconds,
          peakMacs: array.rows * array.cols * macsPerCycle(pe) * r.cycles,
          energy: gemmEnergy(config, r, this.energy),
        },
        weightBytes: t.weightFillBytes,
        otherBytes: t.activationFillBytes + t.dramWriteBytes,
        byRole: new Map(),
      };
      this.memo.set(key, c);
    }
    let cost = c.byRole.get(role);
    if (!cost) {
      const { figures, weightBytes, otherBytes } = c;
      const dram = {
        weights: role === 'weight' ? weightBytes : 0,
        kv: role === 'kv' ? weightBytes : 0,
        activations: otherBytes + (role === 'activation' ? weightBytes : 0),
      };
      cost = Object.freeze({ ...figures, energy: Object.freeze({ ...figures.energy }), dram: Object.freeze(dram) });
      c.byRole.set(role, cost);
    }
    return cost;
  }
}
