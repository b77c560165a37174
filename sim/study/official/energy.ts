/**
 * The official simulator's energy model, in nJ: its four-part breakdown (static, DRAM, buffers,
 * core) that the published table normalises, and the total it breaks tiling ties with (a slightly
 * different DRAM table plus buffer leakage). Buffer figures are CACTI 28 nm per bit from the
 * official repo's sweep output (bitfusion/sram/sweep.cfg.out): 32 weight banks of 4 KB and 32
 * activation banks of 8 KB with 512-bit words, 1024 output banks of 128 B with 32-bit words.
 */
import { officialMemory, officialPePower, type OfficialAccelerator } from './accelerators.ts';

/** Reads and writes in bits, per buffer and DRAM, and the cycles, of one layer. */
export interface OfficialStats {
  cycles: number;
  stallCycles: number;
  reads: { act: number; wgt: number; out: number; dram: number };
  writes: { act: number; wgt: number; out: number; dram: number };
}

export interface OfficialEnergyParts {
  readonly static: number;
  readonly dram: number;
  readonly buffer: number;
  readonly core: number;
  readonly total: number;
}

const cacti = {
  // nJ per access of the bank word, divided by the word width below.
  wbuf: { readNj: 0.0168924, writeNj: 0.0203422, bits: 512, leakMw: 3.11199, banks: 32 },
  ibuf: { readNj: 0.0177688, writeNj: 0.0248866, bits: 512, leakMw: 5.75335, banks: 32 },
  obuf: { readNj: 0.000294945, writeNj: 0.000415925, bits: 32, leakMw: 0.136585, banks: 1024 },
};

/** nJ per bit of each buffer access. */
export const officialBufferNjPerBit = {
  wgtRead: cacti.wbuf.readNj / cacti.wbuf.bits,
  wgtWrite: cacti.wbuf.writeNj / cacti.wbuf.bits,
  actRead: cacti.ibuf.readNj / cacti.ibuf.bits,
  actWrite: cacti.ibuf.writeNj / cacti.ibuf.bits,
  outRead: cacti.obuf.readNj / cacti.obuf.bits,
  outWrite: cacti.obuf.writeNj / cacti.obuf.bits,
};

/** Core energy per cycle (nJ): every PE's leakage, and its dynamic energy on busy cycles. */
function coreNjPerCycle(acc: OfficialAccelerator): { leak: number; dynamic: number } {
  const p = officialPePower(acc.pmax, acc.pmin);
  const pes = acc.rows * acc.cols;
  return { leak: (p.leakageNw * pes) / officialMemory.clockHz, dynamic: (p.dynamicNw * pes) / officialMemory.clockHz };
}

function bufferNj(s: OfficialStats): number {
  const b = officialBufferNjPerBit;
  return s.reads.wgt * b.wgtRead + s.writes.wgt * b.wgtWrite + s.reads.act * b.actRead + s.writes.act * b.actWrite
    + s.reads.out * b.outRead + s.writes.out * b.outWrite;
}

/** The published breakdown: static = 484.615 mW of DRAM standby; DRAM 0.644304 / 0.784104 nJ per 1024 bits. */
export function officialEnergyParts(acc: OfficialAccelerator, s: OfficialStats): OfficialEnergyParts {
  const core = coreNjPerCycle(acc);
  const parts = {
    static: s.cycles * (484.615 / 500),
    dram: s.reads.dram * (0.644304 / 1024) + s.writes.dram * (0.784104 / 1024),
    buffer: bufferNj(s),
    core: s.cycles * core.leak + (s.cycles - s.stallCycles) * core.dynamic,
  };
  return { ...parts, total: parts.static + parts.dram + parts.buffer + parts.core };
}

/** The total the tiling search breaks cycle ties with (its DRAM table 1.18294 / 1.47797 nJ per 1024 bits). */
export function officialTieBreakEnergy(acc: OfficialAccelerator, s: OfficialStats): number {
  const core = coreNjPerCycle(acc);
  const sramLeak = ((cacti.wbuf.leakMw * cacti.wbuf.banks + cacti.ibuf.leakMw * cacti.ibuf.banks + cacti.obuf.leakMw * cacti.obuf.banks) * 1e6) / officialMemory.clockHz;
  return s.cycles * (core.leak + sramLeak + 3838.05 / 500000) + (s.cycles - s.stallCycles) * core.dynamic + bufferNj(s)
    + s.reads.dram * (1.18294 / 1024) + s.writes.dram * (1.47797 / 1024);
}
