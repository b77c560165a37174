import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { UserError, writeFileAtomic, writeJsonAtomic, setInterruptNote } from '../../util/index.ts';
import { settingsHash } from '../../models/qor/lsoformer/index.ts';
import { DEFAULT_DATA, metricsMarkdown, parseMethods, parseSplits, resultsJson, runComparison, settingsFlags, settingsFrom, writeResultsJson } from './lso-common.ts';

export default defineCommand({
  path: ['lso', 'train'],
  summary: 'train LSOformer, its ablations and the OpenABC-D / LOSTIN baselines on a recipe data set; metrics per split',
  details: `Reads a data set from \`tessera dataset build\` (trajectories, mapped area/delay, stored AIGs) and trains
each method on each split: inductive (a random 20% of designs held out), epfl (the EPFL family held out)
and case1 (OpenABC-D's Case I: the first 80% of every design's recipes train, the rest test). Models go to
DIR/<split>/<method>/; a rerun reuses every model already trained on the same data with the same
settings (resume). DIR/metrics.json and DIR/README.md get the table; --ship copies the inductive
LSOformer with its README to a checkpoint folder (the one in the repository: models/qor/lsoformer/checkpoint).
example: tessera lso train --data ${DEFAULT_DATA} --out out/lso/models --report out/lso/report`,
  flags: [
    { name: 'data', kind: 'string', default: DEFAULT_DATA, valueName: 'FILE', help: 'recipe data set (JSON Lines from tessera dataset build, with its .aigs folder)' },
    { name: 'out', kind: 'string', default: 'out/lso/models', valueName: 'DIR', help: 'folder for the trained models and metrics' },
    { name: 'split', kind: 'string', default: 'all', valueName: 'NAMES', help: 'inductive, epfl, case1, comma-separated, or all' },
    { name: 'methods', kind: 'string', default: 'all', valueName: 'LIST', help: 'lsoformer, lsoformer-no-trajectory-loss, lsoformer-no-cross-attention, openabcd-gnn, lostin, or all' },
    ...settingsFlags,
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the metrics as JSON to OUT' },
    { name: 'report', kind: 'string', valueName: 'DIR', help: 'write DIR/index.html: per-step MAPE, predicted vs real trajectories, scatter plots' },
    { name: 'ship', kind: 'string', valueName: 'DIR', help: 'copy the inductive-split LSOformer (with README and metrics) to DIR' },
  ],
  async run(flags) {
    setInterruptNote(`models trained so far and the current one's last epoch are kept under ${flags.out}; rerun the same command to resume`);
    const settings = settingsFrom(flags);
    const splits = parseSplits(flags.split);
    if (flags.ship && !splits.includes('inductive')) throw new UserError('ships the inductive split\'s LSOformer: include inductive in --split', '--ship');
    const t0 = performance.now();
    const run = await runComparison({ data: flags.data, dir: flags.out, splits, methods: parseMethods(flags.methods), settings, train: true, report: flags.report });
    const seconds = (performance.now() - t0) / 1000;
    const command = `tessera lso train ${process.argv.slice(4).join(' ')}`.trim();
    const table = metricsMarkdown(run.results);
    const metrics = { command, dataHash: run.dataHash, data: flags.data, designs: run.designs.length, leftOut: run.leftOut, backend: run.backend, settings, settingsHash: settingsHash(settings), seconds, splits: resultsJson(run.results) };
    writeJsonAtomic(join(flags.out, 'metrics.json'), metrics);
    const readme = `# LSOformer and baselines\n\nWritten by \`${command}\` (seed ${settings.seed}, tfjs ${run.backend} backend, ${seconds.toFixed(0)} s).\n\n` +
      `- data: \`${flags.data}\`, ${run.designs.length} designs (data hash \`${run.dataHash}\`), ${run.leftOut.length} left out (listed in metrics.json)\n` +
      '- MAPE and R² on the labels\' own units (AND nodes, levels, µm², ps); NMSE: mean squared error of the per-design z-scores (OpenABC-D)\n\n' + table;
    writeFileAtomic(join(flags.out, 'README.md'), readme);
    console.log(table);
    if (flags.json) writeResultsJson(flags.json, run.results);
    if (flags.ship) {
      const from = join(flags.out, 'inductive', 'lsoformer');
      rmSync(flags.ship, { recursive: true, force: true });
      mkdirSync(flags.ship, { recursive: true });
      for (const f of ['checkpoint.json', 'weights.bin']) cpSync(join(from, f), join(flags.ship, f));
      writeJsonAtomic(join(flags.ship, 'metrics.json'), metrics);
      writeFileAtomic(join(flags.ship, 'README.md'), `${readme}\nThe weights here are the inductive split's LSOformer: trained on the split's training designs only, so the\nsplit's test designs (the recipe search's held-out designs) were never seen.\n`);
      console.log(`shipped the inductive LSOformer to ${flags.ship}`);
    }
  },
});
