/**
 * The official simulator's per-layer cost (its BitFusion-derived `get_stats_fast` and
 * `optimize_for_order`), re-derived: a layer is tiled into power-of-two tiles of batch (b), output
 * size (ow = oh), input channels (ic) and output channels (oc); for every loop order and tiling whose
 * tiles fit half of each buffer, the buffer and DRAM traffic follow from promoting each operand's
 * tile through the loops it depends on while it still fits half its buffer; compute cycles are
 * ceil(b*ow*oh / (N pf(a))) * ceil(oc / (M pf(w))) * K*K*ic per tile; stalls are the DRAM cycles
 * the compute cannot hide plus the first fill and the last drain. The cheapest (cycles, then energy)
 * tiling wins. Reproduces quirks of the original on purpose (documented in docs/study.md): the
 * weight tile is padded to N pf(w) input channels and the activation tile to M pf(a); the output
 * tile's promoted size is taken from the (always zero) output writes, so the drain counts only an
 * output tile that never promoted.
 */
import { fusionFactor, officialMemory, type OfficialAccelerator } from './accelerators.ts';
import { officialTieBreakEnergy, type OfficialStats } from './energy.ts';

/** One layer as the official benchmarks describe it (a linear layer is a 1x1 convolution on 1x1). */
export interface OfficialLayer {
  /** Kernel side K, output side O, stride S. */
  readonly kernel: number;
  readonly out: number;
  readonly stride: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly batch: number;
  /** Operand precision; activations take the weight's bit-width in every official layer. */
  readonly bits: number;
}

type Loop = 'b' | 'ow' | 'oh' | 'ic' | 'oc';
type Space = 'act' | 'wgt' | 'out';
interface Tile { readonly count: number; readonly size: number }
type Tiling = Readonly<Record<Loop, Tile>>;

/** Which operand's tile index each loop moves (a loop an operand does not depend on reuses its tile). */
const depends: Readonly<Record<Loop, Readonly<Record<Space, boolean>>>> = {
  b: { act: true, wgt: false, out: true },
  ow: { act: true, wgt: false, out: true },
  oh: { act: true, wgt: false, out: true },
  ic: { act: true, wgt: true, out: false },
  oc: { act: false, wgt: true, out: true },
};

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);
const sramBits = { wgt: officialMemory.weightBufferBytes * 8, act: officialMemory.activationBufferBytes * 8, out: officialMemory.outputBufferBytes * 8 };

/** Traffic and cycles of one tiling in one loop order (outermost first); undefined when a tile overflows. */
export function tilingStats(acc: OfficialAccelerator, layer: OfficialLayer, tiling: Tiling, order: readonly Loop[]): OfficialStats | undefined {
  const { kernel: K } = layer;
  const iprec = layer.bits;
  const wprec = layer.bits;
  const oprec = officialMemory.outputBits;
  const b = tiling.b.size, ow = tiling.ow.size, oh = tiling.oh.size, ic = tiling.ic.size, oc = tiling.oc.size;
  const pfw = fusionFactor(acc, wprec);
  const pfa = fusionFactor(acc, iprec);
  const writes = {
    wgt: ceilDiv(K * K * ic, acc.rows * pfw) * acc.rows * pfw * oc * wprec,
    act: ow * oh * ceilDiv(K * K * ic, acc.cols * pfa) * acc.cols * pfa * b * iprec,
    out: 0,
  };
  const reads = { out: ow * oh * oc * b * oprec };
  if (writes.wgt > sramBits.wgt / 2 || writes.act > sramBits.act / 2 || writes.out > sramBits.out / 2) return undefined;
  const maxWrite = { ...writes };
  const maxRead = { ...reads };
  const promoteWrite = { wgt: true, act: true, out: true };
  let promoteRead = true;
  for (let i = order.length - 1; i >= 0; i--) {
    const loop = order[i]!;
    const count = tiling[loop].count;
    for (const space of ['wgt', 'act', 'out'] as const) {
      if (!promoteWrite[space]) writes[space] *= count;
      else if (depends[loop][space]) {
        writes[space] *= count;
        if (writes[space] > sramBits[space] / 2) promoteWrite[space] = false;
        else maxWrite[space] = writes[space];
      }
    }
    if (!promoteRead) reads.out *= count;
    else if (depends[loop].out) {
      reads.out *= count;
      if (reads.out > sramBits.out / 2) promoteRead = false;
      else maxRead.out = writes.out;
    }
  }
  const tiles = tiling.b.count * tiling.ow.count * tiling.oh.count * tiling.ic.count * tiling.oc.count;
  const outputs = tiles * oc * oh * ow * b;
  const stats: OfficialStats = {
    cycles: 0,
    stallCycles: 0,
    reads: { act: outputs * K * K * ic * iprec, wgt: outputs * K * K * ic * wprec, out: reads.out + outputs * oprec, dram: writes.wgt + writes.act + writes.out },
    writes: { act: writes.act, wgt: writes.wgt, out: writes.out + outputs * oprec, dram: reads.out },
  };
  const width = officialMemory.interfaceBits;
  const initialReads = maxWrite.wgt + maxWrite.act + maxWrite.out;
  const finalWrites = maxRead.out;
  const latency = ceilDiv(initialReads, width) + ceilDiv(finalWrites, width);
  const middle = stats.reads.dram + stats.writes.dram - initialReads - finalWrites;
  const compute = tiles * ceilDiv(b * oh * ow, acc.rows * pfa) * ceilDiv(oc, acc.cols * pfw) * K * K * ic;
  stats.stallCycles = Math.max(0, ceilDiv(middle, width) - compute) + latency;
  stats.cycles = compute + stats.stallCycles;
  return stats;
}

