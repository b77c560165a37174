// Reads Yosys's `stat -json` report: cell counts per module, the design hierarchy's totals, and the
// cell area where Yosys gives it. Yosys 0.23 (Debian) writes no area into the JSON (0.55, the wasm
// build, does): there the area is the sum of the Liberty cell areas over the counts, which is what
// `stat -liberty` computes (test/eda/synth/stat-json.test.ts checks both versions).
import { contentHash } from '../../util/index.ts';
import { parseLiberty } from '../timing/liberty/index.ts';

export interface CellStats {
  readonly cells: number;
  /** Cell count by type name (`$_AND_`, `NAND2_X1`, ...), sorted by name. */
  readonly cellsByType: Readonly<Record<string, number>>;
  /** Cell area when `stat -liberty` was used, in the Liberty's area unit (um^2). */
  readonly area?: number;
}

interface StatJsonEntry {
  readonly num_cells?: unknown;
  readonly num_cells_by_type?: unknown;
  readonly area?: unknown;
}

/** The design hierarchy's totals (every instance replaced by its cells), as `stat -top` prints them. */
export const HIERARCHY = Symbol('design hierarchy');

/**
 * One module's figures (`module` as written in Verilog, without Yosys's backslash), or with
 * `HIERARCHY` the whole design's totals below the top given to `stat -top`.
 */
export function parseStatJson(text: string, module: string | typeof HIERARCHY): CellStats {
  const json = parseJson(text);
  const modules = isRecord(json.modules) ? json.modules : {};
  const entry = module === HIERARCHY ? json.design : (modules[`\\${module}`] ?? modules[module]);
  const what = module === HIERARCHY ? 'the design hierarchy' : `module '${module}'`;
  if (!isRecord(entry)) throw new Error(`yosys stat -json has no entry for ${what}`);
  return statsOf(entry, what);
}

/** The modules `stat -json` lists, by name (Yosys's leading backslash removed). */
export function statJsonModules(text: string): Map<string, CellStats> {
  const json = parseJson(text);
  if (!isRecord(json.modules)) throw new Error('yosys stat -json has no modules');
  return new Map(Object.entries(json.modules).map(([name, entry]) => {
    const plain = name.replace(/^\\/, '');
    if (!isRecord(entry)) throw new Error(`yosys stat -json: module '${plain}' is not an object`);
    return [plain, statsOf(entry, `module '${plain}'`)];
  }));
}

/**
 * The top of a design: the one module no other module instantiates (counts by type name the
 * instantiated modules). Undefined when there is not exactly one.
 */
export function topOfStatJson(text: string): string | undefined {
  const modules = statJsonModules(text);
  const used = new Set([...modules.values()].flatMap((m) => Object.keys(m.cellsByType).map((t) => t.replace(/^\\/, ''))));
  const tops = [...modules.keys()].filter((m) => !used.has(m));
  return tops.length === 1 ? tops[0] : undefined;
}

/**
 * The cell area of `stats` from the Liberty text: Yosys's own figure when its JSON has one, else
 * the sum of each cell's Liberty `area` times its count. Types the library lacks (Yosys's internal
 * cells, sub-module instances) add nothing, as in `stat -liberty`.
 */
export function withLibertyArea(stats: CellStats, liberty: string): CellStats & { area: number } {
  if (stats.area !== undefined) return { ...stats, area: stats.area };
  const areas = libertyCellAreas(liberty);
  let area = 0;
  for (const [type, count] of Object.entries(stats.cellsByType)) area += (areas.get(type) ?? 0) * count;
  return { ...stats, area };
}

const areaCache = new Map<string, ReadonlyMap<string, number>>();

/** Cell name -> area of a Liberty text (parsed once per process and content). */
export function libertyCellAreas(liberty: string): ReadonlyMap<string, number> {
  const key = contentHash(liberty);
  let areas = areaCache.get(key);
  if (!areas) {
    areas = new Map([...parseLiberty(liberty, 'cells.lib').cells.values()].map((c) => [c.name, c.area]));
    areaCache.set(key, areas);
  }
  return areas;
}

function statsOf(entry: StatJsonEntry, what: string): CellStats {
  const cells = entry.num_cells;
  if (typeof cells !== 'number' || !Number.isInteger(cells) || cells < 0) throw new Error(`yosys stat -json: ${what} has no cell count`);
  const byType = entry.num_cells_by_type ?? {};
  if (!isRecord(byType)) throw new Error(`yosys stat -json: ${what} has malformed cell counts`);
  const cellsByType: Record<string, number> = {};
  for (const [type, n] of Object.entries(byType)) {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new Error(`yosys stat -json: ${what} has a bad count for ${type}`);
    cellsByType[type] = n;
  }
  const area = entry.area;
  if (area !== undefined && (typeof area !== 'number' || !Number.isFinite(area))) throw new Error(`yosys stat -json: ${what} has a bad area`);
  return { cells, cellsByType: sortKeys(cellsByType), ...(area === undefined ? {} : { area }) };
}

function parseJson(text: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`yosys stat -json output is not JSON: ${(e as Error).message}`);
  }
  if (!isRecord(json)) throw new Error('yosys stat -json output is not an object');
  return json;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
