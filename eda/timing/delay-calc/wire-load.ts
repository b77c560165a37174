import { wireLoadRC, type LibertyLibrary } from '../liberty/index.ts';
import type { TimingGraph } from '../graph/index.ts';
import type { NetParasitics, ParasiticsSource } from './parasitics.ts';
import { piFromMoments, throughResistor, type Moments } from './effective-cap.ts';

/** Capacitance a load pin adds for a transition (0 rise, 1 fall); ports have none of their own. */
export function pinCap(graph: TimingGraph, pin: number, rf: number): number {
  const lp = graph.pins[pin]!.libPin;
  return lp ? (rf === 0 ? lp.riseCapacitance : lp.fallCapacitance) : 0;
}

/**
 * The library's default wire-load model, which OpenSTA applies when no parasitics are read: wire
 * R and C from the net's fanout, spread as a balanced tree (each load behind R/n with C/n at its
 * end, the tree_type of the Nangate and sky130 operating conditions). Wire delay is the Elmore
 * delay to the load including its pin capacitance.
 */
export function wireLoadParasitics(graph: TimingGraph, lib: LibertyLibrary): ParasiticsSource | undefined {
  const model = lib.defaultWireLoad === undefined ? undefined : lib.wireLoads.get(lib.defaultWireLoad);
  if (!model) return undefined;
  return (net): NetParasitics | undefined => {
    const n = graph.nets[net]!;
    if (n.drivers.length === 0 || n.loads.length === 0) return undefined;
    const fanout = n.loads.length;
    const { cap, res } = wireLoadRC(model, fanout);
    const branchR = res / fanout;
    const branchC = cap / fanout;
    const pi = [0, 1].map((rf) => {
      let m: Moments = { y1: 0, y2: 0, y3: 0 };
      for (const l of n.loads) {
        const b = throughResistor({ y1: branchC + pinCap(graph, l, rf), y2: 0, y3: 0 }, branchR);
        m = { y1: m.y1 + b.y1, y2: m.y2 + b.y2, y3: m.y3 + b.y3 };
      }
      return piFromMoments(m);
    });
    return { wireCap: cap, wireDelay: (load, rf) => branchR * (branchC + pinCap(graph, load, rf)), pi: (rf) => pi[rf]! };
  };
}
