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

/** A net's pi model (wire and the load pin caps its parasitics connect) plus set_load caps, placed at the driver. */
export interface PiDrive {
  readonly pi: PiModel;
  readonly extraCap: number;
  readonly thresholds: Thresholds;
}

/**
 * NLDM delay and output slew of a cell arc for an output transition, from the input slew and the
 * lumped load (both SI). NaN when the arc has no table for that transition. With a pi model, the
 * DMP driver model gives delay, slew and the wire delay and slew to each load (like OpenSTA, load
 * pins the parasitics do not reach add nothing then).
 */
export function gateDelay(arc: TimingArc, outRf: number, inSlew: number, load: number, drive?: PiDrive): { delay: number; slew: number; wire?: DriverResult['wire'] } {
  const delayTable = outRf === RISE ? arc.cellRise : arc.cellFall;
  const slewTable = outRf === RISE ? arc.riseTransition : arc.fallTransition;
  if (!delayTable) return { delay: NaN, slew: NaN };
  if (drive && slewTable) {
    const table = (cap: number) => {
      const at = { inputSlew: inSlew, load: cap, constrainedSlew: 0 };
      return { delay: evalTable(delayTable, at), slew: evalTable(slewTable, at) };
    };
    const { pi, extraCap, thresholds } = drive;
    const r = dmpDriver(table, thresholds, { near: pi.c1 + extraCap, r: pi.r, far: pi.c2 });
    return { delay: r.delay, slew: r.slew, wire: r.wire };
  }
  const at = { inputSlew: inSlew, load, constrainedSlew: 0 };
  return { delay: evalTable(delayTable, at), slew: slewTable ? evalTable(slewTable, at) : 0 };
}

/** Setup/hold time of a check arc for a data transition, from the clock and data slews. */
export function checkTime(arc: TimingArc, dataRf: number, clockSlew: number, dataSlew: number): number {
  const table = dataRf === RISE ? arc.riseConstraint : arc.fallConstraint;
  if (!table) return NaN;
  return evalTable(table, { inputSlew: clockSlew, load: 0, constrainedSlew: dataSlew });
}
