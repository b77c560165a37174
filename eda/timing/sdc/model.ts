/** A `-filter` expression of get_ports/get_pins/get_cells/get_nets/get_clocks. */
export type FilterExpr =
  | { readonly op: 'and' | 'or'; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly op: 'not'; readonly expr: FilterExpr }
  | { readonly op: '==' | '!=' | '=~' | '!~'; readonly attribute: FilterAttribute; readonly value: string };

/** The object attributes a filter may test (others are refused when the SDC is read). */
export type FilterAttribute = 'name' | 'full_name' | 'direction' | 'ref_name' | 'is_sequential' | 'is_clock' | 'is_port';

/** A reference to design objects by name patterns (Tcl glob: * and ?), resolved by the engine. */
export interface ObjectQuery {
  readonly kind: 'port' | 'pin' | 'cell' | 'net' | 'clock' | 'any';
  readonly patterns: string[];
  /** all_inputs / all_outputs restrict ports by direction. */
  readonly direction?: 'input' | 'output';
  /** all_inputs -no_clocks: leave out clock source ports. */
  readonly noClocks?: boolean;
  /** all_registers: every sequential cell. */
  readonly registers?: boolean;
  /** -regexp: patterns are regular expressions; -nocase: case-insensitive matching. */
  readonly regexp?: boolean;
  readonly nocase?: boolean;
  /** -quiet: matching nothing is not an error. */
  readonly quiet?: boolean;
  readonly filter?: FilterExpr;
  /** -of_objects: the objects of this kind connected to these (pins of cells or nets, cells of pins, ...). */
  readonly of?: ObjectQuery;
  /** Where the query was written (for errors when it matches nothing). */
  readonly line?: number;
}

export type RiseFall = 'rise' | 'fall' | 'both';
export type MinMax = 'min' | 'max' | 'both';

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
  /** Ideal network latency (set_clock_latency without -source), seconds; replaced by the propagated latency. */
  latency: number;
  /** Source latency (set_clock_latency -source), seconds; added to ideal and propagated latency alike. */
  sourceLatency: number;
}

export interface PortDelay {
  readonly objects: ObjectQuery;
  /** Undefined: an unclocked delay (paths from or to it are not checked, as in OpenSTA). */
  readonly clock?: string;
  readonly clockFall: boolean;
  readonly minMax: MinMax;
  /** The data transitions it applies to (-rise / -fall). */
  readonly riseFall: RiseFall;
  /** -add_delay: kept beside the port's other delays; otherwise it replaces them. */
  readonly add: boolean;
  /** Seconds. */
  readonly delay: number;
}

export interface DrivingCell {
  readonly objects: ObjectQuery;
  readonly libCell: string;
  /** -library: look the cell up in this library only. */
  readonly library?: string;
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
  /** -rise_from/-fall_from: the launch transition (the clock edge for clocks); -rise_to/-fall_to: the data transition at the end. */
  readonly fromRiseFall: RiseFall;
  readonly toRiseFall: RiseFall;
  readonly minMax: MinMax;
}

/** group_path: paths to these endpoints (or capture clocks), or from these launch clocks, report under `name`. */
export interface PathGroup {
  readonly name: string;
  readonly from: ObjectQuery[];
  readonly to: ObjectQuery[];
}

/** set_timing_derate factors for early (min) and late (max) cell and net delays. */
export interface TimingDerate {
  earlyCell: number;
  earlyNet: number;
  lateCell: number;
  lateNet: number;
}

/** A design rule limit (set_max_transition, set_max_capacitance, set_max_fanout) on a design, ports or clocks. */
export interface DesignRuleLimit {
  readonly kind: 'transition' | 'capacitance' | 'fanout';
  /** Seconds, farads or a load count. */
  readonly value: number;
  /** Undefined: the whole design (current_design). */
  readonly objects?: ObjectQuery;
  /** set_max_transition -clock_path / -data_path: which pins it covers. */
  readonly path: 'clock' | 'data' | 'both';
}

/** Something the SDC says that has no effect here, with the reason (printed as `file:line: warning: ...`). */
export interface SdcWarning {
  readonly line: number;
  readonly message: string;
}

export interface Sdc {
  readonly file: string;
  readonly clocks: SdcClock[];
  readonly inputDelays: PortDelay[];
  readonly outputDelays: PortDelay[];
  /** set_load (port pin load), farads. */
  readonly loads: { objects: ObjectQuery; cap: number }[];
  readonly drivingCells: DrivingCell[];
  readonly inputTransitions: { objects: ObjectQuery; slew: number; minMax: MinMax; riseFall: RiseFall }[];
  readonly falsePaths: PathException[];
  readonly pathGroups: PathGroup[];
  /** set_case_analysis: pins or ports held at a constant. */
  readonly caseAnalysis: { objects: ObjectQuery; value: 0 | 1 }[];
  readonly designRules: DesignRuleLimit[];
  readonly derate: TimingDerate;
  /** set_wire_load_model -name: the wire-load model to use instead of the library's default. */
  wireLoadModel?: string;
  readonly warnings: SdcWarning[];
  /** What `puts` printed, in order. */
  readonly messages: string[];
}
