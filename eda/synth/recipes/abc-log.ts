// Reads the figures ABC prints inside a Yosys log (lines prefixed `ABC: `).

export interface AigPoint {
  nodes: number;
  levels: number;
}

/** Every `print_stats` of a strashed network in order: AND nodes and levels. */
export function parsePrintStats(log: string): AigPoint[] {
  return [...log.matchAll(/i\/o =\s*\d+\/\s*\d+\s+lat =\s*\d+\s+and =\s*(\d+)\s+lev =\s*(\d+)/g)].map((m) => ({ nodes: Number(m[1]), levels: Number(m[2]) }));
}

/** Every `&if -K 6; &ps` in order: LUT count and LUT depth. */
export function parseLutMappings(log: string): { luts: number; depth: number }[] {
  return [...log.matchAll(/Mapping \(K=\d+\)\s*:\s*lut =\s*(\d+)\s+edge =\s*\d+\s+lev =\s*(\d+)/g)].map((m) => ({ luts: Number(m[1]), depth: Number(m[2]) }));
}

/** Every `stime -p` in order: cell area and critical-path delay in ps. */
export function parseAbcStimes(log: string): AbcTiming[] {
  return [...log.matchAll(/Area\s*=\s*([\d.]+)\s*\([^)]*\)\s*Delay\s*=\s*([\d.]+)\s*ps/g)].map((m) => ({ area: Number(m[1]), delayPs: Number(m[2]) }));
}

export interface AbcTiming {
  readonly area: number;
  /** ABC's delay estimate of the mapped network, in ps. */
  readonly delayPs: number;
}

/**
 * All `stime -p` reports of one Yosys run together. ABC maps each module of a hierarchical design
 * separately: areas add up and the delay is the largest module's.
 */
export function parseAbcStime(log: string): AbcTiming | undefined {
  const all = parseAbcStimes(log);
  if (all.length === 0) return undefined;
  return { area: all.reduce((s, t) => s + t.area, 0), delayPs: Math.max(...all.map((t) => t.delayPs)) };
}