/** Power-of-two tile sizes 1, 2, 4, ... capped at the extent, as the official search enumerates them. */
function tileSizes(extent: number): Tile[] {
  const steps = Math.ceil(Math.log2(extent)) + 1;
  const out: Tile[] = [];
  for (let i = 0; i < steps; i++) {
    const size = Math.min(2 ** i, extent);
    out.push({ size, count: ceilDiv(extent, size) });
  }
  return out;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

/** Loop orders that can differ: output loops of extent 1 change nothing, and ow/oh are interchangeable. */
function loopOrders(layer: OfficialLayer): Loop[][] {
  if (layer.out === 1) return permutations<Loop>(['b', 'ic', 'oc']).map((p) => [...p, 'ow', 'oh']);
  return permutations<Loop>(['b', 'ow', 'oh', 'ic', 'oc']);
}

export interface OfficialLayerResult {
  readonly stats: OfficialStats;
  readonly tiling: Tiling;
  readonly order: readonly Loop[];
}

/** The official search: every loop order and tiling; fewest cycles, then least energy. */
export function bestTiling(acc: OfficialAccelerator, layer: OfficialLayer): OfficialLayerResult {
  let best: { result: OfficialLayerResult; energy: number } | undefined;
  const orders = loopOrders(layer);
  const pfa = fusionFactor(acc, layer.bits);
  const pfw = fusionFactor(acc, layer.bits);
  const kk = layer.kernel * layer.kernel;
  for (const b of tileSizes(layer.batch)) {
    for (const o of tileSizes(layer.out)) {
      for (const ic of tileSizes(layer.inChannels)) {
        for (const oc of tileSizes(layer.outChannels)) {
          // Compute cycles do not depend on the loop order: a tiling that computes longer than the
          // best total so far cannot win in any order.
          const tiles = b.count * o.count * o.count * ic.count * oc.count;
          const compute = tiles * ceilDiv(b.size * o.size * o.size, acc.rows * pfa) * ceilDiv(oc.size, acc.cols * pfw) * kk * ic.size;
          if (best && compute > best.result.stats.cycles) continue;
          const tiling: Tiling = { b, ow: o, oh: o, ic, oc };
          for (const order of orders) {
            const stats = tilingStats(acc, layer, tiling, order);
            if (!stats) break; // a tile that overflows does so in every order
            if (best && stats.cycles > best.result.stats.cycles) continue;
            const energy = officialTieBreakEnergy(acc, stats);
            if (!best || stats.cycles < best.result.stats.cycles || energy < best.energy) best = { result: { stats, tiling, order }, energy };
          }
        }
      }
    }
  }
  if (!best) throw new Error(`no tiling of layer ${JSON.stringify(layer)} fits the official ${acc.label} buffers`);
  return best.result;
}
