import { beforeAll, describe, expect, it } from 'vitest';
import { dataPath } from '../../../util/index.ts';
import { missingData, skipReason } from '../../helpers/requirements.ts';
import {
  analyzeTiming, buildTimingGraph, estimateAccuracy, netlistFromDef, parseSdc, placementParasitics, readDef, readLef, readLiberty, readSpef,
} from '../../../eda/timing/index.ts';

const skip = skipReason(missingData('timing_designs', 'nangate45_gcd_rcx', '45_gcd.spef'));

describe.skipIf(skip !== undefined)('pre-route wire estimate vs extracted SPEF (nangate45 gcd_rcx)', () => {
  // Read in beforeAll, not at collection: vitest collects a skipped suite's body too.
  let lib: ReturnType<typeof readLiberty>;
  let def: ReturnType<typeof readDef>;
  let lef: ReturnType<typeof readLef>;
  let graph: ReturnType<typeof buildTimingGraph>;
  beforeAll(() => {
    lib = readLiberty(dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'));
    def = readDef(dataPath('timing_designs', 'nangate45_gcd_rcx', '45_gcd.def'));
    lef = readLef([dataPath('lef', 'nangate45', 'Nangate45.lef')]);
    graph = buildTimingGraph(netlistFromDef(def), [lib]);
  });

  it('estimates per-net C and R that track the extraction (statistics in docs/timing.md)', () => {
    const acc = estimateAccuracy(graph, def, lef, readSpef(dataPath('timing_designs', 'nangate45_gcd_rcx', '45_gcd.spef')));
    console.log(`gcd_rcx: ${acc.nets.length} nets; C: median |err| ${(acc.cap.medianAbsRelError * 100).toFixed(1)}%, mean ratio ${acc.cap.meanRatio.toFixed(3)}, r ${acc.cap.correlation.toFixed(3)}; R: median |err| ${(acc.res.medianAbsRelError * 100).toFixed(1)}%, mean ratio ${acc.res.meanRatio.toFixed(3)}, r ${acc.res.correlation.toFixed(3)}`);
    expect(acc.nets.length).toBe(316);
    // Measured: C correlation 0.93, R correlation 0.85; HPWL misses detours and vias, so both run low.
    expect(acc.cap.correlation).toBeGreaterThan(0.9);
    expect(acc.res.correlation).toBeGreaterThan(0.8);
    expect(acc.cap.meanRatio).toBeLessThan(1);
    expect(acc.res.meanRatio).toBeLessThan(1);
  });

  it('times the DEF connectivity with the estimate: wire delay only adds to the ideal-wire arrival', () => {
    const sdc = parseSdc('create_clock [get_ports clk] -name core_clock -period 0.5\nset_input_delay 0 -clock core_clock [all_inputs]\nset_output_delay 0 -clock core_clock [all_outputs]\n', 'g.sdc');
    const est = analyzeTiming(graph, [lib], sdc, { parasitics: placementParasitics(graph, def, lef) });
    const ideal = analyzeTiming(graph, [lib], sdc, { parasitics: () => undefined });
    expect(est.setup.length).toBe(ideal.setup.length);
    const idealSlack = new Map(ideal.setup.map((e) => [e.pin, e.slack]));
    for (const e of est.setup) expect(e.slack).toBeLessThanOrEqual(idealSlack.get(e.pin)! + 1e-15);
  });
});
