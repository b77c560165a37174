import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineCommand } from '../command.ts';
import { UserError, writeJsonAtomic, writeFileAtomic, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import { parseCircuit, writeAag } from '../../eda/aig/index.ts';
import { readDatasetRecords } from '../../eda/dataset/index.ts';
import { yosysBackends, type YosysBackend } from '../../eda/synth/index.ts';
import { aigBytes, runRecipes, shortName, type RecipeOperation } from '../../eda/synth/recipes/index.ts';
import { selectBackend } from '../../models/common/index.ts';
import { inductiveTestIds, loadModel, randomSearchOdds, shippedCheckpointDir, type SearchResult, searchRecipe } from '../../models/qor/lsoformer/index.ts';
import { DEFAULT_DATA } from './lso-common.ts';

/** The AIG of a design file: synthesized by Yosys as the data set's designs are. */
async function designAig(file: string, top: string | undefined, backend: YosysBackend): Promise<Uint8Array> {
  const name = file.replace(/^.*\//, '');
  let sources: Record<string, string>;
  if (/\.(aig|aag|blif|bench)(\.gz)?$/i.test(name)) sources = { [name.replace(/\.[^.]+(\.gz)?$/i, '.aag').replace(/[^\w.-]/g, '_')]: writeAag(parseCircuit(readFileSync(file), file)) };
  else if (/\.s?v$/i.test(name)) sources = { [name]: readFileSync(file, 'utf8') };
  else throw new UserError(`unknown design file type: ${file}`, file, 'give a .v, .sv, .blif, .bench, .aig or .aag file');
  const run = await runRecipes({ sources, top, recipes: [], writeAig: true, backend });
  return aigBytes(run.aag!);
}

const replay = (recipe: readonly string[]) => `strash; ${recipe.join('; ')}; print_stats`;

export default defineCommand({
  path: ['recipe', 'search'],
  summary: 'search an ABC recipe with few AND nodes: LSOformer ranks candidates, ABC runs the best K; vs resyn2, compress2rs, random search',
  positionals: '[FILE]',
  details: `Synthesizes FILE with Yosys into an AIG (as the data set's designs are), scores --candidates recipes of 20
operations per round with the predictor (random ones, then mutations and crossovers of the best), runs the
best --abc-runs of them in ABC in two rounds (the second mutates around what ABC measured), and reports the
best real node count beside ABC's resyn2 and compress2rs and a random search with the same number of ABC runs.
The recipe is printed so it can be replayed: yosys-abc -c "read design.aig; strash; <recipe>; print_stats"
(--write-aig keeps the AIG). With --held-out (no FILE) it searches every held-out design of the data set
(the inductive split's test designs, never trained on) and reports the win rates.
example: tessera recipe search design.v --abc-runs 20 --json out/search.json --write-aig out/design.aig`,
  flags: [
    { name: 'top', kind: 'string', valueName: 'X', help: 'top module (Verilog); default: Yosys picks it' },
    { name: 'candidates', kind: 'int', default: 2000, valueName: 'N', help: 'candidate recipes scored by the predictor per generation' },
    { name: 'abc-runs', kind: 'int', default: 20, valueName: 'K', help: 'recipes run in ABC (the search budget; random search gets the same)' },
    { name: 'model', kind: 'string', valueName: 'DIR', help: 'predictor checkpoint (default: the shipped LSOformer)' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of the candidates and of the random search' },
    { name: 'yosys', kind: 'string', choices: yosysBackends, default: 'wasm', help: 'Yosys/ABC backend (native replays exactly in yosys-abc)' },
    { name: 'write-aig', kind: 'string', valueName: 'FILE', help: 'write the synthesized AIG the recipes start from' },
    { name: 'held-out', kind: 'boolean', help: 'search every held-out design of --data and report win rates' },
    { name: 'data', kind: 'string', default: DEFAULT_DATA, valueName: 'FILE', help: 'with --held-out: the recipe data set the model was trained on' },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the result as JSON to OUT' },
  ],
  async run(flags, positionals) {
    setInterruptNote(cachedWorkNote('ABC recipe runs', 'recipes'));
    if (flags['abc-runs'] < 2) throw new UserError('must be at least 2', '--abc-runs');
    if (flags.candidates < 1) throw new UserError('must be at least 1', '--candidates');
    if (flags['held-out'] === (positionals.length === 1)) throw new UserError('give one design FILE, or --held-out without a FILE', positionals.length > 1 ? positionals[1] : 'FILE');
    await selectBackend(() => {});
    const model = loadModel(flags.model ?? shippedCheckpointDir());
    const backend = flags.yosys as YosysBackend;
    const options = { model, candidates: flags.candidates, abcRuns: flags['abc-runs'], length: model.config.maxSteps, seed: flags.seed, backend };
    if (!flags['held-out']) {
      const aig = await designAig(positionals[0], flags.top, backend);
      if (flags['write-aig']) writeFileAtomic(flags['write-aig'], aig);
      const r = await searchRecipe({ ...options, aig });
      console.log(`start: ${r.start.nodes} AND nodes, ${r.start.levels} levels`);
      console.log(`best of ${r.abcRuns} ABC runs (${r.candidatesScored} recipes scored): ${r.best.nodes} nodes, ${r.best.levels} levels (predicted ${r.best.predictedNodes.toFixed(0)})`);
      console.log(`  recipe: ${r.best.recipe.map((op) => shortName(op as RecipeOperation)).join('; ')}`);
      console.log(`  replay: yosys-abc -c "read ${flags['write-aig'] ?? 'design.aig'}; ${replay(r.best.recipe)}"`);
      console.log(`resyn2: ${r.resyn2.nodes} nodes; compress2rs: ${r.compress2rs.nodes} nodes; random search (${flags['abc-runs']} runs): ${r.randomSearch.nodes} nodes`);
      if (flags.json) writeJsonAtomic(flags.json, r);
      return;
    }
    const records = readDatasetRecords(flags.data).filter((x) => x.status === 'ok' && x.aig?.file);
    const trained = new Set(model.meta.trainDesigns);
    const heldOut = inductiveTestIds(records, model.meta.seed);
    const designs = records.filter((x) => heldOut.has(x.id) && !trained.has(x.id));
    const results: (SearchResult & { id: string; randomOdds?: ReturnType<typeof randomSearchOdds> })[] = [];
    for (const rec of designs) {
      const aig = readFileSync(resolve(dirname(flags.data), rec.aig!.file!));
      const r = await searchRecipe({ ...options, aig });
      // Random search exactly, over the design's data-set recipes (same distribution, same AIG, same ABC).
      const finals = (rec.trajectories ?? []).map((t) => t.steps[t.steps.length - 1].nodes);
      const randomOdds = finals.length >= flags['abc-runs'] ? randomSearchOdds(finals, flags['abc-runs'], r.best.nodes) : undefined;
      results.push({ id: rec.id, ...r, ...(randomOdds ? { randomOdds } : {}) });
      const odds = randomOdds ? `; random expected ${randomOdds.expectedBest.toFixed(1)} (search better with chance ${randomOdds.pBetter.toFixed(2)}, tie ${randomOdds.pTie.toFixed(2)})` : '';
      console.log(`${rec.id}: start ${r.start.nodes}; search ${r.best.nodes}; random ${r.randomSearch.nodes}${odds}; resyn2 ${r.resyn2.nodes}; compress2rs ${r.compress2rs.nodes}`);
    }
    const rate = (f: (r: SearchResult) => boolean) => results.filter(f).length / Math.max(1, results.length);
    const summary = {
      designs: results.length,
      winRateVsRandom: rate((r) => r.best.nodes < r.randomSearch.nodes),
      tieRateVsRandom: rate((r) => r.best.nodes === r.randomSearch.nodes),
      winRateVsResyn2: rate((r) => r.best.nodes < r.resyn2.nodes),
      winRateVsCompress2rs: rate((r) => r.best.nodes < r.compress2rs.nodes),
      /** The win rate against random search in expectation over its draws (from each design's data-set recipes). */
      expectedWinRateVsRandom: results.every((r) => r.randomOdds) ? results.reduce((a, r) => a + r.randomOdds!.pBetter, 0) / Math.max(1, results.length) : null,
      abcRuns: flags['abc-runs'],
      results,
    };
    console.log(`${results.length} held-out designs: fewer nodes than random search on ${(100 * summary.winRateVsRandom).toFixed(0)}% (ties ${(100 * summary.tieRateVsRandom).toFixed(0)}%), than resyn2 on ${(100 * summary.winRateVsResyn2).toFixed(0)}%, than compress2rs on ${(100 * summary.winRateVsCompress2rs).toFixed(0)}%${summary.expectedWinRateVsRandom !== null ? `; expected win rate over random search's draws ${(100 * summary.expectedWinRateVsRandom).toFixed(0)}%` : ''}`);
    if (flags.json) writeJsonAtomic(flags.json, summary);
  },
});
