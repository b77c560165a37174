import { wireLoadRC, type LibertyLibrary } from '../liberty/index.ts';
import type { TimingGraph } from '../graph/index.ts';
import { lumpedNet, type ParasiticsSource } from './parasitics.ts';

/**
 * The library's default wire-load model (OpenSTA applies it when no parasitics are read): wire
 * capacitance from the net's fanout. Its resistance gives sub-femtosecond delays on these
 * libraries and is left out.
 */
export function wireLoadParasitics(graph: TimingGraph, lib: LibertyLibrary): ParasiticsSource | undefined {
  const model = lib.defaultWireLoad === undefined ? undefined : lib.wireLoads.get(lib.defaultWireLoad);
  if (!model) return undefined;
  return (net) => {
    const n = graph.nets[net]!;
    if (n.drivers.length === 0) return undefined;
    return lumpedNet(wireLoadRC(model, n.loads.length).cap);
  };
}
