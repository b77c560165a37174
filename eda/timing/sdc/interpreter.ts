import { UserError, readTextFile } from '../../../util/index.ts';
import { clockCommands } from './clock-commands.ts';
import { constraintCommands } from './constraint-commands.ts';
import { evalExpr } from './expr.ts';
import { parseFilter } from './filter.ts';
import { ioCommands } from './io-commands.ts';
import type { MinMax, ObjectQuery, RiseFall, Sdc, SdcClock } from './model.ts';
import { commandOptions, type OptionSpec } from './options.ts';
import { splitCommands, type TclCommand, type TclWord } from './tcl-words.ts';

export type Value = string | ObjectQuery;

export interface Opts {
  flags: Map<string, Value | true>;
  args: Value[];
}

/** A command's effect on the interpreter's Sdc; returns the command's Tcl result. */
export type CommandHandler = (ip: SdcInterpreter, c: TclCommand, o: Opts, name: string) => Value;

const objectKinds = { get_ports: 'port', get_pins: 'pin', get_cells: 'cell', get_nets: 'net', get_clocks: 'clock' } as const;

/** Reads SDC text: a Tcl subset with the timing commands the engine applies (times and caps in the library's units). */
export class SdcInterpreter {
  readonly vars = new Map<string, string>();
  readonly sdc: Sdc;
  /** SDC time and capacitance units: the library's (as OpenSTA), else ns and pF; set_units overrides. */
  timeScale: number;
  capScale: number;
  /** current_design's name, when given. */
  currentDesign?: string;
  private readonly handlers: Record<string, CommandHandler>;

  constructor(readonly file: string, units?: SdcUnits) {
    this.timeScale = units?.time ?? 1e-9;
    this.capScale = units?.cap ?? 1e-12;
    this.sdc = {
      file, clocks: [], inputDelays: [], outputDelays: [], loads: [], drivingCells: [], inputTransitions: [], falsePaths: [],
      pathGroups: [], caseAnalysis: [], designRules: [], derate: { earlyCell: 1, earlyNet: 1, lateCell: 1, lateNet: 1 }, warnings: [], messages: [],
    };
    this.handlers = { ...clockCommands, ...ioCommands, ...constraintCommands };
  }

  fail(message: string, at: { line: number; col: number }, fix?: string): UserError {
    return new UserError(`SDC: ${message}`, { file: this.file, line: at.line, col: at.col }, fix);
  }

  warn(message: string, at: { line: number }): void {
    this.sdc.warnings.push({ line: at.line, message });
  }

  run(text: string): Sdc {
    for (const c of splitCommands(text, this.file)) this.exec(c);
    return this.sdc;
  }

  word(w: TclWord): Value {
    if (w.braced) return (w.parts[0] as { text: string }).text;
    if (w.parts.length === 1 && w.parts[0]!.kind === 'cmd') return this.exec(w.parts[0]!.command);
    let s = '';
    for (const p of w.parts) {
      if (p.kind === 'text') s += p.text;
      else if (p.kind === 'var') {
        const v = this.vars.get(p.name);
        if (v === undefined) throw this.fail(`variable $${p.name} is not set`, { line: p.at.startLine ?? 1, col: p.at.startColumn ?? 1 }, 'set it first with set NAME VALUE');
        s += v;
      } else {
        const v = this.exec(p.command);
        s += typeof v === 'string' ? v : v.patterns.join(' ');
      }
    }
    return s;
  }

  str(v: Value | true | undefined, what: string, at: TclCommand): string {
    if (typeof v !== 'string') throw this.fail(`${what} expects a value`, at);
    return v;
  }

  num(v: Value | true | undefined, what: string, at: TclCommand): number {
    const s = this.str(v, what, at);
    const n = Number(s.trim());
    if (s.trim() === '' || !Number.isFinite(n)) throw this.fail(`${what} expects a number, found ${JSON.stringify(s)}`, at);
    return n;
  }

