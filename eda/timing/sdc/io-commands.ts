import type { CommandHandler } from './interpreter.ts';
import type { DrivingCell } from './model.ts';

const portDelay: CommandHandler = (ip, c, o, name) => {
  if (o.args.length !== 2) throw ip.fail(`${name} expects a delay and objects`, c, `${name} DELAY -clock CLK [get_ports ...]`);
  const clockName = o.flags.get('-clock');
  const clock = clockName === undefined ? undefined : ip.clockNames(clockName, c)[0];
  if (clock !== undefined) ip.clock(clock, c);
  else if (o.flags.has('-clock_fall')) throw ip.fail(`${name} -clock_fall needs -clock`, c);
  // As in OpenSTA, the paths through an unclocked port delay are not checked: say so.
  else ip.warn(`${name} without -clock: paths ${name === 'set_input_delay' ? 'from' : 'to'} these ports are unclocked and not checked`, c);
  const objects = ip.objects(o.args[1], 'port', name, c);
  const d = { objects, clock, clockFall: o.flags.has('-clock_fall'), minMax: ip.minMax(o), riseFall: ip.riseFall(o), add: o.flags.has('-add_delay'), delay: ip.num(o.args[0], name, c) * ip.timeScale };
  (name === 'set_input_delay' ? ip.sdc.inputDelays : ip.sdc.outputDelays).push(d);
  return '';
};

/** set_input_delay/set_output_delay, set_load, set_input_transition, set_driving_cell. */
export const ioCommands: Record<string, CommandHandler> = {
  set_input_delay: portDelay,
  set_output_delay: portDelay,

  set_load(ip, c, o, name) {
    if (o.args.length !== 2) throw ip.fail('set_load expects a capacitance and objects', c);
    const objects = ip.objects(o.args[1], 'port', name, c);
    if (objects.kind !== 'port' && objects.kind !== 'any') throw ip.fail(`set_load on ${objects.kind}s is not supported`, c, 'give ports: set_load CAP [get_ports ...]');
    // -pin_load (the default) and -wire_load both add to the port's lumped load.
    ip.sdc.loads.push({ objects, cap: ip.num(o.args[0], name, c) * ip.capScale });
    return '';
  },

  set_input_transition(ip, c, o, name) {
    if (o.args.length !== 2) throw ip.fail('set_input_transition expects a slew and objects', c);
    ip.sdc.inputTransitions.push({ objects: ip.objects(o.args[1], 'port', name, c), slew: ip.num(o.args[0], name, c) * ip.timeScale, minMax: ip.minMax(o), riseFall: ip.riseFall(o) });
    return '';
  },

  set_driving_cell(ip, c, o, name) {
    if (o.args.length !== 1) throw ip.fail('set_driving_cell expects port objects', c);
    const opt = (f: string) => (o.flags.has(f) ? ip.num(o.flags.get(f), f, c) * ip.timeScale : 0);
    const text = (f: string) => (o.flags.has(f) ? ip.str(o.flags.get(f), f, c).trim() : undefined);
    const d: DrivingCell = {
      objects: ip.objects(o.args[0], 'port', name, c), libCell: ip.str(o.flags.get('-lib_cell'), '-lib_cell', c).trim(),
      library: text('-library'), pin: text('-pin'), fromPin: text('-from_pin'),
      inputTransitionRise: opt('-input_transition_rise'), inputTransitionFall: opt('-input_transition_fall'),
    };
    ip.sdc.drivingCells.push(d);
    return '';
  },
};
