// One point of a design-space sweep: a PE kind on an array of some size, weight group and dataflow,
// running a workload. Its time and energy come from the simulator's fast mode (every phase of the
// workload, each GEMM in the precision mode the kind runs it), as the study costs them.
import { mixpeEvaluation, type AcceleratorSpec, type StudyGroup } from '../../hw/accelerators/index.ts';
import type { EnergyConstants, EnergyParts, StudyPeKind } from '../../hw/energy/index.ts';
import { mixpeEvalConfig, type Dataflow } from '../../hw/index.ts';
import { costGemms, phaseGemms } from '../study/index.ts';
import { workload, workloadOf, type TransformerSpec, type WorkloadOptions } from '../workloads/index.ts';

export interface DesignPoint {
  readonly pe: StudyPeKind;
  readonly rows: number;
  readonly cols: number;
  readonly group: StudyGroup;
  readonly dataflow: 'os' | 'ws';
  readonly workload: string;
}

export interface PointCost {
  readonly cycles: number;
  readonly seconds: number;
  readonly energy: EnergyParts;
  readonly utilization: number;
}

const dataflows: Record<DesignPoint['dataflow'], Dataflow> = { os: 'output-stationary', ws: 'weight-stationary' };

/** The accelerator of a point: the kind's weight scheme from the MixPE evaluation, the point's array and group. */
export function pointAccelerator(p: Pick<DesignPoint, 'pe' | 'rows' | 'cols' | 'group' | 'dataflow'>): AcceleratorSpec {
  const base = mixpeEvaluation.find((a) => a.pe === p.pe);
  if (!base) throw new Error(`no MixPE evaluation accelerator for PE kind ${p.pe}`);
  return { ...base, label: `${base.label} ${p.rows}x${p.cols} g${p.group} ${p.dataflow}`, array: mixpeEvalConfig(p.rows, p.cols, dataflows[p.dataflow]), group: p.group };
}

/**
 * Time and energy of every phase of the point's workload, one after another. `spec` describes a
 * workload outside the library (a model the caller read); otherwise the point's workload id names one.
 */
export function pointCost(p: DesignPoint, energy: EnergyConstants, options: WorkloadOptions = {}, spec?: TransformerSpec): PointCost {
  const acc = pointAccelerator(p);
  const w = spec ? workloadOf(spec, options) : workload(p.workload, options);
  let cycles = 0, seconds = 0, macs = 0, peakShare = 0;
  let parts: EnergyParts = { core: 0, buffer: 0, dram: 0, static: 0, total: 0 };
  for (const phase of w.phases) {
    const c = costGemms(acc, phaseGemms(p.pe, p.workload, w.layers, phase), energy);
    cycles += c.cycles;
    seconds += c.seconds;
    macs += c.macs;
    peakShare += c.macs / c.utilization;
    parts = { core: parts.core + c.energy.core, buffer: parts.buffer + c.energy.buffer, dram: parts.dram + c.energy.dram, static: parts.static + c.energy.static, total: parts.total + c.energy.total };
  }
  return { cycles, seconds, energy: parts, utilization: macs / peakShare };
}
