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
export function segment(axis: number[], x: number): number {
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

const LOAD_VARIABLE: TableVariable = 'total_output_net_capacitance';

/**
 * A table with every axis but the load fixed (a gate arc at one input slew): `at(load)` gives
 * exactly `evalTable(table, { inputSlew, load, constrainedSlew })`, bit for bit, with the fixed
 * axis's segment and weight found once. The driver-model fit looks a table up many times per arc,
 * so one slice is reused (`set`) rather than made per arc.
 */
export class LoadSlice {
  private table: LibertyTable = { variables: [], axes: [], values: [[0]] };
  private inputSlew = 0;
  private constrainedSlew = 0;
  /** 0: no axis is the load (the value is `constant`); 1/2: axis 0/1 is the load, the other fixed; 3: anything else. */
  private mode = 0;
  private constant = 0;
  /** The fixed axis of a 2-D table: its segment k, weight t and 1 - t. */
  private k = 0;
  private t = 0;
  private u = 1;

  set(table: LibertyTable, inputSlew: number, constrainedSlew: number): this {
    this.table = table;
    this.inputSlew = inputSlew;
    this.constrainedSlew = constrainedSlew;
    const { axes, variables } = table;
    const a0 = axes[0];
    const a1 = axes[1];
    const load0 = variables[0] === LOAD_VARIABLE;
    const load1 = variables[1] === LOAD_VARIABLE;
    let mode = 0;
    if (a0 === undefined || a0.length === 0) mode = 0;
    else if (a1 === undefined || a1.length <= 1) mode = load0 ? 3 : 0;
    else if (a0.length === 1) mode = load1 ? 3 : 0;
    else if (load0 && load1) mode = 3;
    else if (load1) mode = 2;
    else if (load0) mode = 1;
    this.mode = mode;
    if (mode === 0) this.constant = evalTable(table, { inputSlew, load: 0, constrainedSlew });
    else if (mode === 1 || mode === 2) {
      const fixed = mode === 2 ? 0 : 1;
      const axis = axes[fixed]!;
      const v = variables[fixed];
      const x = v === 'constrained_pin_transition' ? constrainedSlew : inputSlew;
      const k = segment(axis, x);
      this.k = k;
      this.t = (x - axis[k]!) / (axis[k + 1]! - axis[k]!);
      this.u = 1 - this.t;
    }
    return this;
  }

  at(load: number): number {
    const mode = this.mode;
    if (mode === 0) return this.constant;
    const { table, k, t, u } = this;
    if (mode === 3) return evalTable(table, { inputSlew: this.inputSlew, load, constrainedSlew: this.constrainedSlew });
    const { axes, values } = table;
    if (mode === 2) {
      // lookupTable's expression with x fixed: (1 - tx) = u, tx = t, rows k and k + 1.
      const a1 = axes[1]!;
      const j = segment(a1, load);
      const ty = (load - a1[j]!) / (a1[j + 1]! - a1[j]!);
      const r0 = values[k]!;
      const r1 = values[k + 1]!;
      return u * (1 - ty) * r0[j]! + t * (1 - ty) * r1[j]! + u * ty * r0[j + 1]! + t * ty * r1[j + 1]!;
    }
    // y fixed: (1 - ty) = u, ty = t, columns k and k + 1.
    const a0 = axes[0]!;
    const i = segment(a0, load);
    const tx = (load - a0[i]!) / (a0[i + 1]! - a0[i]!);
    const r0 = values[i]!;
    const r1 = values[i + 1]!;
    return (1 - tx) * u * r0[k]! + tx * u * r1[k]! + (1 - tx) * t * r0[k + 1]! + tx * t * r1[k + 1]!;
  }
}
