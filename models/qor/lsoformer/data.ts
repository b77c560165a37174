// A recipe data set (`tessera dataset build`) as the models read it: per design the AIG graph the
// recipes started from, its start point, and per recipe the operation ids and the labels.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError, contentHash } from '../../../util/index.ts';
import { readAiger } from '../../../eda/aig/index.ts';
import { readDatasetRecords, type DesignQorStats } from '../../../eda/dataset/index.ts';
import { RECIPE_OPERATIONS } from '../../../eda/synth/recipes/index.ts';
import { aigGraph, type AigGraph } from './aig-graph.ts';
import type { QorLabels, Start } from './targets.ts';

export interface LsoRun {
  /** Operation ids (indices into RECIPE_OPERATIONS). */
  readonly ops: Int32Array;
  readonly labels: QorLabels;
}

export interface LsoDesign {
  readonly id: string;
  readonly corpus: string;
  readonly graph: AigGraph;
  readonly start: Start;
  readonly runs: readonly LsoRun[];
  readonly qorStats: DesignQorStats;
}

export function opIds(recipe: readonly string[], where: string): Int32Array {
  return Int32Array.from(recipe, (op) => {
    const i = (RECIPE_OPERATIONS as readonly string[]).indexOf(op);
    if (i < 0) throw new UserError(`recipe operation '${op}' is not one of ${RECIPE_OPERATIONS.join(', ')}`, where);
    return i;
  });
}

/**
 * Reads the designs with trajectories and mapped labels (failed designs and designs without a stored
 * AIG are left out and listed). `hash` identifies the data (labels and AIGs).
 */
export function loadRecipeDataset(path: string): { designs: LsoDesign[]; leftOut: { id: string; why: string }[]; hash: string } {
  const designs: LsoDesign[] = [];
  const leftOut: { id: string; why: string }[] = [];
  const hashParts: unknown[] = [];
  for (const r of readDatasetRecords(path)) {
    if (r.status !== 'ok' || !r.trajectories?.length || !r.aig?.file) {
      leftOut.push({ id: r.id, why: r.status !== 'ok' ? (r.error ?? 'failed') : 'no trajectories or no stored AIG' });
      continue;
    }
    if (r.trajectories.some((t) => !t.mapped)) {
      leftOut.push({ id: r.id, why: 'built without --liberty: no mapped area and delay' });
      continue;
    }
    const file = resolve(dirname(path), r.aig.file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new UserError(`the AIG of ${r.id} is missing: ${file}`, path, 'keep the FILE.aigs/ folder beside the data set (rebuild without --no-aigs)');
    }
    const graph = aigGraph(readAiger(bytes, file));
    const start = r.trajectories[0].steps[0];
    const runs = r.trajectories.map((t) => ({ ops: opIds(t.recipe, path), labels: { steps: t.steps.slice(1), area: t.mapped!.area, delayPs: t.mapped!.delayPs } }));
    designs.push({ id: r.id, corpus: r.corpus, graph, start, runs, qorStats: r.qorStats ?? {} });
    hashParts.push(r.id, r.trajectories, contentHash(bytes));
  }
  return { designs, leftOut, hash: contentHash(hashParts).slice(0, 16) };
}
