/** How a configuration's PE consumes K and covers N in one cycle: the only place dataflows ask. */
import type { SimConfig } from './types.ts';

export interface PeThroughput {
  /** k-values fused into one product sum per cycle (BitFusion/ANT bricks): K streams in K / kp cycles. */
  readonly kp: number;
  /** Output columns a PE owns (MixPE: weights multiplied against one activation per cycle). */
  readonly lanes: number;
}

export function peThroughput(config: SimConfig): PeThroughput {
  return { kp: config.pe.kPerCycle, lanes: config.pe.lanes };
}
