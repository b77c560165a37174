import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { commandLine } from './seadag-command-line.ts';
import { UserError, writeJsonAtomic } from '../../util/index.ts';
import { loadCheckpoint, saveCheckpoint } from '../../models/common/index.ts';
import { datasetHash, readDataset, withSignatureIndex, type DiffusionConfig } from '../../models/gen/seadag/index.ts';

export default defineCommand({
  path: ['seadag', 'canvas-index'],
  summary: "add the function-conditioned canvas prior's signature index to a SeaDAG diffusion checkpoint written before it had one",
  details: `The conditioned canvas prior draws a sample's level widths from the training graphs whose functions are
nearest to the requested one by an NPN-invariant signature. Checkpoints trained since keep that index
(the training graphs' widths grouped by signature); this command adds it to an older one from its training
data set, which must be the one it was trained on: the training pairs' level widths are checked against the
profiles stored in the checkpoint, graph by graph. The weights are not changed; train.json records the command.
example: tessera seadag canvas-index --data out/seadag/4x1-v2.jsonl --model models/gen/seadag/checkpoints/4x1/seadag`,
  flags: [
    { name: 'data', kind: 'string', required: true, valueName: 'FILE', help: "the data set the checkpoint was trained on (from 'tessera seadag data')" },
    { name: 'model', kind: 'string', required: true, valueName: 'DIR', help: 'a diffusion checkpoint folder (seadag, uniform-timesteps or no-condition-loss)' },
  ],
  async run(flags) {
    const dir = flags.model;
    const { config, weights } = loadCheckpoint<DiffusionConfig>(dir);
    if (config.kind !== 'seadag-diffusion') throw new UserError(`${dir} holds a ${String(config.kind)} checkpoint, which has no canvas prior`, '--model', 'give a seadag, uniform-timesteps or no-condition-loss checkpoint folder');
    if (!existsSync(flags.data)) throw new UserError(`file not found: ${flags.data}`, '--data', "build it with 'tessera seadag data'");
    const records = readDataset(flags.data);
    const train = records.filter((r) => r.split === 'train' && r.setting === config.setting);
    const hash = datasetHash(records);
    const info = join(dir, 'train.json');
    const trained = existsSync(info) ? (JSON.parse(readFileSync(info, 'utf8')) as Record<string, unknown>) : undefined;
    const indexed = withSignatureIndex(config, train);
    if (!indexed) throw new UserError(`the ${train.length} training pairs' level widths are not the ${config.prior.profiles.length} profiles stored in the checkpoint`, '--data', 'pass the data set the checkpoint was trained on');
    saveCheckpoint(dir, indexed, weights);
    if (trained) writeJsonAtomic(info, { ...trained, canvasIndex: { command: commandLine('seadag canvas-index', flags), dataHash: hash, signatures: indexed.prior.bySignature!.length } });
    console.log(`${config.setting} ${config.variant}: ${indexed.prior.bySignature!.length} signatures over ${train.length} training graphs added to ${dir}`);
  },
});
