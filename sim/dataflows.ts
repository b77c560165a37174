/** The dataflow a configuration runs (hw/array `dataflow`). */
import type { Dataflow } from './dataflow.ts';
import { outputStationary } from './os/index.ts';
import type { SimConfig } from './types.ts';
import { weightStationary } from './ws/index.ts';

export function dataflowFor(config: SimConfig): Dataflow {
  return config.array.dataflow === 'weight-stationary' ? (weightStationary as Dataflow) : (outputStationary as Dataflow);
}
