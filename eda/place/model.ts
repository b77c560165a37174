/**
 * A placement problem in microns: movable and fixed rectangles (cells, obstacles, ports as
 * zero-size fixed cells), nets as lists of pins (cell + offset of the pin from the cell's
 * lower-left corner in the cell's own, unflipped frame), and a floorplan of site rows.
 */
export interface PlaceCell {
  readonly name: string;
  readonly macro: string;
  readonly width: number;
  readonly height: number;
  /** Fixed cells (ports, taps, blockages) never move. */
  readonly fixed: boolean;
  /** A top-level port (zero-size, fixed): written to DEF PINS, not COMPONENTS. */
  readonly isPort?: boolean;
  /** A port's direction (DEF PINS). */
  readonly direction?: 'INPUT' | 'OUTPUT' | 'INOUT';
  /** Cells that take part in no net and are written back as they came (taps, blockages). */
  readonly obstacle?: boolean;
  /** Orientation of a fixed cell. */
  readonly orient?: string;
}

export interface PlacePin {
  readonly cell: number;
  /** The macro pin name (absent for ports). */
  readonly pin?: string;
  /** Offset of the pin's access point from the cell's lower-left corner, unflipped (microns). */
  readonly dx: number;
  readonly dy: number;
}

export interface PlaceNet {
  readonly name: string;
  readonly pins: PlacePin[];
}

export interface PlaceRow {
  readonly name: string;
  readonly site: string;
  /** Lower-left corner (microns), number of sites, site width, row height. */
  readonly x: number;
  readonly y: number;
  readonly sites: number;
  readonly siteWidth: number;
  readonly height: number;
  /** DEF orientation of cells in this row (N or FS usually). */
  readonly orient: string;
}

export interface Floorplan {
  readonly die: { x1: number; y1: number; x2: number; y2: number };
  readonly rows: PlaceRow[];
  /** Database units per micron for the DEF written. */
  readonly dbu: number;
}

export interface PlaceProblem {
  readonly design: string;
  readonly cells: PlaceCell[];
  readonly nets: PlaceNet[];
  readonly floorplan: Floorplan;
}

/** Positions (lower-left, microns) and orientations of every cell. */
export interface Placement {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly orient: string[];
}

/** A pin's x, y for a cell placed at (x, y) with a DEF orientation (N, FS, FN, S). */
export function pinPosition(cell: PlaceCell, pin: PlacePin, x: number, y: number, orient: string): [number, number] {
  const flipX = orient === 'FN' || orient === 'S';
  const flipY = orient === 'FS' || orient === 'S';
  return [x + (flipX ? cell.width - pin.dx : pin.dx), y + (flipY ? cell.height - pin.dy : pin.dy)];
}
