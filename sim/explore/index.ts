// sim/explore: design-space sweeps over PE kind, array size, weight group, dataflow and workload.
export { pointAccelerator, pointCost, type DesignPoint, type PointCost } from './design-point.ts';
export { paretoFront } from './pareto.ts';
export type { PointJob } from './point-task.ts';

/** The pool task module that costs one point (for WorkerPool and queue workers). */
export const pointTaskModule = new URL('./point-task.ts', import.meta.url);
