/** One line of a side-by-side measurement: our figure, the peer tool's, and their ratio. */
export function printComparison(what: string, unit: string, ours: number, peerName: string, peer: number | undefined, higherIsBetter = true): void {
  const fmt = (v: number) => (Math.abs(v) >= 1000 ? v.toExponential(3) : v.toPrecision(4));
  if (peer === undefined) {
    console.log(`${what}: tessera ${fmt(ours)} ${unit} | ${peerName}: not available`);
    return;
  }
  const ratio = higherIsBetter ? ours / peer : peer / ours;
  console.log(`${what}: tessera ${fmt(ours)} ${unit} | ${peerName} ${fmt(peer)} ${unit} | ratio ${ratio.toFixed(2)}x${higherIsBetter ? '' : ' (peer time / our time)'}`);
}

/** Best-of-n wall time in seconds of a synchronous or async function. */
export async function bestTime(n: number, fn: () => unknown): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}
