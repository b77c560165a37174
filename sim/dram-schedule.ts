/**
 * The double-buffered schedule of passes against one DRAM channel (docs/sim-cycle-model.md,
 * "Memory"): the load for pass p starts when the channel is free and the buffer half it fills was
 * released by pass p-2; pass p starts when pass p-1 ended and its load is done; each pass's outputs
 * are written after it ends, queued behind the next pass's load.
 *
 * The passes come as blocks: a pass repeated `times`, or a body of blocks repeated `times`. The
 * schedule is a max-plus recurrence, so shifting its state by d shifts everything after it by d.
 * When a repetition starts from a state already seen at an earlier repetition up to such a shift,
 * the following repetitions repeat that stretch exactly, and whole periods are skipped by adding
 * their shift: the result is exactly that of stepping every pass, in time independent of the count.
 */
export interface ScheduledPass {
  readonly cycles: number;
  readonly readBytes: number;
  readonly writeBytes: number;
}

/** A pass repeated `times`, or a body of blocks repeated `times`. */
export type PassBlock<P> =
  | { readonly pass: P; readonly times: number }
  | { readonly body: readonly PassBlock<P>[]; readonly times: number };

interface ScheduleState {
  /** Cycle the DRAM channel is free. */
  channelFree: number;
  /** End of the previous pass and of the one before it (0 before the first passes). */
  end1: number;
  end2: number;
  /** Write bytes of the previous pass, queued once the next load is issued (undefined before the first pass). */
  pendingWrite: number | undefined;
}

export function scheduleCycles(passes: readonly ScheduledPass[], bytesPerCycle: number): number {
  return scheduleBlockCycles(passes.map((pass) => ({ pass, times: 1 })), bytesPerCycle, (p) => p);
}

/** The schedule's total cycles over blocks of passes, `view` giving each pass's cycles and DRAM bytes. */
export function scheduleBlockCycles<P>(blocks: readonly PassBlock<P>[], bytesPerCycle: number, view: (p: P) => ScheduledPass): number {
  const transfer = (bytes: number) => Math.ceil(bytes / bytesPerCycle);
  const s: ScheduleState = { channelFree: 0, end1: 0, end2: 0, pendingWrite: undefined };
  const flushWrite = () => {
    if (s.pendingWrite !== undefined) s.channelFree = Math.max(s.channelFree, s.end1) + transfer(s.pendingWrite);
  };
  const step = (p: ScheduledPass) => {
    const loadEnd = Math.max(s.channelFree, s.end2) + transfer(p.readBytes);
    s.channelFree = loadEnd;
    flushWrite();
    const end = Math.max(s.end1, loadEnd) + p.cycles;
    s.end2 = s.end1;
    s.end1 = end;
    s.pendingWrite = p.writeBytes;
  };
  const run = (list: readonly PassBlock<P>[]) => {
    for (const b of list) repeat(b.times, 'pass' in b ? () => step(view(b.pass)) : () => run(b.body));
  };
  const repeat = (times: number, once: () => void) => {
    if (times === 1) return once();
    // State at the start of each repetition, relative to end1: repetition index and end1 then.
    const seen = new Map<string, { index: number; end1: number }>();
    for (let i = 0; i < times; i++) {
      const key = `${s.channelFree - s.end1},${s.end2 - s.end1},${s.pendingWrite}`;
      const earlier = seen.get(key);
      if (earlier) {
        const period = i - earlier.index;
        const periods = Math.floor((times - i) / period);
        const shift = (s.end1 - earlier.end1) * periods;
        s.channelFree += shift;
        s.end1 += shift;
        s.end2 += shift;
        i += periods * period;
        seen.clear();
        if (i >= times) break;
      } else {
        seen.set(key, { index: i, end1: s.end1 });
      }
      once();
    }
  };
  run(blocks);
  flushWrite();
  return Math.max(s.end1, s.channelFree);
}

/** Sum of `f` over every pass of the blocks (each counted as often as it runs). */
export function sumBlocks<P>(blocks: readonly PassBlock<P>[], f: (p: P) => number): number {
  let total = 0;
  for (const b of blocks) total += b.times * ('pass' in b ? f(b.pass) : sumBlocks(b.body, f));
  return total;
}
