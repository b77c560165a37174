import { defineCommand } from '../command.ts';
import { UserError, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import { CORPUS_PRESETS, buildDataset, corpusDesigns, type DesignSource } from '../../eda/dataset/index.ts';
import { DEFAULT_LIBRARY, LIBRARY_HELP, libraryFile, yosysBackends, type YosysBackend } from '../../eda/synth/index.ts';
import { generatedDesigns, namedGeneratedDesigns } from './dataset-generated.ts';
import { QueueClient, redisTarget } from '../../queue/index.ts';
import { queuedDesignExecutor } from '../queue-jobs.ts';
import { buildVeridistillData, labelSummary } from './veridistill-dataset.ts';
import { DEFAULT_SYNTHETIC } from './veridistill-corpus.ts';

export default defineCommand({
  path: ['dataset', 'build'],
  summary: 'build a QoR data set: Yosys synthesis + N random ABC recipe trajectories per design (JSON Lines)',
  details: `Corpus presets: ${Object.keys(CORPUS_PRESETS).join(', ')}, full (all but tiny), recipes (the
many-recipe set: designs of a few hundred to ~15k AND nodes from each corpus); veridistill (the
VeriDistill data set: the shared RTL corpora with every module and parameter sweeps, generated MixPE
PEs and arrays, synthetic RTL; each design mapped by the pinned labelling flow, its area, delay and
netlist graph per line, for 'tessera train veridistill --data'; cache shared with that command); or a folder of
.v/.sv/.blif/.aig/.aag files (one design per file), e.g. PE/array variants written by hdl-gen;
several comma-separated (--corpus epfl,generated-pes/). Every design is synthesized once; each recipe (20
operations from balance, rewrite, rewrite -z, refactor, refactor -z, resub, resub -z) records AIG nodes
and levels after every step, the LUT-6 count and depth, and with --liberty the mapped area and delay.
Finished designs are cached by content hash: rerunning after Ctrl-C or a crash resumes, and the output
is written once, atomically, in corpus order. Designs Yosys rejects become 'failed' records with its message.
With --queue URL the designs run on 'tessera worker' processes anywhere that reaches the Redis server
(docs/scale-out.md); the output and the cache are the same as a local build's.
example: tessera dataset build --corpus iscas85 --recipes 4 --seed 1 --out iscas85.jsonl`,
  flags: [
    { name: 'corpus', kind: 'string', required: true, valueName: 'PRESET|DIR[,...]', help: 'corpus presets and/or folders of designs, comma-separated' },
    { name: 'recipes', kind: 'int', default: 4, valueName: 'N', help: 'random recipes per design' },
    { name: 'recipe-length', kind: 'int', default: 20, valueName: 'K', help: 'operations per recipe' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of the random recipes' },
    { name: 'out', kind: 'string', required: true, valueName: 'FILE', help: 'JSON Lines output (AIGs go to FILE.aigs/)' },
    { name: 'liberty', kind: 'string', default: DEFAULT_LIBRARY, valueName: 'LIB', help: `${LIBRARY_HELP}, or 'none' (no mapped area/delay)` },
    { name: 'yosys', kind: 'string', choices: yosysBackends, default: 'wasm', help: 'Yosys backend' },
    { name: 'workers', kind: 'int', default: 2, valueName: 'N', help: 'parallel workers (one per core)' },
    { name: 'limit', kind: 'int', default: 0, valueName: 'N', help: 'take only the first N designs of the corpus (0: all)' },
    { name: 'generated', kind: 'int', default: 0, valueName: 'N', help: 'add N generated PE-array variants from hdl-gen (PE kind x small array shape)' },
    { name: 'generated-variants', kind: 'string', valueName: 'LIST', help: 'add these generated variants, comma-separated PEKIND-RxC (e.g. int8-1x1,mixpe-w4a8-1x1)' },
    { name: 'timeout', kind: 'int', default: 0, valueName: 'SECONDS', help: 'per design: stop it after this long and record it as failed, uncached, so a rerun with more time retries it (0: no limit)' },
    { name: 'no-aigs', kind: 'boolean', help: 'do not write the synthesized AIGs beside the output' },
    { name: 'queue', kind: 'string', valueName: 'URL', help: "run the designs on a Redis queue (redis://host:port) served by 'tessera worker' processes instead of here" },
    { name: 'cached-only', kind: 'boolean', help: 'compute nothing: write only the designs a build (maybe still running) has finished' },
  ],
  async run(flags) {
    setInterruptNote(cachedWorkNote('designs', flags.corpus.trim() === 'veridistill' ? 'veridistill-labels' : 'dataset'));
    if (flags.recipes < 0) throw new UserError('must be 0 or more', '--recipes');
    // Each recipe is one synthesis trajectory per design, held in memory until the design is done.
    if (flags.recipes > 100_000) throw new UserError(`${flags.recipes} recipes per design is more than 100000`, '--recipes', 'OpenABC-D uses 1500; give at most 100000');
    if (flags['recipe-length'] < 1) throw new UserError('must be at least 1', '--recipe-length');
    if (flags['recipe-length'] > 1000) throw new UserError(`${flags['recipe-length']} steps per recipe is more than 1000`, '--recipe-length', 'OpenABC-D recipes have 20 steps; give at most 1000');
    if (flags.workers < 1) throw new UserError('must be at least 1', '--workers');
    if (flags.timeout < 0) throw new UserError('must be 0 (no limit) or more seconds', '--timeout');
    if (flags.corpus.trim() === 'veridistill') {
      if (flags.queue) throw new UserError('the veridistill corpus is labelled on this machine only', '--queue', 'leave out --queue');
      if (flags.liberty === 'none') throw new UserError('the veridistill labels need a cell library', '--liberty', "give 'sky130', 'nangate45' or a .lib file");
      const data = await buildVeridistillData({
        liberty: flags.liberty, backend: flags.yosys as YosysBackend, workers: flags.workers, timeoutSeconds: flags.timeout,
        cachedOnly: flags['cached-only'], synthetic: DEFAULT_SYNTHETIC, seed: flags.seed, generated: true, limit: flags.limit, out: flags.out,
      });
      console.log(`${flags.out}: ${labelSummary(data.records, data.failures, data.surplus)}\n(${data.seconds.toFixed(1)} s)`);
      return;
    }
    let designs: DesignSource[] = flags.corpus.split(',').flatMap((c) => corpusDesigns(c.trim()));
    if (flags.limit > 0) designs = designs.slice(0, flags.limit);
    if (flags.generated < 0) throw new UserError('must be 0 or more', '--generated');
    if (flags.generated > 0) designs = [...designs, ...generatedDesigns(flags.generated, flags.seed)];
    if (flags['generated-variants']) designs = [...designs, ...namedGeneratedDesigns(flags['generated-variants'].split(',').map((v) => v.trim()))];
    const liberty = flags.liberty === 'none' ? undefined : libraryFile(flags.liberty);
    const client = flags.queue ? await QueueClient.connect(redisTarget(flags.queue, '--queue'), '--queue') : undefined;
    const summary = await buildDataset({
      designs,
      recipes: flags.recipes,
      recipeLength: flags['recipe-length'],
      seed: flags.seed,
      out: flags.out,
      aigDir: flags['no-aigs'] ? false : undefined,
      liberty,
      backend: flags.yosys as YosysBackend,
      workers: flags.workers,
      timeoutSeconds: flags.timeout,
      cachedOnly: flags['cached-only'],
      ...(client ? { executor: async (yosys: string) => queuedDesignExecutor(client, yosys) } : {}),
    }).finally(() => client?.close());
    console.log(`${flags.out}: ${summary.records} records (${summary.ok} ok, ${summary.failed} failed; ${summary.cached} from cache${summary.missing ? `; ${summary.missing} not finished yet, left out` : ''}) in ${summary.seconds.toFixed(1)} s with yosys ${summary.yosys}`);
  },
});
