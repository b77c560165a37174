import { UserError } from '../../../util/index.ts';
import { readTextFile } from '../../../util/index.ts';
import type { LibertyAttribute, LibertyGroup } from './syntax-tree.ts';
import { parseLibertySyntax } from './syntax-tree.ts';
import { parseNumberList, toVariable, type LibertyTable, type TableVariable } from './table.ts';
import type {
  LibertyCell, LibertyLibrary, LibertyPin, PinDirection, TimingArc, TimingSense, WireLoadModel,
} from './model.ts';

const timeUnits: Record<string, number> = { s: 1, ms: 1e-3, us: 1e-6, ns: 1e-9, ps: 1e-12, fs: 1e-15 };
const capUnits: Record<string, number> = { f: 1, mf: 1e-3, uf: 1e-6, nf: 1e-9, pf: 1e-12, ff: 1e-15 };
const resUnits: Record<string, number> = { ohm: 1, kohm: 1e3, mohm: 1e6 };

interface Template {
  variables: TableVariable[];
  axes: number[][];
}

class LibraryReader {
  timeUnit = 1e-9;
  capUnit = 1e-12;
  resUnit = 1e3;
  readonly templates = new Map<string, Template>();

  constructor(readonly file: string) {}

  fail(message: string, at: { line: number; col: number }, fix?: string): UserError {
    return new UserError(`Liberty: ${message}`, { file: this.file, line: at.line, col: at.col }, fix);
  }

  number(a: LibertyAttribute, index = 0): number {
    const v = Number(a.values[index]);
    if (a.values[index] === undefined || !Number.isFinite(v)) throw this.fail(`${a.name} expects a number`, a);
    return v;
  }

  unit(a: LibertyAttribute, table: Record<string, number>): number {
    const m = /^([0-9.eE+-]*)\s*([a-zA-Z]+)$/.exec(a.values[0] ?? '');
    const scale = m ? table[m[2]!.toLowerCase()] : undefined;
    if (!m || scale === undefined) throw this.fail(`unknown unit ${JSON.stringify(a.values[0])} in ${a.name}`, a, `use one of ${Object.keys(table).join(', ')}`);
    return (m[1] === '' ? 1 : Number(m[1])) * scale;
  }

  template(g: LibertyGroup): void {
    const variables: TableVariable[] = [];
    const axes: number[][] = [];
    for (const a of g.attributes) {
      const m = /^(variable|index)_([123])$/.exec(a.name);
      if (!m) continue;
      const k = Number(m[2]) - 1;
      if (m[1] === 'variable') variables[k] = toVariable(a.values[0]);
      else axes[k] = this.numbers(a);
    }
    this.templates.set(g.args[0] ?? '', { variables, axes });
  }

  numbers(a: LibertyAttribute): number[] {
    const out: number[] = [];
    for (const v of a.values) {
      const list = parseNumberList(v);
      if (!list) throw this.fail(`${a.name} holds a value that is not a number list`, a);
      out.push(...list);
    }
    return out;
  }

  /** Scale of a table axis by its variable: slews are times, loads capacitances. */
  axisScale(v: TableVariable | undefined): number {
    return v === 'total_output_net_capacitance' ? this.capUnit : v === 'output_net_length' ? 1 : this.timeUnit;
  }

  /**
   * A table whose numbers are parsed on first use: a library holds tens of thousands of tables
   * and a design touches few of them. Number errors then surface at first use, still located.
   */
  table(g: LibertyGroup): LibertyTable {
    const name = g.args[0] ?? 'scalar';
    const tpl = this.templates.get(name);
    if (!tpl && name !== 'scalar') throw this.fail(`table template ${JSON.stringify(name)} is not defined`, g, 'define it with lu_table_template before use');
    if (!g.attributes.some((a) => a.name === 'values')) throw this.fail(`table ${g.type} has no values`, g);
    const variables = tpl ? [...tpl.variables] : [];
    return new LazyTable(variables, this, g, tpl);
  }

  tableNumbers(g: LibertyGroup, tpl: Template | undefined, variables: TableVariable[]): { axes: number[][]; values: number[][] } {
    const axes = tpl ? tpl.axes.map((a) => [...a]) : [];
    let values: number[][] = [];
    for (const a of g.attributes) {
      const m = /^index_([123])$/.exec(a.name);
      if (m) axes[Number(m[1]) - 1] = this.numbers(a);
      else if (a.name === 'values') {
        values = a.values.map((row) => {
          const list = parseNumberList(row);
          if (!list) throw this.fail('values holds a value that is not a number list', a);
          return list.map((v) => v * this.timeUnit);
        });
      }
    }
    const scaled = axes.map((axis, k) => axis.map((v) => v * this.axisScale(variables[k])));
    const rows = scaled.length >= 2 ? scaled[0]!.length : 1;
    const cols = scaled.length >= 2 ? scaled[1]!.length : (scaled[0]?.length ?? 1);
    if (values.length !== rows || values.some((r) => r.length !== cols)) {
      throw this.fail(`table ${g.type} has ${values.length}x${values[0]?.length ?? 0} values for ${rows}x${cols} indices`, g);
    }
    return { axes: scaled, values };
  }

