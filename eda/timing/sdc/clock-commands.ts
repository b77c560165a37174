import type { CommandHandler } from './interpreter.ts';
import type { SdcClock } from './model.ts';

/** create_clock, set_clock_uncertainty/transition/latency, set_propagated_clock. */
export const clockCommands: Record<string, CommandHandler> = {
  create_clock(ip, c, o) {
    const period = ip.num(o.flags.get('-period'), '-period', c) * ip.timeScale;
    if (!(period > 0)) throw ip.fail('create_clock -period must be positive', c);
    const sources = o.args.map((a) => ip.objects(a, 'port', 'create_clock', c));
    for (const s of sources) if (s.kind !== 'port' && s.kind !== 'pin' && s.kind !== 'any') throw ip.fail(`create_clock sources are ports or pins, not ${s.kind}s`, c);
    let name = o.flags.has('-name') ? ip.str(o.flags.get('-name'), '-name', c) : undefined;
    if (name === undefined) {
      if (sources.length === 0) throw ip.fail('create_clock needs -name or source objects', c);
      name = sources[0]!.patterns[0]!;
    }
    let waveform: [number, number] = [0, period / 2];
    if (o.flags.has('-waveform')) {
      const w = ip.str(o.flags.get('-waveform'), '-waveform', c).trim().split(/\s+/).map(Number);
      if (w.length !== 2 || w.some((x) => !Number.isFinite(x))) throw ip.fail('-waveform expects {rise fall}', c, 'clocks with more than two edges per period are not supported');
      waveform = [w[0]! * ip.timeScale, w[1]! * ip.timeScale];
    }
    const clock: SdcClock = { name, period, waveform, sources, propagated: false, uncertaintySetup: 0, uncertaintyHold: 0, transition: 0, latency: 0, sourceLatency: 0 };
    // As OpenSTA without -add: a clock of the same name, or on the same source, is replaced.
    const sourceKey = (k: SdcClock) => k.sources.map((q) => `${q.kind}:${q.patterns.join(' ')}`).join('|');
    const clocks = ip.sdc.clocks;
    for (let i = clocks.length - 1; i >= 0; i--) {
      if (clocks[i]!.name === name || (sources.length > 0 && sourceKey(clocks[i]!) === sourceKey(clock))) clocks.splice(i, 1);
    }
    clocks.push(clock);
    return name;
  },

  set_clock_uncertainty(ip, c, o, name) {
    if (o.args.length !== 2) throw ip.fail('set_clock_uncertainty expects a value and clocks', c, 'set_clock_uncertainty [-setup|-hold] VALUE CLOCKS (uncertainty on pins is not supported)');
    const v = ip.num(o.args[0], name, c) * ip.timeScale;
    const setup = o.flags.has('-setup') || !o.flags.has('-hold');
    const hold = o.flags.has('-hold') || !o.flags.has('-setup');
    for (const k of ip.clockNames(o.args[1], c)) {
      const clk = ip.clock(k, c);
      if (setup) clk.uncertaintySetup = v;
      if (hold) clk.uncertaintyHold = v;
    }
    return '';
  },

  set_clock_transition(ip, c, o, name) {
    if (o.args.length !== 2) throw ip.fail('set_clock_transition expects a slew and clocks', c);
    for (const k of ip.clockNames(o.args[1], c)) ip.clock(k, c).transition = ip.num(o.args[0], name, c) * ip.timeScale;
    return '';
  },

  set_clock_latency(ip, c, o, name) {
    if (o.args.length !== 2) throw ip.fail('set_clock_latency expects a latency and clocks', c, 'set_clock_latency [-source] VALUE CLOCKS (latency on pins is not supported)');
    const v = ip.num(o.args[0], name, c) * ip.timeScale;
    for (const k of ip.clockNames(o.args[1], c)) {
      const clk = ip.clock(k, c);
      if (o.flags.has('-source')) clk.sourceLatency = v;
      else clk.latency = v;
    }
    return '';
  },

  set_propagated_clock(ip, c, o) {
    for (const a of o.args) {
      if (typeof a !== 'string' && a.kind !== 'clock') throw ip.fail(`set_propagated_clock on ${a.kind}s is not supported`, c, 'give clocks: set_propagated_clock [get_clocks NAME]');
      for (const k of ip.clockNames(a, c)) ip.clock(k, c).propagated = true;
    }
    return '';
  },
};
