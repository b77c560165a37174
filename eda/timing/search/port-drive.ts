import { UserError } from '../../../util/index.ts';
import { findCell } from '../graph/index.ts';
import type { LibertyLibrary } from '../liberty/index.ts';
import { gateDelay, inputTransitions } from '../delay-calc/index.ts';
import { resolvePins } from './resolve.ts';
import { MAX, MIN, arcDelay, mergeLoadWires, type TimingState } from './state.ts';

/** Delay and slew an input port's external driver adds, per mm and output transition. */
export interface PortDrive {
  /** [mm * 2 + rf] */
  readonly delay: number[];
  readonly slew: number[];
}

/**
 * Input ports' drive from set_driving_cell (the cell arc's delay into the port's load less its
 * zero-load delay, and its output slew, as OpenSTA computes them) or set_input_transition (a slew, no delay).
 */
export function inputPortDrives(state: TimingState, libs: LibertyLibrary[]): Map<number, PortDrive> {
  const { graph, sdc } = state;
  const drives = new Map<number, PortDrive>();
  for (const t of sdc.inputTransitions) {
    for (const p of resolvePins(graph, t.objects, sdc)) {
      const d = drives.get(p) ?? { delay: [0, 0, 0, 0], slew: [0, 0, 0, 0] };
      for (let mm = 0; mm < 2; mm++) {
        if (t.minMax === 'both' || (t.minMax === 'max') === (mm === MAX)) d.slew[mm * 2] = d.slew[mm * 2 + 1] = t.slew;
      }
      drives.set(p, d);
    }
  }
  for (const dc of sdc.drivingCells) {
    const cell = findCell(libs, dc.libCell);
    if (!cell) throw new UserError(`SDC: set_driving_cell names unknown cell ${dc.libCell}`, sdc.file, 'use a cell of the given Liberty libraries');
    const outPin = dc.pin !== undefined ? cell.pins.get(dc.pin) : [...cell.pins.values()].find((p) => p.direction === 'output');
    if (!outPin) throw new UserError(`SDC: driving cell ${dc.libCell} has no output pin ${dc.pin ?? ''}`, sdc.file);
    const arcs = outPin.timing.filter((a) => (dc.fromPin === undefined || a.relatedPin === dc.fromPin) && (a.type === 'combinational' || a.type.startsWith('combinational_')));
    const inSlew = [dc.inputTransitionRise, dc.inputTransitionFall];
    for (const p of resolvePins(graph, dc.objects, sdc)) {
      const net = graph.pins[p]!.net;
      const delay = [0, 0, 0, 0];
      const slew = [0, 0, 0, 0];
      for (let rf = 0; rf < 2; rf++) {
        const load = net >= 0 ? state.load[p * 2 + rf]! : 0;
        let dMax = -Infinity;
        let dMin = Infinity;
        let sMax = -Infinity;
        let sMin = Infinity;
        for (const arc of arcs) {
          for (const inRf of inputTransitions(arc, rf)) {
            const g = net >= 0 ? arcDelay(state, arc, rf, inSlew[inRf]!, p) : gateDelay(arc, rf, inSlew[inRf]!, load);
            if (Number.isNaN(g.delay)) continue;
            for (let mm = 0; mm < 2; mm++) mergeLoadWires(state, p, mm, rf, g);
            // Like OpenSTA, only the delay the port's load adds counts: the cell's zero-load delay is removed.
            const added = g.delay - gateDelay(arc, rf, inSlew[inRf]!, 0).delay;
            dMax = Math.max(dMax, added);
            dMin = Math.min(dMin, added);
            sMax = Math.max(sMax, g.slew);
            sMin = Math.min(sMin, g.slew);
          }
        }
        if (dMax === -Infinity) continue;
        delay[MAX * 2 + rf] = dMax;
        delay[MIN * 2 + rf] = dMin;
        slew[MAX * 2 + rf] = sMax;
        slew[MIN * 2 + rf] = sMin;
      }
      drives.set(p, { delay, slew });
    }
  }
  return drives;
}
