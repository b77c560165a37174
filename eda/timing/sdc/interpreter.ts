import { UserError } from '../../../util/index.ts';
import { readTextFile } from '../../../util/index.ts';
import { evalExpr } from './expr.ts';
import type { DrivingCell, MinMax, ObjectQuery, PathException, Sdc, SdcClock } from './model.ts';
import { splitCommands, type TclCommand, type TclWord } from './tcl-words.ts';

type Value = string | ObjectQuery;

/** Commands that only set up the session or describe things this engine does not model. */
const ignored = new Set([
  'current_design', 'set_max_fanout', 'set_max_transition', 'set_max_capacitance',
  'set_clock_gating_check', 'set_operating_conditions', 'set_wire_load_model', 'set_wire_load_mode', 'puts',
  'set_max_area', 'set_ideal_network', 'set_dont_touch', 'group_path', 'set_case_analysis', 'set_load_unit',
]);

interface Opts {
  flags: Map<string, Value | true>;
  args: Value[];
}

/** Reads SDC text: a Tcl subset with the timing commands the engine applies (times in ns, caps in pF). */
export class SdcInterpreter {
  readonly vars = new Map<string, string>();
  readonly sdc: Sdc;
  /** SDC time and capacitance units: the library's (as OpenSTA), else ns and pF; set_units overrides. */
  timeScale: number;
  capScale: number;

  constructor(readonly file: string, units?: SdcUnits) {
    this.timeScale = units?.time ?? 1e-9;
    this.capScale = units?.cap ?? 1e-12;
    this.sdc = { file, clocks: [], inputDelays: [], outputDelays: [], loads: [], drivingCells: [], inputTransitions: [], falsePaths: [], derate: { earlyCell: 1, earlyNet: 1, lateCell: 1, lateNet: 1 } };
  }

  fail(message: string, at: { line: number; col: number }, fix?: string): UserError {
    return new UserError(`SDC: ${message}`, { file: this.file, line: at.line, col: at.col }, fix);
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

  /** Splits words into -flags (with values where the command takes one) and positional args. */
  options(c: TclCommand, valued: string[]): Opts {
    const flags = new Map<string, Value | true>();
    const args: Value[] = [];
    const values = c.words.slice(1).map((w) => this.word(w));
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (typeof v === 'string' && /^-[a-z_]+$/.test(v) && !/^-[0-9.]/.test(v)) {
        if (valued.includes(v)) {
          if (i + 1 >= values.length) throw this.fail(`${v} needs a value`, c);
          flags.set(v, values[++i]!);
        } else flags.set(v, true);
      } else args.push(v);
    }
    return { flags, args };
  }

  objects(v: Value | true | undefined, kind: ObjectQuery['kind'], what: string, at: TclCommand): ObjectQuery {
    if (v === undefined || v === true) throw this.fail(`${what} needs objects`, at);
    if (typeof v !== 'string') return v;
    return { kind, patterns: v.trim().split(/\s+/).filter(Boolean) };
  }

  minMax(o: Opts): MinMax {
    return o.flags.has('-min') && !o.flags.has('-max') ? 'min' : o.flags.has('-max') && !o.flags.has('-min') ? 'max' : 'both';
  }

  clockNames(v: Value | true | undefined, c: TclCommand): string[] {
    if (v === undefined || v === true) throw this.fail('expected a clock', c);
    return typeof v === 'string' ? v.trim().split(/\s+/) : v.patterns;
  }

  clock(name: string, c: TclCommand): SdcClock {
    const clk = this.sdc.clocks.find((k) => k.name === name);
    if (!clk) throw this.fail(`unknown clock ${JSON.stringify(name)}`, c, `define it with create_clock (known: ${this.sdc.clocks.map((k) => k.name).join(', ') || 'none'})`);
    return clk;
  }

