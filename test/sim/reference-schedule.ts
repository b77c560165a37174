// The double-buffered DRAM schedule stepped pass by pass (docs/sim-cycle-model.md, "Memory"): the
// plain reference the simulator's block schedule is held to.
export interface ReferencePass {
  readonly cycles: number;
  readonly readBytes: number;
  readonly writeBytes: number;
}

export function referenceScheduleCycles(passes: readonly ReferencePass[], bytesPerCycle: number): number {
  const transfer = (bytes: number) => Math.ceil(bytes / bytesPerCycle);
  const end: number[] = [];
  let channelFree = 0;
  const write = (p: number) => {
    channelFree = Math.max(channelFree, end[p]!) + transfer(passes[p]!.writeBytes);
  };
  for (let p = 0; p < passes.length; p++) {
    const loadStart = Math.max(channelFree, p >= 2 ? end[p - 2]! : 0);
    const loadEnd = loadStart + transfer(passes[p]!.readBytes);
    channelFree = loadEnd;
    if (p >= 1) write(p - 1);
    end.push(Math.max(p >= 1 ? end[p - 1]! : 0, loadEnd) + passes[p]!.cycles);
  }
  if (passes.length > 0) write(passes.length - 1);
  return Math.max(end[end.length - 1] ?? 0, channelFree);
}
