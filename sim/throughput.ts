/** How a configuration's PE consumes K and covers N in one cycle: the only place dataflows ask. */
import { macsPerCycle } from '../hw/index.ts';
import type { SimConfig } from './types.ts';

export interface PeThroughput {
  /** k-values fused into one product sum per cycle (BitFusion bricks): K streams in ceil(K / kp) cycles. */
  readonly kp: number;
  /** Output columns a PE owns (weights multiplied against one activation per cycle). */
  readonly lanes: number;
}

export function peThroughput(config: SimConfig): PeThroughput {
  return { kp: macsPerCycle(config.pe), lanes: 1 };
}
