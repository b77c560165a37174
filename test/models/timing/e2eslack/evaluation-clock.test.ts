import { describe, expect, it } from 'vitest';
import { dataPath } from '../../../../util/index.ts';
import { missingData, skipReason } from '../../../helpers/requirements.ts';
import { analyzeTiming, buildTimingGraph, parseSdc, readLiberty, readVerilogNetlist } from '../../../../eda/timing/index.ts';
import { defaultSdc, evaluationPeriod, libraries, preRouteMinimumPeriod, type DesignRecord } from '../../../../models/timing/e2eslack/index.ts';

const skip = skipReason(missingData('timing_designs', 'nangate45_gcd', 'gcd_nangate45.v'), missingData('liberty', 'nangate45', 'nangate45_typ.lib.gz'));

describe.skipIf(skip !== undefined)('the tightened evaluation clock (gcd, Nangate45, wire-load)', () => {
  it('is the shortest period pre-route STA passes: worst slack within 1% of it there, failing endpoints at 0.9 of it', () => {
    const libs = [readLiberty(dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'))];
    const graph = buildTimingGraph(readVerilogNetlist(dataPath('timing_designs', 'nangate45_gcd', 'gcd_nangate45.v')), libs);
    // Only the fields the clock search reads.
    const record = { name: 'gcd', library: 'nangate45', clockPort: 'clk', periodNs: 5 } as DesignRecord;
    const lib = libraries.nangate45();
    const worstAt = (periodNs: number) => {
      const sdc = parseSdc(defaultSdc({ clockPort: 'clk', periodNs, drivingCell: lib.drivingCell, outputLoad: lib.outputLoad }), 'gcd.sdc', { time: libs[0]!.timeUnit, cap: libs[0]!.capUnit });
      const a = analyzeTiming(graph, libs, sdc);
      return { worst: Math.min(...a.setup.map((e) => e.slack * 1e9)), tns: a.tns };
    };
    expect(worstAt(5).worst).toBeGreaterThan(0.5);
    const p = preRouteMinimumPeriod(record, graph, libs, 'gcd.sdc');
    const at = worstAt(p);
    expect(at.worst).toBeGreaterThanOrEqual(-1e-6);
    expect(at.worst).toBeLessThanOrEqual(0.01 * p + 1e-6);
    expect(worstAt(0.9 * p).tns).toBeLessThan(0);
    expect(evaluationPeriod(record, graph, libs, 'gcd.sdc', { tighten: 0.9 })).toBeCloseTo(0.9 * p, 9);
    expect(evaluationPeriod(record, graph, libs, 'gcd.sdc', { scale: 0.5 })).toBe(2.5);
  });
});
