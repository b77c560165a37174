// The VeriDistill data set's designs: the shared RTL corpora (each design, every module of the
// multi-module ones, parameter sweeps of the parameterised cores), generated MixPE PEs and arrays
// of every kind, and synthetic RTL (at most a third of the whole).
import { PE_KIND_IDS, peKind } from '../../hw/index.ts';
import { generateArrayDesign } from '../../hdl-gen/index.ts';
import { syntheticDesigns } from '../../eda/dataset/index.ts';
import { isUserError } from '../../util/index.ts';
import { moduleClosureText } from '../../models/qor/veridistill/index.ts';
import { distinctModules, listCorpus, moduleDesigns, parameterSweeps, type CorpusDesign } from '../../models/qor/veridistill/training/index.ts';
import { designConfig } from './gen-config.ts';

/** Synthetic designs per kind by default (capped at a third of the data). */
export const DEFAULT_SYNTHETIC = 300;

const GROUPS = [8, 16, 32, 64];
const ARRAYS = ['1x1', '1x2', '2x1', '2x2'];
/** Groups of the generated arrays: 8, and the demo's 32. */
const ARRAY_GROUPS = [8, 32];

/** Every PE kind with every weight scheme and group as a PE module, and the small arrays (groups 8 and 32). */
export function generatedCorpus(): CorpusDesign[] {
  const out: CorpusDesign[] = [];
  const seen = new Set<string>();
  for (const kind of PE_KIND_IDS) {
    for (const scheme of peKind(kind).schemes) {
      for (const group of GROUPS) {
        let design;
        try {
          design = generateArrayDesign(designConfig({ pe: kind, array: '1x1', group, scheme }));
        } catch (e) {
          if (isUserError(e)) continue;
          throw e;
        }
        const pe = design.keepModules[0]!;
        const closure = moduleClosureText(design.verilog, pe, design.fileName);
        if (seen.has(closure)) continue; // the PE does not depend on every setting
        seen.add(closure);
        const file = `${pe}.v`;
        out.push({ id: `generated-pe/${kind}-${scheme}-g${group}`, family: 'generated-pe', group: `generated-pe/${kind}`, files: [file], synthFiles: [design.fileName], top: pe, texts: { [file]: closure, [design.fileName]: design.verilog } });
      }
    }
    const arrays = new Set<string>();
    for (const group of ARRAY_GROUPS) {
      for (const array of ARRAYS) {
        const design = generateArrayDesign(designConfig({ pe: kind, array, group, scheme: 'auto' }));
        if (arrays.has(design.verilog)) continue;
        arrays.add(design.verilog);
        const id = `generated-array/${kind}-${array}${group === 8 ? '' : `-g${group}`}`;
        out.push({ id, family: 'generated-array', group: `generated-array/${kind}-${array}`, files: [design.fileName], synthFiles: [design.fileName], top: design.top, texts: { [design.fileName]: design.verilog } });
      }
    }
  }
  return out;
}

/** Synthetic datapaths, FSMs and memories: `perKind` of each. */
export function syntheticCorpus(perKind: number, seed: number): CorpusDesign[] {
  return syntheticDesigns(perKind, seed).map((d) => {
    const file = `${d.top}.v`;
    return { id: d.id, family: `synthetic-${d.kind}`, files: [file], synthFiles: [file], top: d.top, texts: { [file]: d.verilog } };
  });
}

const SWEPT_FAMILIES = new Set(['axis', 'uart', 'arith']);
const MODULE_FAMILIES = new Set(['iwls05', 'openlane', 'itc99']);

/** The whole corpus: real designs with their modules and sweeps, generated, synthetic (capped at a third). */
export function veridistillCorpus(dataRoot: string, opts: { synthetic: number; seed: number; generated: boolean }): CorpusDesign[] {
  const once = distinctModules();
  const real = listCorpus(dataRoot).flatMap((d) => [
    d,
    ...(MODULE_FAMILIES.has(d.family) ? moduleDesigns(d).filter(once) : []),
    ...(SWEPT_FAMILIES.has(d.family) ? parameterSweeps(d) : []),
  ]);
  const generated = opts.generated ? generatedCorpus() : [];
  const cap = Math.floor((real.length + generated.length) / 2); // synthetic <= a third of the total
  const synthetic = syntheticCorpus(Math.min(opts.synthetic, Math.floor(cap / 3)), opts.seed);
  return [...real, ...generated, ...synthetic];
}

const isSynthetic = (family: string) => family.startsWith('synthetic-');

/**
 * Keeps the synthetic designs of a labelled set at most a third of it (half the others), taking the
 * synthetic kinds in turns in corpus order: the corpus caps what is listed, but synthetic designs
 * label fastest, so an unfinished labelling run has more of them. Returns the kept records in
 * their order and the synthetic ones beyond the cap.
 */
export function capSynthetic<R extends { family: string }>(records: readonly R[]): { kept: R[]; surplus: R[] } {
  const cap = Math.floor(records.filter((r) => !isSynthetic(r.family)).length / 2);
  const byKind = new Map<string, R[]>();
  for (const r of records) if (isSynthetic(r.family)) byKind.set(r.family, [...(byKind.get(r.family) ?? []), r]);
  const chosen = new Set<R>();
  for (let i = 0; chosen.size < cap; i++) {
    const next = [...byKind.values()].flatMap((of) => (i < of.length ? [of[i]] : []));
    if (next.length === 0) break;
    for (const r of next.slice(0, cap - chosen.size)) chosen.add(r);
  }
  return { kept: records.filter((r) => !isSynthetic(r.family) || chosen.has(r)), surplus: records.filter((r) => isSynthetic(r.family) && !chosen.has(r)) };
}