  /** Splits words into the command's options (with values where it takes one) and positional args. */
  options(c: TclCommand, name: string, spec: OptionSpec = commandOptions[name] ?? {}): Opts {
    const flags = new Map<string, Value | true>();
    const args: Value[] = [];
    const values = c.words.slice(1).map((w) => this.word(w));
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (typeof v === 'string' && /^-[A-Za-z_]+$/.test(v)) {
        if (spec.valued?.includes(v)) {
          if (i + 1 >= values.length) throw this.fail(`${name} ${v} needs a value`, c);
          flags.set(v, values[++i]!);
        } else if (spec.flags?.includes(v)) flags.set(v, true);
        else if (spec.refused?.[v] !== undefined) throw this.fail(`unsupported option ${v} of ${name}`, c, spec.refused[v]);
        else {
          const known = [...(spec.valued ?? []), ...(spec.flags ?? [])];
          throw this.fail(`unknown option ${v} of ${name}`, c, known.length ? `${name} takes ${known.join(', ')}` : `${name} takes no options`);
        }
      } else args.push(v);
    }
    return { flags, args };
  }

  objects(v: Value | true | undefined, kind: ObjectQuery['kind'], what: string, at: TclCommand): ObjectQuery {
    if (v === undefined || v === true) throw this.fail(`${what} needs objects`, at);
    if (typeof v !== 'string') return v;
    return { kind, patterns: v.trim().split(/\s+/).filter(Boolean), line: at.line };
  }

  minMax(o: Opts): MinMax {
    return o.flags.has('-min') && !o.flags.has('-max') ? 'min' : o.flags.has('-max') && !o.flags.has('-min') ? 'max' : 'both';
  }

  riseFall(o: Opts, rise = '-rise', fall = '-fall'): RiseFall {
    return o.flags.has(rise) && !o.flags.has(fall) ? 'rise' : o.flags.has(fall) && !o.flags.has(rise) ? 'fall' : 'both';
  }

  /** Clock names from a name list or a clock query; globs expand over the clocks defined so far. */
  clockNames(v: Value | true | undefined, c: TclCommand): string[] {
    if (v === undefined || v === true) throw this.fail('expected a clock', c);
    if (typeof v !== 'string' && v.kind !== 'clock' && v.kind !== 'any') throw this.fail(`expected clocks, found ${v.kind}s`, c, 'use get_clocks or clock names');
    if (typeof v !== 'string' && (v.filter || v.of || v.regexp)) throw this.fail('a clock list here must name clocks plainly', c, 'use get_clocks NAME');
    const patterns = typeof v === 'string' ? v.trim().split(/\s+/).filter(Boolean) : v.patterns;
    return patterns.flatMap((p) => {
      const named = this.sdc.clocks.filter((k) => globMatch(p, k.name)).map((k) => k.name);
      return named.length > 0 ? named : [p];
    });
  }

  clock(name: string, c: TclCommand): SdcClock {
    const clk = this.sdc.clocks.find((k) => k.name === name);
    if (!clk) throw this.fail(`unknown clock ${JSON.stringify(name)}`, c, `define it with create_clock (known: ${this.sdc.clocks.map((k) => k.name).join(', ') || 'none'})`);
    return clk;
  }

  exec(c: TclCommand): Value {
    const name = this.word(c.words[0]!);
    if (typeof name !== 'string') throw this.fail('expected a command name', c);
    const handler = this.handlers[name];
    if (handler) return handler(this, c, this.options(c, name), name);
    switch (name) {
      case 'set': {
        const [v, val] = c.words.slice(1).map((w) => this.word(w));
        if (typeof v !== 'string') throw this.fail('set expects a variable name', c);
        if (val === undefined) return this.vars.get(v) ?? '';
        const s = typeof val === 'string' ? val : val.patterns.join(' ');
        this.vars.set(v, s);
        return s;
      }
      case 'expr': {
        const text = c.words.slice(1).map((w) => this.str(this.word(w), 'expr', c)).join(' ');
        return String(evalExpr(text, (m) => this.fail(`expr: ${m}`, c)));
      }
      case 'puts': {
        const words = c.words.slice(1).map((w) => this.word(w)).filter((w) => w !== '-nonewline');
        const text = words.at(-1);
        this.sdc.messages.push(text === undefined ? '' : typeof text === 'string' ? text : text.patterns.join(' '));
        return '';
      }
      case 'get_ports': case 'get_pins': case 'get_cells': case 'get_nets': case 'get_clocks': return this.query(c, name);
      case 'all_inputs': {
        const o = this.options(c, name);
        return { kind: 'port', patterns: ['*'], direction: 'input', noClocks: o.flags.has('-no_clocks'), line: c.line };
      }
      case 'all_outputs': this.options(c, name); return { kind: 'port', patterns: ['*'], direction: 'output', line: c.line };
      case 'all_clocks': this.options(c, name); return { kind: 'clock', patterns: this.sdc.clocks.map((k) => k.name), line: c.line };
      case 'all_registers': this.options(c, name); return { kind: 'cell', patterns: ['*'], registers: true, line: c.line };
      default:
        throw this.fail(`unsupported SDC command ${JSON.stringify(name)}`, c, `supported: ${[...Object.keys(this.handlers), 'get_ports', 'get_pins', 'get_cells', 'get_nets', 'get_clocks', 'all_inputs', 'all_outputs', 'all_clocks', 'all_registers', 'set', 'expr', 'puts'].sort().join(', ')}`);
    }
  }

  /** get_ports/get_pins/get_cells/get_nets/get_clocks with -filter, -of_objects, -regexp, -nocase, -quiet. */
  private query(c: TclCommand, name: keyof typeof objectKinds): ObjectQuery {
    const o = this.options(c, name);
    const kind = objectKinds[name];
    const patterns = o.args.flatMap((a) => (typeof a === 'string' ? a.trim().split(/\s+/).filter(Boolean) : a.patterns));
    const filterText = o.flags.get('-filter');
    let filter;
    if (filterText !== undefined) {
      const f = parseFilter(this.str(filterText, '-filter', c));
      if (typeof f === 'string') throw this.fail(f, c);
      filter = f;
    }
    const ofValue = o.flags.get('-of_objects');
    let of: ObjectQuery | undefined;
    if (ofValue !== undefined) {
      if (kind === 'clock') throw this.fail('get_clocks -of_objects is not supported', c, 'name the clocks');
      if (patterns.length > 0) throw this.fail(`${name} takes -of_objects or patterns, not both`, c);
      // A plain name list after -of_objects names objects of the kind that contains or connects them.
      of = this.objects(ofValue, kind === 'pin' ? 'cell' : kind === 'port' ? 'net' : 'pin', '-of_objects', c);
      if (of.kind === kind) throw this.fail(`${name} -of_objects needs other objects than ${kind}s`, c);
    }
    return {
      kind, patterns: of ? ['*'] : patterns, line: c.line,
      ...(o.flags.has('-regexp') ? { regexp: true } : {}), ...(o.flags.has('-nocase') ? { nocase: true } : {}),
      ...(o.flags.has('-quiet') ? { quiet: true } : {}), ...(filter ? { filter } : {}), ...(of ? { of } : {}),
    };
  }
}

/** Tcl glob match of one name (* and ?; backslashes escape). */
export function globMatch(pattern: string, name: string): boolean {
  return globRegExp(pattern).test(name);
}

const globCache = new Map<string, RegExp>();
export function globRegExp(pattern: string, nocase = false): RegExp {
  const key = `${nocase ? 'i' : ''}:${pattern}`;
  let re = globCache.get(key);
  if (!re) {
    const body = pattern.replace(/\\/g, '').replace(/[.+^${}()|[\]]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, nocase ? 'i' : '');
    globCache.set(key, re);
  }
  return re;
}

/** Seconds per SDC time unit and farads per SDC capacitance unit. */
export interface SdcUnits {
  time: number;
  cap: number;
}

/** Reads SDC; numbers are in `units` (pass the first Liberty library's, as OpenSTA does). */
export function parseSdc(text: string, file: string, units?: SdcUnits): Sdc {
  return new SdcInterpreter(file, units).run(text);
}

export function readSdc(file: string, flag?: string, units?: SdcUnits): Sdc {
  return parseSdc(readTextFile(file, flag), file, units);
}
