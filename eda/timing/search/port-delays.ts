import type { TimingGraph } from '../graph/index.ts';
import type { PortDelay, Sdc } from '../sdc/index.ts';
import { resolvePins } from './resolve.ts';
import { MAX, MIN } from './state.ts';

/** One delay on a port for one data transition and analysis mode. */
export interface PortDelayEntry {
  /** Clock index, or -1 for an unclocked delay. */
  readonly clock: number;
  readonly clockFall: boolean;
  /** Seconds. */
  delay: number;
}

/**
 * The delays in force on each port after every set_input_delay (or set_output_delay) in order, as
 * OpenSTA applies them: per port, data transition and min/max, a command without -add_delay
 * replaces what was there; with -add_delay it adds a delay for its clock edge, or for an edge
 * already there keeps the larger (max) or smaller (min) value. Result: pin -> [rf * 2 + mm] -> entries.
 */
export function effectivePortDelays(graph: TimingGraph, sdc: Sdc, delays: readonly PortDelay[]): Map<number, PortDelayEntry[][]> {
  const out = new Map<number, PortDelayEntry[][]>();
  for (const d of delays) {
    const clock = d.clock === undefined ? -1 : sdc.clocks.findIndex((k) => k.name === d.clock);
    for (const pin of resolvePins(graph, d.objects, sdc)) {
      let slots = out.get(pin);
      if (!slots) out.set(pin, (slots = [[], [], [], []]));
      for (let rf = 0; rf < 2; rf++) {
        if (d.riseFall !== 'both' && (d.riseFall === 'rise') !== (rf === 0)) continue;
        for (const mm of [MAX, MIN]) {
          if (d.minMax !== 'both' && (d.minMax === 'max') !== (mm === MAX)) continue;
          const slot = slots[rf * 2 + mm]!;
          if (!d.add) slot.length = 0;
          const same = slot.find((e) => e.clock === clock && e.clockFall === d.clockFall);
          if (same) same.delay = mm === MAX ? Math.max(same.delay, d.delay) : Math.min(same.delay, d.delay);
          else slot.push({ clock, clockFall: d.clockFall, delay: d.delay });
        }
      }
    }
  }
  return out;
}
