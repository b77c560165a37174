import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { UserError, writeFileAtomic, writeJsonAtomic, setInterruptNote } from '../../util/index.ts';
import { selectBackend } from '../../models/common/index.ts';
import { defaultSlackDataDir, defaultTrainSettings, readRecord, type NetGeometry, saveSlackModel, timingPredictDesigns, trainOnDataset } from '../../models/timing/e2eslack/index.ts';

export default defineCommand({
  path: ['slack', 'train'],
  summary: 'train the slack model (cell-arc and net-arc message functions) on the training designs of the data set',
  details: `Samples every cell arc and net arc of the 14 training designs at STA's own input slews (teacher
forcing), at most --max-rows of each kind per design; the last two training designs are held out for early
stopping. Writes checkpoint.json + weights.bin and a README.md with the command and the data hash. The
run's state is saved in OUT/train-state after every epoch and at Ctrl-C (exit 130, no checkpoint written): rerun the same command (the epoch count may
differ) to resume an interrupted run; the folder is removed once the checkpoint is written.
example: tessera slack train --data out/e2eslack-data --out models/timing/e2eslack/checkpoint`,
  flags: [
    { name: 'data', kind: 'string', default: defaultSlackDataDir, valueName: 'DIR', help: 'data-set folder (tessera slack dataset)' },
    { name: 'out', kind: 'string', default: 'out/e2eslack-model', valueName: 'DIR', help: 'checkpoint folder' },
    { name: 'epochs', kind: 'int', default: defaultTrainSettings.epochs, valueName: 'N', help: 'training epochs (early stopping on the held-out designs)' },
    { name: 'hidden', kind: 'int', default: defaultTrainSettings.hidden, valueName: 'N', help: 'hidden width of the message functions' },
    { name: 'max-rows', kind: 'int', default: 40000, valueName: 'N', help: 'cell-arc and net-arc samples per design' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of sampling, initialization and order' },
    { name: 'geometry', kind: 'string', default: defaultTrainSettings.geometry, choices: ['trunk', 'steiner'], valueName: 'G', help: "net features from a single-trunk tree per net at the pins' centres (O(pins)), or the routing estimate's Steiner trees at the pins' access points" },
  ],
  async run(flags) {
    setInterruptNote(`the state of the last finished epoch is kept in ${join(flags.out, 'train-state')}; rerun the same command to resume`);
    const backend = await selectBackend();
    const records = timingPredictDesigns().map((d) => readRecord(flags.data, d.name)).filter((r) => r !== undefined);
    const train = records.filter((r) => r.split === 'train');
    if (train.length < 3) throw new UserError(`${flags.data} holds ${train.length} training designs`, '--data', 'build the data set first: tessera slack dataset');
    const settings = { ...defaultTrainSettings, epochs: flags.epochs, hidden: flags.hidden, seed: flags.seed, geometry: flags.geometry as NetGeometry };
    const t0 = performance.now();
    const stateDir = join(flags.out, 'train-state');
    const { checkpoint, weights, history } = await trainOnDataset(flags.data, records, settings, flags['max-rows'], (name) => console.error(`samples of ${name}`), stateDir);
    const command = `tessera slack train --data ${flags.data} --out ${flags.out} --epochs ${flags.epochs} --hidden ${flags.hidden} --max-rows ${flags['max-rows']} --seed ${flags.seed} --geometry ${flags.geometry}`;
    saveSlackModel(flags.out, { ...checkpoint, command }, weights);
    const seconds = (performance.now() - t0) / 1000;
    writeJsonAtomic(join(flags.out, 'training.json'), { backend: backend.name, seconds, ...checkpoint.history, samples: checkpoint.samples });
    writeFileAtomic(join(flags.out, 'README.md'), [
      '# E2ESlack message functions', '',
      `Made by: \`${command}\``, '',
      `Training designs: ${checkpoint.trainDesigns.join(', ')}; early stopping on ${checkpoint.validationDesigns.join(', ')}.`,
      `Data hash (training designs' record keys): ${checkpoint.dataHash}`,
      `Samples: ${checkpoint.samples.cell} cell arcs, ${checkpoint.samples.net} net arcs; best epoch ${history.bestEpoch + 1} of ${history.trainLoss.length}; validation loss ${history.validationLoss[history.bestEpoch]?.toFixed(4)}.`,
      `Trained in ${seconds.toFixed(0)} s on the ${backend.name} backend. Test metrics: \`tessera slack eval\` (docs/e2eslack.md).`, '',
    ].join('\n'));
    rmSync(stateDir, { recursive: true, force: true });
    console.log(`trained on ${checkpoint.trainDesigns.length} designs (${checkpoint.samples.cell} cell / ${checkpoint.samples.net} net samples) in ${seconds.toFixed(0)} s; best epoch ${history.bestEpoch + 1}, validation loss ${history.validationLoss[history.bestEpoch]?.toFixed(4)}; wrote ${flags.out}`);
  },
});
