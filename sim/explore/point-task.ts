// The task a pool worker (or a queue worker) runs for one sweep point.
import type { EnergyConstants } from '../../hw/energy/index.ts';
import type { TransformerSpec, WorkloadOptions } from '../workloads/index.ts';
import { pointCost, type DesignPoint, type PointCost } from './design-point.ts';

export interface PointJob {
  point: DesignPoint;
  energy: EnergyConstants;
  workloadOptions: WorkloadOptions;
  /** The workload's architecture when it is not in the library (carried by value to any worker). */
  spec?: TransformerSpec;
}

export default function run(job: PointJob): PointCost {
  return pointCost(job.point, job.energy, job.workloadOptions, job.spec);
}
