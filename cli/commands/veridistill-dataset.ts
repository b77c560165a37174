// The VeriDistill data set as `tessera dataset build --corpus veridistill` and `tessera train
// veridistill` (without --data) both build it: the corpus of veridistill-corpus.ts labelled by the
// pinned flow on the worker pool, with one label cache, so either command resumes the other's run.
import { dataDir, dataPath } from '../../util/index.ts';
import { loadLibrary, type YosysBackend } from '../../eda/synth/index.ts';
import { designText, labelCorpus, writeDataset, type QorRecord } from '../../models/qor/veridistill/training/index.ts';
import { capSynthetic, veridistillCorpus } from './veridistill-corpus.ts';

export interface VeridistillDataOptions {
  readonly liberty: string;
  readonly backend: YosysBackend;
  readonly workers: number;
  /** Per-design limit, s (0: none). */
  readonly timeoutSeconds: number;
  readonly cachedOnly: boolean;
  /** Synthetic designs per kind (capped at a third of the data) and their seed. */
  readonly synthetic: number;
  readonly seed: number;
  readonly generated: boolean;
  /** Take only the first N designs of the corpus (0: all). */
  readonly limit?: number;
  /** Write the labelled records here (JSON Lines). */
  readonly out?: string;
}

export interface VeridistillData {
  readonly records: QorRecord[];
  readonly failures: { id: string; error: string }[];
  /** Labelled synthetic designs left out to keep synthetic RTL at most a third of the data. */
  readonly surplus: number;
  /** RTL of the designs not in `records` (not synthesized, or synthetic beyond the cap): pretraining reads them (it needs no labels). */
  readonly unlabelled: { id: string; family: string; text: string }[];
  readonly seconds: number;
}

/** Lists the corpus (shared RTL data, generated, synthetic), labels it and optionally writes it. */
export async function buildVeridistillData(o: VeridistillDataOptions): Promise<VeridistillData> {
  const t0 = performance.now();
  const root = dataDir();
  if (!root) dataPath('rtl'); // throws the UserError that says how to provide the data
  let designs = veridistillCorpus(root!, { synthetic: o.synthetic, seed: o.seed, generated: o.generated });
  if (o.limit && o.limit > 0) designs = designs.slice(0, o.limit);
  const lib = loadLibrary(o.liberty);
  const labelled = await labelCorpus(designs, {
    liberty: { name: lib.name, text: lib.text },
    backend: o.backend,
    workers: o.workers,
    timeoutSeconds: o.timeoutSeconds,
    cachedOnly: o.cachedOnly,
  });
  const { failures } = labelled;
  const { kept: records, surplus } = capSynthetic(labelled.records);
  const ok = new Set(records.map((r) => r.id));
  const unlabelled = designs.filter((d) => !ok.has(d.id)).map((d) => ({ id: d.id, family: d.family, text: designText(d) }));
  if (o.out) writeDataset(o.out, records);
  return { records, failures, surplus: surplus.length, unlabelled, seconds: (performance.now() - t0) / 1000 };
}

/** Designs labelled per family, with their synthesis wall time. */
export function labelSummary(records: readonly QorRecord[], failures: readonly { id: string }[], surplus = 0): string {
  const families = [...new Set(records.map((r) => r.family))];
  const lines = families.map((f) => {
    const of = records.filter((r) => r.family === f);
    return `  ${f.padEnd(18)} ${String(of.length).padStart(5)} designs  ${of.reduce((s, r) => s + (r.seconds ?? 0), 0).toFixed(0)} s of synthesis`;
  });
  const capped = surplus ? `; ${surplus} labelled synthetic designs beyond a third of the data left out` : '';
  return [`${records.length} designs labelled in ${families.length} families, ${failures.length} not (timeout, Yosys error or not run yet)${capped}`, ...lines].join('\n');
}
