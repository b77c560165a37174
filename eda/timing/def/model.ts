export type PlacementStatus = 'UNPLACED' | 'PLACED' | 'FIXED' | 'COVER';

export interface DefComponent {
  readonly name: string;
  readonly macro: string;
  readonly status: PlacementStatus;
  /** Lower-left corner in DEF database units (undefined when unplaced). */
  readonly x?: number;
  readonly y?: number;
  readonly orient: string;
  readonly line: number;
}

export interface DefPin {
  readonly name: string;
  readonly net: string;
  readonly direction?: string;
  readonly use?: string;
  readonly x?: number;
  readonly y?: number;
}

export interface DefNet {
  readonly name: string;
  /** (component, pin) pairs; component `PIN` means a top-level pin. */
  readonly conns: { inst: string; pin: string }[];
  readonly use?: string;
  readonly line: number;
}

export interface Def {
  readonly file: string;
  readonly design: string;
  readonly dbuPerMicron: number;
  readonly dieArea?: { x1: number; y1: number; x2: number; y2: number };
  readonly rows: { name: string; site: string; x: number; y: number; orient: string; count: number; step: number }[];
  readonly components: DefComponent[];
  readonly pins: DefPin[];
  readonly nets: DefNet[];
  readonly busBitChars: string;
  readonly dividerChar: string;
}
