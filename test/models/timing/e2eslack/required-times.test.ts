import { describe, expect, it } from 'vitest';
import { dataPath } from '../../../../util/index.ts';
import { missingData, skipReason } from '../../../helpers/requirements.ts';
import { analyzeTiming, buildTimingGraph, parseSdc, readLiberty, readVerilogNetlist, tracePath } from '../../../../eda/timing/index.ts';
import { timingLabels } from '../../../../models/timing/e2eslack/index.ts';
import { openStaMissing, runOpenSta } from '../../../eda/timing/opensta-reference.ts';

const skip = skipReason(missingData('timing_designs', 'nangate45_gcd', 'gcd_nangate45.v'));
const sdcText = 'create_clock [get_ports clk] -name core_clock -period 0.3\nset_input_delay 0.05 -clock core_clock [all_inputs]\nset_output_delay 0.05 -clock core_clock [all_outputs]\n';

describe.skipIf(skip !== undefined)('required-time propagation fed with STA\'s own arc delays (gcd, Nangate45, wire-load)', () => {
  const setup = () => {
    const lib = dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz');
    const libs = [readLiberty(lib)];
    const v = dataPath('timing_designs', 'nangate45_gcd', 'gcd_nangate45.v');
    const graph = buildTimingGraph(readVerilogNetlist(v), libs);
    const a = analyzeTiming(graph, libs, parseSdc(sdcText, 'gcd.sdc', { time: libs[0]!.timeUnit, cap: libs[0]!.capUnit }));
    return { lib, v, graph, a, labels: timingLabels(a) };
  };
  const pinSlack = (labels: ReturnType<typeof timingLabels>, p: number) => Math.min(...[0, 1].map((rf) => labels.required[p * 2 + rf]! - labels.arrival[p * 4 + rf]!).filter(Number.isFinite));

  it('gives every endpoint STA\'s slack and every pin of each worst path its endpoint\'s slack', () => {
    const { a, labels } = setup();
    expect(a.setup.length).toBeGreaterThan(50);
    let checked = 0;
    for (const e of a.setup) {
      expect(pinSlack(labels, e.pin)).toBeCloseTo(e.slack * 1e9, 4);
      for (const pt of tracePath(a.state, e)) {
        if (a.state.clockOf[pt.pin]! >= 0) continue;
        // A pin on the worst path to an endpoint has that endpoint's slack unless a worse path runs through it.
        expect(pinSlack(labels, pt.pin)).toBeLessThanOrEqual(e.slack * 1e9 + 1e-4);
        checked++;
      }
    }
    // The worst path's pins all carry the WNS.
    for (const pt of tracePath(a.state, a.setup[0]!)) if (a.state.clockOf[pt.pin]! < 0) expect(pinSlack(labels, pt.pin)).toBeCloseTo(a.setup[0]!.slack * 1e9, 4);
    expect(checked).toBeGreaterThan(300);
  });

  it.skipIf(openStaMissing() !== undefined)('matches OpenSTA\'s worst slack through sampled pins (report_checks -through)', () => {
    const { lib, v, graph, labels } = setup();
    const pins = graph.pins.map((p, i) => ({ p, i })).filter(({ p, i }) => !p.isPort && p.libPin?.direction === 'input' && Number.isFinite(labels.required[i * 2]!) && Number.isFinite(labels.arrival[i * 4]!) && !p.libPin.isClock);
    const sample = pins.filter((_, k) => k % Math.max(1, Math.floor(pins.length / 25)) === 0).slice(0, 25);
    // The constraints go inline: OpenSTA runs them as Tcl like a read_sdc file.
    const ref = runOpenSta((f) => [`read_liberty ${f(lib)}`, `read_verilog ${v}`, 'link_design gcd', ...sdcText.trim().split('\n')],
      sample.flatMap(({ p }) => [`puts "@@PIN ${p.name}"`, `report_checks -path_delay max -through [get_pins {${p.name}}] -format end -digits 6`]));
    const parts = ref.text.split('@@PIN ').slice(1);
    expect(parts.length).toBe(sample.length);
    for (const [k, part] of parts.entries()) {
      const m = /\n\S+ \(\S+\)\s+-?[\d.]+\s+-?[\d.]+\s+(-?[\d.]+)/.exec(part);
      expect(m, part).not.toBeNull();
      expect(pinSlack(labels, sample[k]!.i)).toBeCloseTo(Number(m![1]), 4);
    }
  });
});
