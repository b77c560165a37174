export interface LefLayer {
  readonly name: string;
  readonly type: string;
  readonly direction?: 'HORIZONTAL' | 'VERTICAL';
  /** Microns. */
  readonly width?: number;
  readonly pitch?: number;
  /** Ohms per square, farads per square micron, farads per micron of edge. */
  readonly resistancePerSquare?: number;
  readonly capacitancePerSquare?: number;
  readonly edgeCapacitance?: number;
  /** Microns: minimum spacing to a neighbour (the plain SPACING rule), metal thickness, dielectric height below. */
  readonly spacing?: number;
  readonly thickness?: number;
  readonly height?: number;
  /** Ohms per cut, for CUT layers (`RESISTANCE r ;`). */
  readonly cutResistance?: number;
}

export interface LefRect {
  readonly layer: string;
  /** Microns, in the macro's own frame. */
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface LefPin {
  readonly name: string;
  readonly direction?: string;
  readonly use?: string;
  readonly rects: LefRect[];
}

export interface LefMacro {
  readonly name: string;
  readonly className?: string;
  /** The SITE the macro sits on (core cells), when the LEF names one. */
  readonly site?: string;
  /** Microns. */
  readonly width: number;
  readonly height: number;
  readonly pins: Map<string, LefPin>;
}

export interface LefSite {
  readonly name: string;
  readonly width: number;
  readonly height: number;
}

export interface Lef {
  readonly files: string[];
  /** Database units per micron (UNITS DATABASE MICRONS). */
  readonly dbuPerMicron?: number;
  readonly layers: Map<string, LefLayer>;
  readonly sites: Map<string, LefSite>;
  readonly macros: Map<string, LefMacro>;
}
