import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPath, seededRandom } from '../../../util/index.ts';
import { missingData, skipReason } from '../../helpers/requirements.ts';
import { analyzeTiming, buildTimingGraph, netlistFromDef, parseDef, parseSdc, parseSpef, readDef, readLef, readLiberty, readSpef, readVerilogNetlist, spefParasitics, timingJson } from '../../../eda/timing/index.ts';
import { compareWithSpef, placedNets, rcTotals, routeNet, routeTechnology, wireDelays, writeSpef, type RcNet, type RouteTechnology } from '../../../eda/route-estimate/index.ts';
import { placeDesign, writeDef } from '../../../eda/place/index.ts';
import { compareSlacks, openStaMissing, runOpenSta } from '../timing/opensta-reference.ts';

/** Two layer pairs with round numbers: 2 ohm/um, 0.2 fF/um, 5 ohm vias. */
const tech: RouteTechnology = {
  pinLayer: 'm1', pinLayerR: 4, pinLayerC: 0.15e-15, pinAccessLength: 0.2,
  layers: ['m2', 'm3', 'm4', 'm5'].map((name, i) => ({ name, horizontal: i % 2 === 1, r: 2 / (i + 1), c: 0.2e-15, cGround: 0.1e-15, cCoupling: 0.1e-15, viaBelow: 5 })),
  pairs: [[1, 0], [3, 2]],
};

/** Elmore delay and second moment by definition: sums over every capacitor of C times the shared path resistance. */
function bruteMoments(net: RcNet, load: (pin: number) => number): { m1: number[]; m2: number[] } {
  const path = (v: number) => {
    const s = new Set<number>();
    for (let u = v; net.parent[u]! >= 0; u = net.parent[u]!) s.add(u);
    return s;
  };
  const paths = net.nodes.map((_, i) => path(i));
  const cap = net.cap.map((c, i) => c + (i > 0 && i < net.pins ? load(i) : 0));
  const shared = (a: number, b: number) => [...paths[a]!].filter((u) => paths[b]!.has(u)).reduce((s, u) => s + net.res[u]!, 0);
  const m1 = net.nodes.map((_, i) => cap.reduce((s, c, k) => s + c * shared(i, k), 0));
  const m2 = net.nodes.map((_, i) => cap.reduce((s, c, k) => s + c * m1[k]! * shared(i, k), 0));
  return { m1, m2 };
}

describe('routing estimate: RC trees, delays, SPEF', () => {
  const rand = seededRandom(5);
  const randomNet = (k: number, spread: number) => Array.from({ length: k }, (_, i) => ({ name: `u${i}:A`, x: rand() * spread, y: rand() * spread }));

  it('Elmore and D2M delays equal their definitions on random nets', () => {
    for (let t = 0; t < 20; t++) {
      const net = routeNet('n', randomNet(2 + (t % 6), t < 10 ? 30 : 300), tech, { maxSegment: 20 });
      const load = (pin: number) => 1e-15 * (1 + pin);
      const d = wireDelays(net, load);
      const ref = bruteMoments(net, load);
      for (let i = 1; i < net.pins; i++) {
        expect(d.elmore[i]).toBeCloseTo(ref.m1[i]!, 20);
        expect(d.d2m[i]! / (Math.LN2 * ref.m1[i]! ** 2 / Math.sqrt(ref.m2[i]!))).toBeCloseTo(1, 9);
        // D2M never exceeds Elmore (Elmore bounds the 50% delay of an RC tree from above).
        expect(d.d2m[i]!).toBeLessThanOrEqual(d.elmore[i]! * (1 + 1e-12));
      }
      const t0 = rcTotals(net);
      expect(d.totalCap).toBeCloseTo(t0.cap + [...Array(net.pins - 1)].reduce((s, _, i) => s + load(i + 1), 0), 25);
      // Longer nets go to the upper layer pair.
      expect(net.pair).toBe(net.length > 400 * tech.pinAccessLength ? 1 : 0);
    }
  });

  it('SPEF written and read back keeps every net, connection, resistor and capacitance', () => {
    const nets = Array.from({ length: 30 }, (_, i) => ({ ...routeNet(`n${i}`, randomNet(2 + (i % 5), 50).map((p, k) => ({ ...p, name: k === 0 && i === 0 ? 'in[1]' : `u${i}_${k}:${k === 0 ? 'Y' : 'A'}` })), tech) }));
    const text = writeSpef(nets, { design: 'top', ports: new Map([['in[1]', 'I' as const]]) });
    const back = parseSpef(text, 'rt.spef');
    expect(back.nets.size).toBe(30);
    for (const n of nets) {
      const b = back.nets.get(n.name)!;
      const t = rcTotals(n);
      expect(b.res.reduce((s, r) => s + r.value, 0)).toBeCloseTo(t.res, 3);
      expect(b.caps.reduce((s, c) => s + c.value, 0) / t.cap).toBeCloseTo(1, 5);
      expect(b.conns.map((c) => c.name)).toEqual(n.nodes.slice(0, n.pins));
      expect(b.res.length).toBe(n.nodes.length - 1);
    }
    expect(back.ports).toEqual([{ name: 'in[1]', direction: 'I' }]);
  });
});