  timing(g: LibertyGroup): TimingArc[] {
    let related: string[] = [];
    let sense: TimingSense = 'non_unate';
    let type = 'combinational';
    let when: string | undefined;
    let sdfCond: string | undefined;
    let sdfCondStart: string | undefined;
    let sdfCondEnd: string | undefined;
    const tables: Record<string, LibertyTable> = {};
    for (const a of g.attributes) {
      if (a.name === 'related_pin') related = (a.values[0] ?? '').split(/\s+/).filter(Boolean);
      else if (a.name === 'timing_sense') {
        const v = a.values[0];
        if (v !== 'positive_unate' && v !== 'negative_unate' && v !== 'non_unate') throw this.fail(`bad timing_sense ${JSON.stringify(v)}`, a, 'use positive_unate, negative_unate or non_unate');
        sense = v;
      } else if (a.name === 'timing_type') type = a.values[0] ?? type;
      else if (a.name === 'when') when = a.values[0];
      else if (a.name === 'sdf_cond') sdfCond = a.values[0];
      else if (a.name === 'sdf_cond_start') sdfCondStart = a.values[0];
      else if (a.name === 'sdf_cond_end') sdfCondEnd = a.values[0];
    }
    for (const sub of g.groups) {
      if (/^(cell_rise|cell_fall|rise_transition|fall_transition|rise_constraint|fall_constraint)$/.test(sub.type)) {
        tables[sub.type] = this.table(sub);
      }
    }
    if (related.length === 0) throw this.fail('timing group has no related_pin', g);
    return related.map((relatedPin) => ({
      relatedPin, sense, type, when, sdfCond, sdfCondStart, sdfCondEnd,
      cellRise: tables.cell_rise, cellFall: tables.cell_fall,
      riseTransition: tables.rise_transition, fallTransition: tables.fall_transition,
      riseConstraint: tables.rise_constraint, fallConstraint: tables.fall_constraint,
    }));
  }

  pin(g: LibertyGroup, name: string, inherited: LibertyAttribute[] = []): LibertyPin {
    let direction: PinDirection = 'input';
    let cap = 0;
    let riseCap: number | undefined;
    let fallCap: number | undefined;
    let isClock = false;
    let func: string | undefined;
    for (const a of [...inherited, ...g.attributes]) {
      switch (a.name) {
        case 'direction': {
          const d = a.values[0];
          if (d !== 'input' && d !== 'output' && d !== 'inout' && d !== 'internal') throw this.fail(`bad direction ${JSON.stringify(d)}`, a, 'use input, output, inout or internal');
          direction = d;
          break;
        }
        case 'capacitance': cap = this.number(a) * this.capUnit; break;
        case 'rise_capacitance': riseCap = this.number(a) * this.capUnit; break;
        case 'fall_capacitance': fallCap = this.number(a) * this.capUnit; break;
        case 'clock': isClock = a.values[0] === 'true'; break;
        case 'function': func = a.values[0]; break;
      }
    }
    const timing = g.groups.filter((s) => s.type === 'timing').flatMap((s) => this.timing(s));
    return { name, direction, capacitance: cap, riseCapacitance: riseCap ?? cap, fallCapacitance: fallCap ?? cap, isClock, func, timing };
  }

  cell(g: LibertyGroup): LibertyCell {
    const pins = new Map<string, LibertyPin>();
    let area = 0;
    let dontUse = false;
    for (const a of g.attributes) {
      if (a.name === 'area') area = this.number(a);
      else if (a.name === 'dont_use') dontUse = a.values[0] === 'true';
    }
    for (const sub of g.groups) {
      if (sub.type === 'pin') for (const n of sub.args) pins.set(n, this.pin(sub, n));
      else if (sub.type === 'bus' || sub.type === 'bundle') {
        // Bus bits are declared as nested pin groups; they inherit the bus's own attributes.
        for (const bit of sub.groups.filter((s) => s.type === 'pin')) {
          for (const n of bit.args) pins.set(n, this.pin(bit, n, sub.attributes));
        }
        const name = sub.args[0];
        if (name !== undefined && !pins.has(name)) pins.set(name, this.pin(sub, name));
      }
    }
    const isSequential = g.groups.some((s) => s.type === 'ff' || s.type === 'latch' || s.type === 'statetable' || s.type === 'ff_bank' || s.type === 'latch_bank');
    const pgPins = new Set(g.groups.filter((s) => s.type === 'pg_pin').flatMap((s) => s.args));
    return { name: g.args[0] ?? '', area, pins, isSequential, dontUse, pgPins };
  }

