import type { LibertyTable } from './table.ts';

export type PinDirection = 'input' | 'output' | 'inout' | 'internal';
export type TimingSense = 'positive_unate' | 'negative_unate' | 'non_unate';

/** One Liberty `timing ()` group: an arc from related_pin to the pin that owns it. */
export interface TimingArc {
  readonly relatedPin: string;
  readonly sense: TimingSense;
  /** Liberty timing_type: combinational, rising_edge, setup_rising, hold_rising, ... */
  readonly type: string;
  readonly when?: string;
  /** The SDF COND text that names this arc (Liberty sdf_cond). */
  readonly sdfCond?: string;
  /** Timing checks: the SDF COND of the data (sdf_cond_start) and clock (sdf_cond_end) port that names this arc. */
  readonly sdfCondStart?: string;
  readonly sdfCondEnd?: string;
  readonly cellRise?: LibertyTable;
  readonly cellFall?: LibertyTable;
  readonly riseTransition?: LibertyTable;
  readonly fallTransition?: LibertyTable;
  readonly riseConstraint?: LibertyTable;
  readonly fallConstraint?: LibertyTable;
}

export interface LibertyPin {
  readonly name: string;
  readonly direction: PinDirection;
  /** Farads. */
  readonly capacitance: number;
  readonly riseCapacitance: number;
  readonly fallCapacitance: number;
  readonly isClock: boolean;
  readonly func?: string;
  readonly timing: TimingArc[];
}

export interface LibertyCell {
  readonly name: string;
  readonly area: number;
  readonly pins: Map<string, LibertyPin>;
  /** Has an ff, latch or statetable group: its outputs start paths at a clock edge. */
  readonly isSequential: boolean;
  readonly dontUse: boolean;
  /** Power and ground pins (pg_pin groups): netlists may connect them; they carry no timing. */
  readonly pgPins: Set<string>;
}

/** A Liberty wire_load model: wire cap and resistance from fanout. */
export interface WireLoadModel {
  readonly name: string;
  /** Per unit length, in farads and ohms. */
  readonly capacitancePerLength: number;
  readonly resistancePerLength: number;
  readonly slope: number;
  readonly fanoutLength: [number, number][];
}

export interface LibertyLibrary {
  readonly name: string;
  readonly file: string;
  /** Seconds per library time unit, farads per capacitance unit, ohms per resistance unit. */
  readonly timeUnit: number;
  readonly capUnit: number;
  readonly resUnit: number;
  readonly cells: Map<string, LibertyCell>;
  readonly wireLoads: Map<string, WireLoadModel>;
  readonly defaultWireLoad?: string;
  /** Fractions (0..1) of the supply: the delay threshold of outputs, where slews are measured; slew_derate_from_library. */
  readonly outputThresholdRise: number;
  readonly slewLowerRise: number;
  readonly slewUpperRise: number;
  readonly slewDerate: number;
  readonly defaultMaxTransition?: number;
}

/** Wire cap (F) and resistance (ohm) of a net with this many loads under a wire-load model. */
export function wireLoadRC(m: WireLoadModel, fanout: number): { cap: number; res: number } {
  const table = m.fanoutLength;
  let length = 0;
  const exact = table.find(([f]) => f === fanout);
  if (exact) length = exact[1];
  else if (table.length > 0) {
    const last = table[table.length - 1]!;
    if (fanout > last[0]) length = last[1] + (fanout - last[0]) * m.slope;
    else {
      // Between two listed fanouts: interpolate linearly, as OpenSTA does.
      let lo = table[0]!;
      let hi = last;
      for (const e of table) {
        if (e[0] <= fanout && e[0] >= lo[0]) lo = e;
        if (e[0] >= fanout && e[0] <= hi[0]) hi = e;
      }
      length = hi[0] === lo[0] ? lo[1] : lo[1] + ((hi[1] - lo[1]) * (fanout - lo[0])) / (hi[0] - lo[0]);
    }
  }
  return { cap: length * m.capacitancePerLength, res: length * m.resistancePerLength };
}
