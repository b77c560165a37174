import { evalTable, type TimingArc } from '../liberty/index.ts';
import type { PiModel } from './effective-cap.ts';
import { dmpDriver, type DriverResult, type Thresholds } from './dmp-driver.ts';

export const RISE = 0;
export const FALL = 1;

/** The input transitions (0 rise, 1 fall) that can cause this output transition through the arc. */
export function inputTransitions(arc: TimingArc, outRf: number): readonly number[] {
  if (arc.type === 'combinational_rise' && outRf !== RISE) return [];
  if (arc.type === 'combinational_fall' && outRf !== FALL) return [];
  switch (arc.sense) {
    case 'positive_unate': return outRf === RISE ? [RISE] : [FALL];
    case 'negative_unate': return outRf === RISE ? [FALL] : [RISE];
    default: return [RISE, FALL];
  }
}

/**
 * NLDM delay and output slew of a cell arc for an output transition, from the input slew and the
 * lumped load (both SI). NaN when the arc has no table for that transition. With a pi model of a
 * resistive net (which holds the wire and load pin caps; the rest of `load` sits at the driver),
 * the DMP driver model gives delay, slew and the wire delay and slew to each load.
 */
export function gateDelay(arc: TimingArc, outRf: number, inSlew: number, load: number, pi?: PiModel, thresholds?: Thresholds): { delay: number; slew: number; wire?: DriverResult['wire'] } {
  const delayTable = outRf === RISE ? arc.cellRise : arc.cellFall;
  const slewTable = outRf === RISE ? arc.riseTransition : arc.fallTransition;
  if (!delayTable) return { delay: NaN, slew: NaN };
  const table = (cap: number) => {
    const at = { inputSlew: inSlew, load: cap, constrainedSlew: 0 };
    return { delay: evalTable(delayTable, at), slew: slewTable ? evalTable(slewTable, at) : 0 };
  };
  if (pi && thresholds && slewTable) {
    const r = dmpDriver(table, thresholds, { near: pi.c1 + load - (pi.c1 + pi.c2), r: pi.r, far: pi.c2 });
    return { delay: r.delay, slew: r.slew, wire: r.wire };
  }
  return table(load);
}

/** Setup/hold time of a check arc for a data transition, from the clock and data slews. */
export function checkTime(arc: TimingArc, dataRf: number, clockSlew: number, dataSlew: number): number {
  const table = dataRf === RISE ? arc.riseConstraint : arc.fallConstraint;
  if (!table) return NaN;
  return evalTable(table, { inputSlew: clockSlew, load: 0, constrainedSlew: dataSlew });
}
