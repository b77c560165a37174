import { wireLoadRC, type LibertyLibrary } from '../liberty/index.ts';
import type { TimingGraph } from '../graph/index.ts';
import type { NetParasitics, ParasiticsSource } from './parasitics.ts';
import { piFromMoments, type PiModel } from './effective-cap.ts';

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
export function wireLoadParasitics(graph: TimingGraph, lib: LibertyLibrary, name = lib.defaultWireLoad): ParasiticsSource | undefined {
  const model = name === undefined ? undefined : lib.wireLoads.get(name);
  if (!model) return undefined;
  return (net): NetParasitics | undefined => {
    const n = graph.nets[net]!;
    if (n.drivers.length === 0 || n.loads.length === 0) return undefined;
    const fanout = n.loads.length;
    const { cap, res } = wireLoadRC(model, fanout);
    return new WireLoadNet(graph, n.loads, cap, res / fanout, cap / fanout);
  };
}

/** One net under a wire-load model: a balanced tree of `loads.length` branches (R, C each). */
class WireLoadNet implements NetParasitics {
  private readonly piRise: PiModel;
  private readonly piFall: PiModel;
  constructor(private readonly graph: TimingGraph, loads: readonly number[], readonly wireCap: number, private readonly branchR: number, private readonly branchC: number) {
    this.piRise = this.branches(loads, 0);
    this.piFall = this.branches(loads, 1);
  }

  private branches(loads: readonly number[], rf: number): PiModel {
    // The sum of throughResistor({ y1: c, y2: 0, y3: 0 }, r) over the branches, written out.
    const r = this.branchR;
    let y1 = 0;
    let y2 = 0;
    let y3 = 0;
    for (const l of loads) {
      const c = this.branchC + pinCap(this.graph, l, rf);
      y1 += c;
      y2 -= r * c * c;
      y3 += r * r * c * c * c;
    }
    return piFromMoments({ y1, y2, y3 });
  }

  wireDelay(load: number, rf: number): number {
    return this.branchR * (this.branchC + pinCap(this.graph, load, rf));
  }

  pi(rf: number): PiModel {
    return rf === 0 ? this.piRise : this.piFall;
  }
}