  exec(c: TclCommand): Value {
    const name = this.word(c.words[0]!);
    if (typeof name !== 'string') throw this.fail('expected a command name', c);
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
      case 'get_ports': case 'get_pins': case 'get_cells': case 'get_nets': case 'get_clocks': {
        const o = this.options(c, ['-filter', '-of_objects']);
        const kind = ({ get_ports: 'port', get_pins: 'pin', get_cells: 'cell', get_nets: 'net', get_clocks: 'clock' } as const)[name];
        return { kind, patterns: o.args.flatMap((a) => (typeof a === 'string' ? a.trim().split(/\s+/).filter(Boolean) : a.patterns)) };
      }
      case 'all_inputs': return { kind: 'port', patterns: ['*'], direction: 'input' };
      case 'all_outputs': return { kind: 'port', patterns: ['*'], direction: 'output' };
      case 'all_clocks': return { kind: 'clock', patterns: this.sdc.clocks.map((k) => k.name) };
      case 'all_registers': return { kind: 'cell', patterns: ['*'], registers: true };
      case 'create_clock': return this.createClock(c);
      case 'set_input_delay': case 'set_output_delay': {
        const o = this.options(c, ['-clock', '-reference_pin']);
        if (o.args.length !== 2) throw this.fail(`${name} expects a delay and objects`, c, `${name} DELAY -clock CLK [get_ports ...]`);
        const clockName = o.flags.get('-clock');
        const clock = clockName === undefined ? undefined : this.clockNames(clockName, c)[0];
        if (clock !== undefined) this.clock(clock, c);
        const d = { objects: this.objects(o.args[1], 'port', name, c), clock, clockFall: o.flags.has('-clock_fall'), minMax: this.minMax(o), delay: this.num(o.args[0], name, c) * this.timeScale };
        (name === 'set_input_delay' ? this.sdc.inputDelays : this.sdc.outputDelays).push(d);
        return '';
      }
      case 'set_load': {
        const o = this.options(c, []);
        if (o.args.length !== 2) throw this.fail('set_load expects a capacitance and objects', c);
        this.sdc.loads.push({ objects: this.objects(o.args[1], 'port', name, c), cap: this.num(o.args[0], name, c) * this.capScale });
        return '';
      }
      case 'set_input_transition': {
        const o = this.options(c, []);
        if (o.args.length !== 2) throw this.fail('set_input_transition expects a slew and objects', c);
        this.sdc.inputTransitions.push({ objects: this.objects(o.args[1], 'port', name, c), slew: this.num(o.args[0], name, c) * this.timeScale, minMax: this.minMax(o) });
        return '';
      }
      case 'set_driving_cell': {
        const o = this.options(c, ['-lib_cell', '-library', '-pin', '-from_pin', '-input_transition_rise', '-input_transition_fall', '-multiply_by']);
        if (o.args.length !== 1) throw this.fail('set_driving_cell expects port objects', c);
        const opt = (f: string) => (o.flags.has(f) ? this.num(o.flags.get(f), f, c) * this.timeScale : 0);
        const d: DrivingCell = {
          objects: this.objects(o.args[0], 'port', name, c), libCell: this.str(o.flags.get('-lib_cell'), '-lib_cell', c),
          pin: o.flags.has('-pin') ? this.str(o.flags.get('-pin'), '-pin', c).trim() : undefined,
          fromPin: o.flags.has('-from_pin') ? this.str(o.flags.get('-from_pin'), '-from_pin', c).trim() : undefined,
          inputTransitionRise: opt('-input_transition_rise'), inputTransitionFall: opt('-input_transition_fall'),
        };
        this.sdc.drivingCells.push(d);
        return '';
      }
      case 'set_clock_uncertainty': {
        const o = this.options(c, []);
        if (o.args.length !== 2) throw this.fail('set_clock_uncertainty expects a value and clocks', c);
        const v = this.num(o.args[0], name, c) * this.timeScale;
        const mm = o.flags.has('-setup') ? 'max' : o.flags.has('-hold') ? 'min' : 'both';
        for (const k of this.clockNames(o.args[1], c)) {
          const clk = this.clock(k, c);
          if (mm !== 'min') clk.uncertaintySetup = v;
          if (mm !== 'max') clk.uncertaintyHold = v;
        }
        return '';
      }
      case 'set_clock_transition': {
        const o = this.options(c, []);
        if (o.args.length !== 2) throw this.fail('set_clock_transition expects a slew and clocks', c);
        for (const k of this.clockNames(o.args[1], c)) this.clock(k, c).transition = this.num(o.args[0], name, c) * this.timeScale;
        return '';
      }
      case 'set_clock_latency': {
        const o = this.options(c, []);
        if (o.args.length !== 2) throw this.fail('set_clock_latency expects a latency and clocks', c);
        for (const k of this.clockNames(o.args[1], c)) this.clock(k, c).latency = this.num(o.args[0], name, c) * this.timeScale;
        return '';
      }
      case 'set_propagated_clock': {
        const o = this.options(c, []);
        for (const k of o.args.flatMap((a) => this.clockNames(a, c))) this.clock(k, c).propagated = true;
        return '';
      }
      case 'set_false_path': return this.falsePath(c);
      case 'set_units': {
        const o = this.options(c, ['-time', '-capacitance', '-resistance', '-voltage', '-current', '-power']);
        const unit = (flag: string, base: string, scales: Record<string, number>) => {
          const v = o.flags.get(flag);
          if (v === undefined) return undefined;
          const m = new RegExp(`^([0-9.]*)([a-zA-Z]?)${base}$`, 'i').exec(this.str(v, flag, c).trim());
          const scale = m ? scales[m[2]!.toLowerCase()] : undefined;
          if (!m || scale === undefined) throw this.fail(`${flag} ${JSON.stringify(v)} is not a unit`, c, `use e.g. 1n${base} or p${base}`);
          return (m[1] ? Number(m[1]) : 1) * scale;
        };
        const prefixes = { '': 1, m: 1e-3, u: 1e-6, n: 1e-9, p: 1e-12, f: 1e-15 };
        this.timeScale = unit('-time', 's', prefixes) ?? this.timeScale;
        this.capScale = unit('-capacitance', 'f', prefixes) ?? this.capScale;
        return '';
      }
      case 'set_timing_derate': {
        const o = this.options(c, []);
        if (o.args.length < 1) throw this.fail('set_timing_derate expects a factor', c);
        const f = this.num(o.args[0], name, c);
        const both = !o.flags.has('-cell_delay') && !o.flags.has('-net_delay');
        const d = this.sdc.derate;
        for (const early of [true, false]) {
          if (early ? o.flags.has('-late') && !o.flags.has('-early') : o.flags.has('-early') && !o.flags.has('-late')) continue;
          if (both || o.flags.has('-cell_delay')) d[early ? 'earlyCell' : 'lateCell'] = f;
          if (both || o.flags.has('-net_delay')) d[early ? 'earlyNet' : 'lateNet'] = f;
        }
        return '';
      }
      default:
        if (ignored.has(name)) return '';
        throw this.fail(`unsupported SDC command ${JSON.stringify(name)}`, c, 'supported: create_clock, set_input_delay, set_timing_derate, set_output_delay, set_load, set_driving_cell, set_input_transition, set_false_path, set_clock_uncertainty, set_clock_transition, set_clock_latency, set_propagated_clock, set, expr');
    }
  }

  createClock(c: TclCommand): Value {
    const o = this.options(c, ['-name', '-period', '-waveform']);
    const period = this.num(o.flags.get('-period'), '-period', c) * this.timeScale;
    const sources = o.args.map((a) => this.objects(a, 'port', 'create_clock', c));
    let name = o.flags.has('-name') ? this.str(o.flags.get('-name'), '-name', c) : undefined;
    if (name === undefined) {
      if (sources.length === 0) throw this.fail('create_clock needs -name or source objects', c);
      name = sources[0]!.patterns[0]!;
    }
    let waveform: [number, number] = [0, period / 2];
    if (o.flags.has('-waveform')) {
      const w = this.str(o.flags.get('-waveform'), '-waveform', c).trim().split(/\s+/).map(Number);
      if (w.length !== 2 || w.some((x) => !Number.isFinite(x))) throw this.fail('-waveform expects {rise fall}', c);
      waveform = [w[0]! * this.timeScale, w[1]! * this.timeScale];
    }
    const clocks = this.sdc.clocks;
    const existing = clocks.findIndex((k) => k.name === name);
    const clock: SdcClock = { name, period, waveform, sources, propagated: false, uncertaintySetup: 0, uncertaintyHold: 0, transition: 0, latency: 0 };
    if (existing >= 0) clocks[existing] = clock;
    else clocks.push(clock);
    return name;
  }

  falsePath(c: TclCommand): Value {
    const o = this.options(c, ['-from', '-to', '-through', '-rise_from', '-fall_from', '-rise_to', '-fall_to']);
    // Arrivals are kept per pin, not per path, so a -through exception cannot be honoured exactly.
    if (o.flags.has('-through')) throw this.fail('set_false_path -through is not supported', c, 'use -from and/or -to (clocks, ports, pins or cells)');
    const q = (f: string): ObjectQuery[] => {
      const v = o.flags.get(f);
      return v === undefined ? [] : [this.objects(v, 'any', f, c)];
    };
    const fp: PathException = { from: [...q('-from'), ...q('-rise_from'), ...q('-fall_from')], through: [], to: [...q('-to'), ...q('-rise_to'), ...q('-fall_to')], minMax: o.flags.has('-setup') ? 'max' : o.flags.has('-hold') ? 'min' : 'both' };
    this.sdc.falsePaths.push(fp);
    return '';
  }
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
