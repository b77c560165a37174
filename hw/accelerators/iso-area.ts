import { readFileSync } from 'node:fs';
import { mixpeEvalConfig } from '../array/index.ts';
import { UserError } from '../../util/index.ts';
import { energyConstants28nm, studyPeKinds, type EnergyConstants, type StudyPeKind } from '../energy/index.ts';
import { mixpeEvaluation, referencePe, type AcceleratorSpec } from './mixpe-evaluation.ts';

/** Area of one PE per kind (um^2), the technology node of the figures, and where they come from. */
export interface PeAreaTable {
  readonly source: string;
  readonly nodeNm: number;
  readonly areaUm2: Readonly<Record<StudyPeKind, number>>;
}

/** Datapath areas from Horowitz's 45 nm operator areas scaled to 28 nm (hw/energy); registers excluded. */
export const horowitzPeAreas: PeAreaTable = {
  source: energyConstants28nm.sources.peAreaUm2,
  nodeNm: 28,
  areaUm2: energyConstants28nm.peAreaUm2,
};

/** An energy table whose PE leakage uses these areas (scaled to the table's 28 nm node by area). */
export function energyWithPeAreas(constants: EnergyConstants, table: PeAreaTable): EnergyConstants {
  const scale = (28 / table.nodeNm) ** 2;
  const peAreaUm2 = Object.fromEntries(studyPeKinds.map((k) => [k, table.areaUm2[k] * scale])) as Record<StudyPeKind, number>;
  return { ...constants, peAreaUm2, sources: { ...constants.sources, peAreaUm2: `${table.source} (${table.nodeNm} nm, scaled by (28/${table.nodeNm})^2)` } };
}

/**
 * Reads a PE area table from JSON: an object with one entry per PE kind, each either a number
 * (um^2) or an object with `areaUm2` (or `area_um2`), optionally under `kinds`; or the list that
 * `tessera gen area-table` writes (docs/pe-area.json). Other keys are ignored.
 */
export function readPeAreaTable(file: string): PeAreaTable {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`cannot read a PE area table: ${(e as Error).message}`, '--pe-area', 'give a JSON file mapping each PE kind to its area in um^2');
  }
  const kinds = json && typeof json === 'object' && 'kinds' in json ? (json as { kinds: unknown }).kinds : json;
  // `tessera gen area-table` writes `kinds` as a list of { kind, pe: { areaUm2 } }.
  const root = (Array.isArray(kinds)
    ? Object.fromEntries(kinds.map((k: { kind?: unknown; pe?: unknown }) => [String(k?.kind), k?.pe]))
    : kinds) as Record<string, unknown> | null;
  const areaUm2 = {} as Record<StudyPeKind, number>;
  for (const kind of studyPeKinds) {
    const entry = root && typeof root === 'object' ? root[kind] : undefined;
    const value = typeof entry === 'number' ? entry
      : entry && typeof entry === 'object' ? ((entry as Record<string, unknown>).areaUm2 ?? (entry as Record<string, unknown>).area_um2) : undefined;
    if (typeof value !== 'number' || !(value > 0)) {
      throw new UserError(`${file} has no positive area for PE kind '${kind}'`, '--pe-area', `give an area in um^2 for each of: ${studyPeKinds.join(', ')}`);
    }
    areaUm2[kind] = value;
  }
  // Synthesized tables (`tessera gen area-table`) are Nangate45 figures: a 45 nm library.
  return { source: file, nodeNm: 45, areaUm2 };
}

/**
 * Arrays of equal PE-array area: the budget is the reference accelerator's array (FP16 32x28 in
 * the evaluation); each kind gets floor(budget / its PE area) PEs, arranged as rows = the power of
 * two nearest to the square root, cols = as many columns as the budget allows.
 */
export function isoAreaAccelerators(table: PeAreaTable, base: readonly AcceleratorSpec[] = mixpeEvaluation): AcceleratorSpec[] {
  const ref = base.find((a) => a.pe === referencePe);
  if (!ref) throw new Error(`iso-area sizing needs the ${referencePe} reference accelerator`);
  const budget = ref.array.rows * ref.array.cols * table.areaUm2[referencePe];
  return base.map((a) => {
    const pes = Math.floor(budget / table.areaUm2[a.pe]);
    const rows = Math.min(pes, 2 ** Math.round(Math.log2(Math.sqrt(pes))));
    const cols = Math.floor(pes / rows);
    if (rows < 1 || cols < 1) throw new UserError(`the area budget fits no ${a.pe} PE`, '--pe-area', 'check the areas in the table');
    return { ...a, array: mixpeEvalConfig(rows, cols, a.array.dataflow), sources: { ...a.sources, 'array shape': `iso-area with the ${referencePe} ${ref.array.rows}x${ref.array.cols} array, PE areas from ${table.source}` } };
  });
}
