// Finds the ABC binary used as the independent reference in the cross-check tests.
import { spawnSync } from 'node:child_process';

/** berkeley-abc (Debian) or yosys-abc (shipped with Debian's yosys), whichever is installed. */
export function findAbc(): string | undefined {
  for (const bin of ['berkeley-abc', 'yosys-abc']) {
    const r = spawnSync(bin, ['-c', 'quit'], { encoding: 'utf8' });
    if (r.status === 0) return bin;
  }
  return undefined;
}

export interface AbcStats { inputs: number; outputs: number; latches: number; ands: number; levels: number }

/** Runs one ABC process over many commands and parses each `print_stats` line in order. */
export function abcPrintStats(abc: string, commands: readonly string[]): AbcStats[] {
  const r = spawnSync(abc, ['-c', commands.join('; ')], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${abc} failed: ${r.stderr}`);
  const clean = r.stdout.replace(/\x1b\[[0-9;]*m/g, '');
  return [...clean.matchAll(/i\/o =\s*(\d+)\/\s*(\d+)\s+lat =\s*(\d+)\s+and =\s*(\d+)\s+lev =\s*(\d+)/g)].map((m) => ({
    inputs: Number(m[1]), outputs: Number(m[2]), latches: Number(m[3]), ands: Number(m[4]), levels: Number(m[5]),
  }));
}
