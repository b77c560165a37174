import { evalTable, type TimingArc } from '../liberty/index.ts';
import { effectiveCap, type PiModel } from './effective-cap.ts';

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
 * lumped load (both SI). NaN when the arc has no table for that transition.
 */
export function gateDelay(arc: TimingArc, outRf: number, inSlew: number, load: number, pi?: PiModel, slewSwing = 1): { delay: number; slew: number } {
  const delayTable = outRf === RISE ? arc.cellRise : arc.cellFall;
  const slewTable = outRf === RISE ? arc.riseTransition : arc.fallTransition;
  if (!delayTable) return { delay: NaN, slew: NaN };
  let ceff = load;
  if (pi && pi.r > 0 && slewTable) {
    // The pi model already holds the total load; iterate Ceff against the driver's own ramp.
    const extra = load - (pi.c1 + pi.c2);
    for (let i = 0; i < 4; i++) {
      const slew = evalTable(slewTable, { inputSlew: inSlew, load: ceff, constrainedSlew: 0 });
      ceff = effectiveCap(pi, slew / slewSwing) + extra;
    }
  }
  const at = { inputSlew: inSlew, load: ceff, constrainedSlew: 0 };
  return { delay: evalTable(delayTable, at), slew: slewTable ? evalTable(slewTable, at) : 0 };
}

/** Setup/hold time of a check arc for a data transition, from the clock and data slews. */
export function checkTime(arc: TimingArc, dataRf: number, clockSlew: number, dataSlew: number): number {
  const table = dataRf === RISE ? arc.riseConstraint : arc.fallConstraint;
  if (!table) return NaN;
  return evalTable(table, { inputSlew: clockSlew, load: 0, constrainedSlew: dataSlew });
}
