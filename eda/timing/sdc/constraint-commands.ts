import type { CommandHandler, Opts, SdcInterpreter } from './interpreter.ts';
import type { ObjectQuery } from './model.ts';
import type { TclCommand } from './tcl-words.ts';

function queries(ip: SdcInterpreter, o: Opts, flags: string[], c: TclCommand): ObjectQuery[] {
  return flags.flatMap((f) => {
    const v = o.flags.get(f);
    return v === undefined ? [] : [ip.objects(v, 'any', f, c)];
  });
}

/** A design rule limit on the design (current_design or no objects) or on ports and clocks. */
function designRule(kind: 'transition' | 'capacitance' | 'fanout'): CommandHandler {
  return (ip, c, o, name) => {
    if (o.args.length < 1 || o.args.length > 2) throw ip.fail(`${name} expects a value and optional objects`, c);
    const scale = kind === 'transition' ? ip.timeScale : kind === 'capacitance' ? ip.capScale : 1;
    const value = ip.num(o.args[0], name, c) * scale;
    const target = o.args[1];
    const design = target === undefined || (typeof target === 'string' && (target.trim() === '' || target.trim() === ip.currentDesign));
    const path = o.flags.has('-clock_path') && !o.flags.has('-data_path') ? 'clock' : o.flags.has('-data_path') && !o.flags.has('-clock_path') ? 'data' : 'both';
    ip.sdc.designRules.push({ kind, value, path, ...(design ? {} : { objects: ip.objects(target, 'port', name, c) }) });
    return '';
  };
}

/** Path exceptions and groups, case analysis, derating, design rules, units and environment. */
export const constraintCommands: Record<string, CommandHandler> = {
  set_false_path(ip, c, o) {
    ip.sdc.falsePaths.push({
      from: queries(ip, o, ['-from', '-rise_from', '-fall_from'], c),
      through: [],
      to: queries(ip, o, ['-to', '-rise_to', '-fall_to'], c),
      fromRiseFall: ip.riseFall(o, '-rise_from', '-fall_from'),
      toRiseFall: ip.riseFall(o, '-rise_to', '-fall_to'),
      minMax: o.flags.has('-setup') && !o.flags.has('-hold') ? 'max' : o.flags.has('-hold') && !o.flags.has('-setup') ? 'min' : 'both',
    });
    if (o.args.length > 0) throw ip.fail('set_false_path takes its objects after -from/-to', c);
    return '';
  },

  group_path(ip, c, o) {
    const name = ip.str(o.flags.get('-name'), '-name', c).trim();
    const from = queries(ip, o, ['-from'], c);
    const to = queries(ip, o, ['-to'], c);
    for (const q of from) if (q.kind !== 'clock') throw ip.fail('group_path -from takes clocks here', c, 'group by launch clock (-from [get_clocks ...]) or by endpoint (-to)');
    if (from.length === 0 && to.length === 0) throw ip.fail('group_path needs -from or -to', c);
    ip.sdc.pathGroups.push({ name, from, to });
    return '';
  },

  set_case_analysis(ip, c, o, name) {
    if (o.args.length !== 2) throw ip.fail('set_case_analysis expects a value and pins or ports', c);
    const v = ip.str(o.args[0], name, c).trim();
    const value = v === '0' || v === 'zero' ? 0 : v === '1' || v === 'one' ? 1 : undefined;
    if (value === undefined) throw ip.fail(`set_case_analysis value ${JSON.stringify(v)} is not supported`, c, 'use 0 or 1 (rising/falling are not modelled)');
    ip.sdc.caseAnalysis.push({ objects: ip.objects(o.args[1], 'any', name, c), value });
    return '';
  },

  set_timing_derate(ip, c, o, name) {
    if (o.args.length !== 1) throw ip.fail('set_timing_derate expects one factor', c, 'derates on instances or nets are not supported');
    const f = ip.num(o.args[0], name, c);
    const both = !o.flags.has('-cell_delay') && !o.flags.has('-net_delay');
    const d = ip.sdc.derate;
    for (const early of [true, false]) {
      if (early ? o.flags.has('-late') && !o.flags.has('-early') : o.flags.has('-early') && !o.flags.has('-late')) continue;
      if (both || o.flags.has('-cell_delay')) d[early ? 'earlyCell' : 'lateCell'] = f;
      if (both || o.flags.has('-net_delay')) d[early ? 'earlyNet' : 'lateNet'] = f;
    }
    return '';
  },

  set_max_transition: designRule('transition'),
  set_max_capacitance: designRule('capacitance'),
  set_max_fanout: designRule('fanout'),

  set_units(ip, c, o) {
    const unit = (flag: string, base: string) => {
      const v = o.flags.get(flag);
      if (v === undefined) return undefined;
      const m = new RegExp(`^([0-9.]*)([a-zA-Z]?)${base}$`, 'i').exec(ip.str(v, flag, c).trim());
      const scale = m ? ({ '': 1, m: 1e-3, u: 1e-6, n: 1e-9, p: 1e-12, f: 1e-15 } as Record<string, number>)[m[2]!.toLowerCase()] : undefined;
      if (!m || scale === undefined) throw ip.fail(`${flag} ${JSON.stringify(v)} is not a unit`, c, `use e.g. 1n${base} or p${base}`);
      return (m[1] ? Number(m[1]) : 1) * scale;
    };
    ip.timeScale = unit('-time', 's') ?? ip.timeScale;
    ip.capScale = unit('-capacitance', 'f') ?? ip.capScale;
    // Resistance, voltage, current, power and distance appear in no command read here.
    for (const f of ['-resistance', '-voltage', '-current', '-power', '-distance']) if (o.flags.has(f)) ip.warn(`set_units ${f} has no effect: no command read here takes that unit`, c);
    return '';
  },

  set_load_unit(ip, c, o) {
    ip.capScale = o.flags.has('-femtofarads') ? 1e-15 : o.flags.has('-farads') ? 1 : 1e-12;
    if (o.args.length > 0) ip.capScale *= ip.num(o.args[0], 'set_load_unit', c);
    return '';
  },

  set_wire_load_model(ip, c, o) {
    ip.sdc.wireLoadModel = ip.str(o.flags.get('-name'), '-name', c).trim();
    if (o.args.length > 0) throw ip.fail('set_wire_load_model on objects is not supported', c, 'set the model for the whole design (no objects)');
    return '';
  },

  // A flat netlist has one level: top, enclosed and segmented wire-load modes coincide.
  set_wire_load_mode(ip, c, o, name) {
    const mode = ip.str(o.args[0], name, c).trim();
    if (!['top', 'enclosed', 'segmented'].includes(mode)) throw ip.fail(`${name} ${JSON.stringify(mode)} is not a mode`, c, 'use top, enclosed or segmented');
    return '';
  },

  current_design(ip, c, o) {
    if (o.args.length > 0) ip.currentDesign = ip.str(o.args[0], 'current_design', c).trim();
    return ip.currentDesign ?? '';
  },

  set_max_area(ip, c) {
    ip.warn('set_max_area is a synthesis constraint: no effect on timing', c);
    return '';
  },

  set_dont_touch(ip, c) {
    ip.warn('set_dont_touch is an optimization constraint: no effect on timing', c);
    return '';
  },
};
