/** min:typ:max of one SDF value; entries absent in the file are undefined. Seconds. */
export type SdfTriple = [number | undefined, number | undefined, number | undefined];

/** One IOPATH: from (optionally an edge) to, delays per output transition. */
export interface SdfIoPath {
  readonly from: string;
  readonly fromEdge?: 'posedge' | 'negedge';
  readonly to: string;
  readonly cond?: string;
  /** Rise and fall delays (a single given value applies to both). */
  readonly rise?: SdfTriple;
  readonly fall?: SdfTriple;
  readonly increment: boolean;
}

export interface SdfInterconnect {
  /** Full pin paths with the SDF divider turned into `/` between instance and pin. */
  readonly from: string;
  readonly to: string;
  readonly rise?: SdfTriple;
  readonly fall?: SdfTriple;
  readonly increment: boolean;
}

export interface SdfCheck {
  readonly kind: 'SETUP' | 'HOLD' | 'RECOVERY' | 'REMOVAL' | 'WIDTH' | 'PERIOD' | 'SKEW' | 'NOCHANGE';
  readonly data: string;
  readonly dataEdge?: 'posedge' | 'negedge';
  readonly clock?: string;
  readonly clockEdge?: 'posedge' | 'negedge';
  /** A port's COND (`(SETUP (COND expr D) ...)`), matched against the check arc's Liberty sdf_cond_start (data) and sdf_cond_end (clock). */
  readonly dataCond?: string;
  readonly clockCond?: string;
  readonly value?: SdfTriple;
}

export interface SdfCell {
  readonly cellType: string;
  /** Instance path ('' or '*' for the design itself / wildcard). */
  readonly instance: string;
  readonly ioPaths: SdfIoPath[];
  readonly interconnects: SdfInterconnect[];
  readonly checks: SdfCheck[];
  readonly line: number;
}

export interface Sdf {
  readonly file: string;
  readonly design: string;
  readonly divider: string;
  /** Seconds per SDF time unit (TIMESCALE). */
  readonly timescale: number;
  readonly cells: SdfCell[];
}
