/** A reference to design objects by name patterns (Tcl glob: * and ?), resolved by the engine. */
export interface ObjectQuery {
  readonly kind: 'port' | 'pin' | 'cell' | 'net' | 'clock' | 'any';
  readonly patterns: string[];
  /** all_inputs / all_outputs restrict ports by direction. */
  readonly direction?: 'input' | 'output';
  /** all_registers: every sequential cell. */
  readonly registers?: boolean;
}

export interface SdcClock {
  readonly name: string;
  /** Seconds. */
  readonly period: number;
  /** Rise and fall edge times, seconds. */
  readonly waveform: [number, number];
  /** Empty for a virtual clock. */
  readonly sources: ObjectQuery[];
  propagated: boolean;
  uncertaintySetup: number;
  uncertaintyHold: number;
  /** Ideal slew at register clock pins (set_clock_transition), seconds. */
  transition: number;
  /** set_clock_latency -source / ideal network latency, seconds. */
  latency: number;
}

export type MinMax = 'min' | 'max' | 'both';

export interface PortDelay {
  readonly objects: ObjectQuery;
  readonly clock?: string;
  readonly clockFall: boolean;
  readonly minMax: MinMax;
  /** Seconds. */
  readonly delay: number;
}

export interface DrivingCell {
  readonly objects: ObjectQuery;
  readonly libCell: string;
  readonly pin?: string;
  readonly fromPin?: string;
  /** Seconds; the slew at the driving cell's input. */
  readonly inputTransitionRise: number;
  readonly inputTransitionFall: number;
}

export interface PathException {
  readonly from: ObjectQuery[];
  readonly through: ObjectQuery[];
  readonly to: ObjectQuery[];
  readonly minMax: MinMax;
}

/** set_timing_derate factors for early (min) and late (max) cell and net delays. */
export interface TimingDerate {
  earlyCell: number;
  earlyNet: number;
  lateCell: number;
  lateNet: number;
}

export interface Sdc {
  readonly file: string;
  readonly clocks: SdcClock[];
  readonly inputDelays: PortDelay[];
  readonly outputDelays: PortDelay[];
  /** set_load (port pin load), farads. */
  readonly loads: { objects: ObjectQuery; cap: number }[];
  readonly drivingCells: DrivingCell[];
  readonly inputTransitions: { objects: ObjectQuery; slew: number; minMax: MinMax }[];
  readonly falsePaths: PathException[];
  readonly derate: TimingDerate;
}
