import { dataPath } from '../../../../util/index.ts';

/**
 * A standard-cell library with its Liberty and LEF, and what synthesis and the default
 * constraints need to know about it. Paths resolve in the shared data folder.
 */
export interface CellLibrary {
  readonly name: string;
  readonly liberty: string;
  /** Technology LEF first, then the cell LEF. */
  readonly lefs: string[];
  /** Tie cells for constants: cell, pin. */
  readonly tieHigh: [string, string];
  readonly tieLow: [string, string];
  /** Input drive and output load of the default constraints (OpenLane's defaults for sky130). */
  readonly drivingCell: [string, string];
  /** Output load in the Liberty's capacitance unit. */
  readonly outputLoad: number;
  /** Cells synthesis must not use (physical-only, power-management, delay, tri-state and probe cells). */
  readonly dontUse: RegExp;
  /** Ohms per via cut where the LEF gives none. */
  readonly viaResistance?: number;
}

export const libraries = {
  sky130hd: (): CellLibrary => ({
    name: 'sky130hd',
    liberty: dataPath('liberty', 'sky130_fd_sc_hd', 'sky130hd_tt.lib.gz'),
    lefs: [dataPath('lef', 'sky130_fd_sc_hd', 'sky130hd.tlef'), dataPath('lef', 'sky130_fd_sc_hd', 'sky130_fd_sc_hd_merged.lef.gz')],
    tieHigh: ['sky130_fd_sc_hd__conb_1', 'HI'],
    tieLow: ['sky130_fd_sc_hd__conb_1', 'LO'],
    drivingCell: ['sky130_fd_sc_hd__inv_2', 'Y'],
    outputLoad: 0.033442,
    // OpenLane keeps these out of synthesis (its no_synth list): no timing-driven flow wants them.
    dontUse: /lpflow|probe|clkdly|dlygate|dlymetal|einv|ebuf|macro_sparecell|decap|fill|tap|diode|bleeder|conb/,
    viaResistance: 5,
  }),
  nangate45: (): CellLibrary => ({
    name: 'nangate45',
    liberty: dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'),
    lefs: [dataPath('lef', 'nangate45', 'Nangate45.lef')],
    tieHigh: ['LOGIC1_X1', 'Z'],
    tieLow: ['LOGIC0_X1', 'Z'],
    drivingCell: ['BUF_X1', 'Z'],
    outputLoad: 3.9,
    dontUse: /TAPCELL|FILLCELL|ANTENNA|LOGIC[01]/,
  }),
} as const;

export type LibraryName = keyof typeof libraries;

export function cellLibrary(name: string): CellLibrary {
  const make = (libraries as Record<string, () => CellLibrary>)[name];
  if (!make) throw new Error(`unknown library ${name}`);
  return make();
}

/**
 * Liberty text without the cells synthesis must not use: each `cell (NAME) { ... }` group whose
 * name matches is cut out by brace matching (ABC reads no dont_use list in Yosys 0.23).
 */
export function trimLiberty(text: string, dontUse: RegExp): string {
  const out: string[] = [];
  const re = /\bcell\s*\(\s*"?([^")\s]+)"?\s*\)\s*\{/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!dontUse.test(m[1]!)) continue;
    let depth = 1;
    let i = m.index + m[0].length;
    while (i < text.length && depth > 0) {
      const ch = text[i++];
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
      else if (ch === '"') while (i < text.length && text[i++] !== '"');
    }
    out.push(text.slice(last, m.index));
    last = i;
    re.lastIndex = i;
  }
  out.push(text.slice(last));
  return out.join('');
}