  wireLoad(g: LibertyGroup): WireLoadModel {
    let c = 0;
    let r = 0;
    let slope = 0;
    const fanoutLength: [number, number][] = [];
    for (const a of g.attributes) {
      if (a.name === 'capacitance') c = this.number(a) * this.capUnit;
      else if (a.name === 'resistance') r = this.number(a) * this.resUnit;
      else if (a.name === 'slope') slope = this.number(a);
      else if (a.name === 'fanout_length') fanoutLength.push([this.number(a, 0), this.number(a, 1)]);
    }
    return { name: g.args[0] ?? '', capacitancePerLength: c, resistancePerLength: r, slope, fanoutLength };
  }
}

/** A table whose numbers are parsed on first use (a field read after that, no closure call). */
class LazyTable implements LibertyTable {
  private built?: { axes: number[][]; values: number[][] };
  constructor(
    readonly variables: TableVariable[],
    private readonly reader: LibraryReader,
    private readonly group: LibertyGroup,
    private readonly template: Template | undefined,
  ) {}
  private numbers(): { axes: number[][]; values: number[][] } {
    return (this.built ??= this.reader.tableNumbers(this.group, this.template, this.variables));
  }
  get axes(): number[][] {
    return (this.built ?? this.numbers()).axes;
  }
  get values(): number[][] {
    return (this.built ?? this.numbers()).values;
  }
}

/** Reads a parsed Liberty tree into cells, pins, arcs and tables, all in SI units. */
export function readLibertyTree(root: LibertyGroup, file: string): LibertyLibrary {
  if (root.type !== 'library') throw new UserError(`Liberty: expected a library group, found ${root.type}`, { file, line: root.line, col: root.col });
  const r = new LibraryReader(file);
  const attr = new Map(root.attributes.map((a) => [a.name, a]));
  const tu = attr.get('time_unit');
  if (tu) r.timeUnit = r.unit(tu, timeUnits);
  const ru = attr.get('pulling_resistance_unit');
  if (ru) r.resUnit = r.unit(ru, resUnits);
  const cu = root.attributes.find((a) => a.name === 'capacitive_load_unit');
  if (cu) {
    const scale = capUnits[(cu.values[1] ?? '').toLowerCase()];
    if (scale === undefined) throw r.fail(`unknown capacitive_load_unit ${JSON.stringify(cu.values[1])}`, cu, 'use ff or pf');
    r.capUnit = r.number(cu, 0) * scale;
  }
  const pct = (name: string, dflt: number) => (attr.has(name) ? r.number(attr.get(name)!) / 100 : dflt);
  const cells = new Map<string, LibertyCell>();
  const wireLoads = new Map<string, WireLoadModel>();
  for (const g of root.groups) {
    if (g.type === 'lu_table_template') r.template(g);
    else if (g.type === 'cell') cells.set(g.args[0] ?? '', r.cell(g));
    else if (g.type === 'wire_load') wireLoads.set(g.args[0] ?? '', r.wireLoad(g));
  }
  return {
    name: root.args[0] ?? '', file,
    timeUnit: r.timeUnit, capUnit: r.capUnit, resUnit: r.resUnit,
    cells, wireLoads, defaultWireLoad: attr.get('default_wire_load')?.values[0],
    outputThresholdRise: pct('output_threshold_pct_rise', 0.5),
    slewLowerRise: pct('slew_lower_threshold_pct_rise', 0.2),
    slewUpperRise: pct('slew_upper_threshold_pct_rise', 0.8),
    slewDerate: attr.has('slew_derate_from_library') ? r.number(attr.get('slew_derate_from_library')!) : 1,
    defaultMaxTransition: attr.has('default_max_transition') ? r.number(attr.get('default_max_transition')!) * r.timeUnit : undefined,
  };
}

export function parseLiberty(text: string, file: string): LibertyLibrary {
  return readLibertyTree(parseLibertySyntax(text, file), file);
}

/** Reads a Liberty file (plain or .gz). */
export function readLiberty(file: string, flag?: string): LibertyLibrary {
  return parseLiberty(readTextFile(file, flag), file);
}
