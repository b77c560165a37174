/** What a table axis measures (Liberty `variable_N`). */
export type TableVariable =
  | 'input_net_transition'
  | 'total_output_net_capacitance'
  | 'related_pin_transition'
  | 'constrained_pin_transition'
  | 'output_net_length'
  | 'other';

/**
 * An NLDM lookup table, values in SI units (seconds). Axes hold seconds or farads by their
 * variable. values[i][j] is at (axes[0][i], axes[1][j]); a 1-D table has one row per index_1.
 */
export interface LibertyTable {
  readonly variables: TableVariable[];
  readonly axes: number[][];
  readonly values: number[][];
}

export function toVariable(name: string | undefined): TableVariable {
  switch (name) {
    case 'input_net_transition':
    case 'total_output_net_capacitance':
    case 'related_pin_transition':
    case 'constrained_pin_transition':
    case 'output_net_length':
      return name;
    default:
      return 'other';
  }
}

/** Parses "0.1, 0.2, 0.3" (already unquoted) into numbers; undefined when any is not a number. */
export function parseNumberList(s: string): number[] | undefined {
  const parts = s.split(',');
  const out = new Array<number>(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const t = parts[i]!.trim();
    const v = Number(t);
    if (t === '' || !Number.isFinite(v)) return undefined;
    out[i] = v;
  }
  return out;
}

/** Index of the segment [axis[k], axis[k+1]] used to interpolate or extrapolate x. */
function segment(axis: number[], x: number): number {
  const n = axis.length;
  if (n < 2 || x <= axis[0]!) return 0;
  if (x >= axis[n - 1]!) return n - 2;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (axis[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The axis inputs of a table lookup, in SI units. */
export interface TableInputs {
  readonly inputSlew: number;
  readonly load: number;
  readonly constrainedSlew: number;
}

function pick(v: TableVariable | undefined, at: TableInputs): number {
  switch (v) {
    case 'total_output_net_capacitance':
      return at.load;
    case 'constrained_pin_transition':
      return at.constrainedSlew;
    default:
      return at.inputSlew;
  }
}

/** Evaluates a table at the inputs its axis variables name. */
export function evalTable(table: LibertyTable, at: TableInputs): number {
  return lookupTable(table, pick(table.variables[0], at), pick(table.variables[1], at));
}

/**
 * Looks a table up at the given axis values, interpolating linearly (bilinearly in 2-D) inside
 * the table and extrapolating linearly from the edge segment outside it, as OpenSTA does.
 */
export function lookupTable(table: LibertyTable, x: number, y: number): number {
  const { axes, values } = table;
  const a0 = axes[0];
  if (a0 === undefined || a0.length === 0) return values[0]![0]!;
  const a1 = axes[1];
  if (a1 === undefined || a1.length <= 1) {
    // 1-D: a single row of values along index_1 (or, rarely, one value per row).
    const row = values.length === 1 ? values[0]! : values.map((r) => r[0]!);
    return interpolate1(a0, row, x);
  }
  if (a0.length === 1) return interpolate1(a1, values[0]!, y);
  const i = segment(a0, x);
  const j = segment(a1, y);
  const x0 = a0[i]!;
  const x1 = a0[i + 1]!;
  const y0 = a1[j]!;
  const y1 = a1[j + 1]!;
  const tx = (x - x0) / (x1 - x0);
  const ty = (y - y0) / (y1 - y0);
  const v00 = values[i]![j]!;
  const v01 = values[i]![j + 1]!;
  const v10 = values[i + 1]![j]!;
  const v11 = values[i + 1]![j + 1]!;
  return (1 - tx) * (1 - ty) * v00 + tx * (1 - ty) * v10 + (1 - tx) * ty * v01 + tx * ty * v11;
}

function interpolate1(axis: number[], row: number[], x: number): number {
  if (axis.length === 1) return row[0]!;
  const i = segment(axis, x);
  const x0 = axis[i]!;
  const x1 = axis[i + 1]!;
  return row[i]! + ((row[i + 1]! - row[i]!) * (x - x0)) / (x1 - x0);
}

/**
 * A table with every axis but the load fixed (a gate arc at one input slew): `at(load)` gives
 * exactly `evalTable(table, { inputSlew, load, constrainedSlew })`, bit for bit, with the fixed
 * axis's segment and weight found once. The driver-model fit looks a table up many times per arc.
 */
export class LoadSlice {
  private readonly table: LibertyTable;
  private readonly inputSlew: number;
  private readonly constrainedSlew: number;
  /** 'constant': no axis is the load; 'x'/'y': axis 0/1 is the load, the other fixed; 'full': anything else. */
  private readonly mode: 'constant' | 'x' | 'y' | 'full';
  private readonly constant: number;
  /** The fixed axis of a 2-D table: its segment k, weight t and 1 - t. */
  private readonly k: number = 0;
  private readonly t: number = 0;
  private readonly u: number = 1;

  constructor(table: LibertyTable, inputSlew: number, constrainedSlew: number) {
    this.table = table;
    this.inputSlew = inputSlew;
    this.constrainedSlew = constrainedSlew;
    const { axes, variables } = table;
    const [a0, a1] = axes;
    const isLoad = variables.map((v) => v === 'total_output_net_capacitance');
    let mode: LoadSlice['mode'] = 'constant';
    if (a0 === undefined || a0.length === 0) mode = 'constant';
    else if (a1 === undefined || a1.length <= 1) mode = isLoad[0] ? 'full' : 'constant';
    else if (a0.length === 1) mode = isLoad[1] ? 'full' : 'constant';
    else if (isLoad[0] && isLoad[1]) mode = 'full';
    else if (isLoad[1]) mode = 'y';
    else if (isLoad[0]) mode = 'x';
    this.mode = mode;
    const at = { inputSlew, load: 0, constrainedSlew };
    this.constant = mode === 'constant' ? evalTable(table, at) : 0;
    if (mode === 'x' || mode === 'y') {
      const fixed = mode === 'y' ? 0 : 1;
      const axis = axes[fixed]!;
      const x = pick(variables[fixed], at);
      const k = segment(axis, x);
      this.k = k;
      this.t = (x - axis[k]!) / (axis[k + 1]! - axis[k]!);
      this.u = 1 - this.t;
    }
  }

  at(load: number): number {
    const { table, k, t, u } = this;
    const { axes, values } = table;
    switch (this.mode) {
      case 'constant':
        return this.constant;
      case 'full':
        return evalTable(table, { inputSlew: this.inputSlew, load, constrainedSlew: this.constrainedSlew });
      case 'y': {
        // lookupTable's expression with x fixed: (1 - tx) = u, tx = t, rows k and k + 1.
        const a1 = axes[1]!;
        const j = segment(a1, load);
        const ty = (load - a1[j]!) / (a1[j + 1]! - a1[j]!);
        const r0 = values[k]!;
        const r1 = values[k + 1]!;
        return u * (1 - ty) * r0[j]! + t * (1 - ty) * r1[j]! + u * ty * r0[j + 1]! + t * ty * r1[j + 1]!;
      }
      case 'x': {
        // y fixed: (1 - ty) = u, ty = t, columns k and k + 1.
        const a0 = axes[0]!;
        const i = segment(a0, load);
        const tx = (load - a0[i]!) / (a0[i + 1]! - a0[i]!);
        const r0 = values[i]!;
        const r1 = values[i + 1]!;
        return (1 - tx) * u * r0[k]! + tx * u * r1[k]! + (1 - tx) * t * r0[k + 1]! + tx * t * r1[k + 1]!;
      }
    }
  }
}