const gcdSkip = skipReason(missingData('timing_designs', 'nangate45_gcd_rcx', '45_gcd.spef'));
describe.skipIf(gcdSkip !== undefined)('routing estimate against OpenRCX on nangate45 gcd_rcx (same DEF)', () => {
  it('median per-net C error <= 15% and R error <= 25%', () => {
    const def = readDef(dataPath('timing_designs', 'nangate45_gcd_rcx', '45_gcd.def'));
    const lef = readLef([dataPath('lef', 'nangate45', 'Nangate45.lef')]);
    const graph = buildTimingGraph(netlistFromDef(def), [readLiberty(dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'))]);
    const t = routeTechnology(lef);
    const cmp = compareWithSpef(placedNets(graph, def, lef).map((n) => routeNet(n.name, n.pins, t)), readSpef(dataPath('timing_designs', 'nangate45_gcd_rcx', '45_gcd.spef')));
    console.log(`gcd_rcx: ${cmp.nets.length} nets, C median ${(100 * cmp.cap.median).toFixed(1)}% (p90 ${(100 * cmp.cap.p90).toFixed(1)}%), R median ${(100 * cmp.res.median).toFixed(1)}% (p90 ${(100 * cmp.res.p90).toFixed(1)}%)`);
    expect(cmp.nets.length).toBe(316);
    expect(cmp.cap.median).toBeLessThanOrEqual(0.15);
    expect(cmp.res.median).toBeLessThanOrEqual(0.25);
  });
});

const staSkip = skipReason(missingData('timing_designs', 'nangate45_gcd', 'gcd_nangate45.v'), openStaMissing());
describe.skipIf(staSkip !== undefined)('estimated SPEF read by our STA and by OpenSTA (gcd placed here)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-route-est-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let files: { v: string; lib: string; sdc: string; spef: string };
  let ours: ReturnType<typeof timingJson>;
  beforeAll(() => {
    const v = dataPath('timing_designs', 'nangate45_gcd', 'gcd_nangate45.v');
    const lib = dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz');
    const libs = [readLiberty(lib)];
    const lef = readLef([dataPath('lef', 'nangate45', 'Nangate45.lef')]);
    const graph = buildTimingGraph(readVerilogNetlist(v), libs);
    const placed = placeDesign(graph, lef, { utilization: 0.5, maxIterations: 30 });
    const def = parseDef(writeDef(placed.problem, placed.placement), 'gcd.def');
    const nets = placedNets(graph, def, lef).map((n) => routeNet(n.name, n.pins, routeTechnology(lef)));
    const ports = new Map(graph.pins.filter((p) => p.isPort).map((p) => [p.name, p.portDirection === 'output' ? 'O' as const : 'I' as const]));
    const spef = join(dir, 'gcd.spef');
    writeFileSync(spef, writeSpef(nets, { design: 'gcd', ports }));
    const sdc = join(dir, 'gcd.sdc');
    const sdcText = 'create_clock [get_ports clk] -name core_clock -period 0.3\nset_input_delay 0.05 -clock core_clock [all_inputs]\nset_output_delay 0.05 -clock core_clock [all_outputs]\nset_load 2 [all_outputs]\n';
    writeFileSync(sdc, sdcText);
    const a = analyzeTiming(graph, libs, parseSdc(sdcText, sdc, { time: libs[0]!.timeUnit, cap: libs[0]!.capUnit }), { parasitics: spefParasitics(graph, readSpef(spef)) });
    ours = timingJson(a, 0);
    files = { v, lib, sdc, spef };
  });

  it('every setup and hold slack within max(2 ps, 1%), WNS and TNS within 0.5%', () => {
    const ref = runOpenSta((f) => [`read_liberty ${f(files.lib)}`, `read_verilog ${files.v}`, 'link_design gcd', `read_sdc ${files.sdc}`, `read_spef ${files.spef}`]);
    const slacks = (k: 'setupSlack' | 'holdSlack') => new Map(ours.endpoints.filter((e) => e[k] !== null).map((e) => [e.pin, e[k]!]));
    const setup = compareSlacks(slacks('setupSlack'), ref.setup);
    const hold = compareSlacks(slacks('holdSlack'), ref.hold);
    console.log(`worst: ${setup.worst} | ${hold.worst}; outside ${setup.outside.slice(0, 5).join(" ")}`);
    console.log(`gcd with estimated SPEF: setup ${setup.compared} max ${(setup.maxError * 1000).toFixed(3)} ps, hold ${hold.compared} max ${(hold.maxError * 1000).toFixed(3)} ps; wns ${ours.wns} vs ${ref.wns}, tns ${ours.tns} vs ${ref.tns}`);
    expect(setup.missing).toEqual([]);
    expect(setup.compared).toBeGreaterThan(30);
    expect(setup.outside).toEqual([]);
    expect(hold.outside).toEqual([]);
    expect(ref.tns).toBeLessThan(0);
    expect(Math.abs(ours.wns - ref.wns)).toBeLessThanOrEqual(0.005 * Math.abs(ref.wns) + 1e-6);
    expect(Math.abs(ours.tns - ref.tns)).toBeLessThanOrEqual(0.005 * Math.abs(ref.tns) + 1e-6);
  });
});
