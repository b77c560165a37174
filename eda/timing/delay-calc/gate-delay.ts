import { LoadSlice, evalTable, type LibertyTable, type TimingArc } from '../liberty/index.ts';
import type { PiModel } from './effective-cap.ts';
import { dmpDriver, type GateTableEval, type Thresholds, type WireResult } from './dmp-driver.ts';

export const RISE = 0;
export const FALL = 1;

const NONE: readonly number[] = [];
const ONLY_RISE: readonly number[] = [RISE];
const ONLY_FALL: readonly number[] = [FALL];
const BOTH: readonly number[] = [RISE, FALL];

/** The input transitions (0 rise, 1 fall) that can cause this output transition through the arc. */
export function inputTransitions(arc: TimingArc, outRf: number): readonly number[] {
  if (arc.type === 'combinational_rise' && outRf !== RISE) return NONE;
  if (arc.type === 'combinational_fall' && outRf !== FALL) return NONE;
  switch (arc.sense) {
    case 'positive_unate': return outRf === RISE ? ONLY_RISE : ONLY_FALL;
    case 'negative_unate': return outRf === RISE ? ONLY_FALL : ONLY_RISE;
    default: return BOTH;
  }
}

/** A net's pi model (wire and the load pin caps its parasitics connect) plus set_load caps, placed at the driver. */
export interface PiDrive {
  readonly pi: PiModel;
  readonly extraCap: number;
  readonly thresholds: Thresholds;
}

/** A cell arc's delay and output slew; with the driver model, also the wire delay and slew to each load. */
export interface GateDelay {
  readonly delay: number;
  readonly slew: number;
  wire?(elmore: number): WireResult;
}

/** An arc's delay and slew tables at one input slew, looked up by load (the driver model's table). */
class ArcAtSlew implements GateTableEval {
  delay = 0;
  slew = 0;
  private readonly delayAt = new LoadSlice();
  private readonly slewAt = new LoadSlice();
  set(delayTable: LibertyTable, slewTable: LibertyTable, inSlew: number): this {
    this.delayAt.set(delayTable, inSlew, 0);
    this.slewAt.set(slewTable, inSlew, 0);
    return this;
  }
  at(cap: number): void {
    this.delay = this.delayAt.at(cap);
    this.slew = this.slewAt.at(cap);
  }
}
/** dmpDriver keeps no reference to its table or its load, so one of each serves every arc. */
const arcAtSlew = new ArcAtSlew();
const piLoad = { near: 0, r: 0, far: 0 };

/**
 * NLDM delay and output slew of a cell arc for an output transition, from the input slew and the
 * lumped load (both SI). NaN when the arc has no table for that transition. With a pi model, the
 * DMP driver model gives delay, slew and the wire delay and slew to each load (like OpenSTA, load
 * pins the parasitics do not reach add nothing then).
 */
export function gateDelay(arc: TimingArc, outRf: number, inSlew: number, load: number, drive?: PiDrive): GateDelay {
  const delayTable = outRf === RISE ? arc.cellRise : arc.cellFall;
  const slewTable = outRf === RISE ? arc.riseTransition : arc.fallTransition;
  if (!delayTable) return { delay: NaN, slew: NaN };
  if (drive && slewTable) {
    const { pi, extraCap, thresholds } = drive;
    piLoad.near = pi.c1 + extraCap;
    piLoad.r = pi.r;
    piLoad.far = pi.c2;
    return dmpDriver(arcAtSlew.set(delayTable, slewTable, inSlew), thresholds, piLoad);
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
