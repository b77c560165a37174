// Readers for what Yosys and ABC print: the `stat` report (cell counts by type, chip area) and
// ABC's `stime -p` line (mapped area and delay). The formats are those of Yosys 0.23 through 0.55.

export interface CellStats {
  readonly cells: number;
  /** Cell count by type name (`$_AND_`, `NAND2_X1`, ...), sorted by name. */
  readonly cellsByType: Readonly<Record<string, number>>;
  /** `Chip area for module` when `stat -liberty` was used, in the Liberty's area unit (um^2). */
  readonly area?: number;
}

/**
 * Parses the `stat` report of one module (`=== NAME ===` section). Yosys escapes public names
 * with a backslash in the area line only; both spellings are accepted.
 */
export function parseStat(text: string, module: string): CellStats {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `=== ${module} ===`);
  if (start < 0) throw new Error(`yosys stat report has no section for module '${module}'`);
  let end = lines.findIndex((l, i) => i > start && /^=== .* ===$/.test(l.trim()));
  if (end < 0) end = lines.length;
  const section = lines.slice(start + 1, end);
  let cells: number | undefined;
  const cellsByType: Record<string, number> = {};
  let area: number | undefined;
  for (let i = 0; i < section.length; i++) {
    const total = /^\s*Number of cells:\s+(\d+)/.exec(section[i]);
    if (total) {
      cells = Number(total[1]);
      // Per-type lines follow, indented deeper, until a blank line.
      for (i++; i < section.length && section[i].trim() !== ''; i++) {
        const row = /^\s+(\S+)\s+(\d+)(?:\s+[\d.eE+-]+)?\s*$/.exec(section[i]);
        if (row) cellsByType[row[1]] = Number(row[2]);
      }
      continue;
    }
    const chip = /^\s*Chip area for (?:module|top module) '\\?(.+?)':\s+([\d.eE+-]+)/.exec(section[i]);
    if (chip) area = Number(chip[2]);
  }
  if (cells === undefined) throw new Error(`yosys stat report for '${module}' has no cell count`);
  return { cells, cellsByType: sortKeys(cellsByType), ...(area === undefined ? {} : { area }) };
}

export interface AbcTiming {
  readonly area: number;
  /** ABC's delay estimate of the mapped network, in ps. */
  readonly delayPs: number;
}

/**
 * ABC's `stime -p` report (`... Area = 20.48 (...) Delay = 134.14 ps ...`). ABC maps each module
 * of a hierarchical design separately: areas add up and the delay is the largest module's.
 */
export function parseAbcStime(log: string): AbcTiming | undefined {
  let found: AbcTiming | undefined;
  for (const m of log.matchAll(/Area\s*=\s*([\d.]+)\s*\([^)]*\)\s*Delay\s*=\s*([\d.]+)\s*ps/g)) {
    found = { area: (found?.area ?? 0) + Number(m[1]), delayPs: Math.max(found?.delayPs ?? 0, Number(m[2])) };
  }
  return found;
}

export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
