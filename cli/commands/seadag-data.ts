import { defineCommand } from '../command.ts';
import { UserError, dataDir, writeJsonAtomic, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import {
  ABC_FLOW, DATA_PLANS, SETTING_NAMES, TEST_FRACTION, VAL_FRACTION, benchmarkCircuits, buildDataset, datasetHash, findNativeAbc, nativeAbcVersion,
  writeDataset, type SettingName,
} from '../../models/gen/seadag/index.ts';

export default defineCommand({
  path: ['seadag', 'data'],
  summary: 'build SeaDAG truth-table -> AIG pairs (random AIGs, benchmark cuts, PLA outputs; ABC targets) with NPN-disjoint splits',
  details: `Functions come from random small AIGs, from k-input cuts and outputs of the EPFL, ISCAS85/89 and
LGSynth'91/MCNC circuits (BLIF and PLA) in the shared data, and at 4x1 one function of every NPN class
(208 use all 4 inputs), deduplicated; each gets ABC's implementation
(${ABC_FLOW}). NPN classes (exact up to 4 inputs, an NPN-invariant signature beyond) are split by a hash:
${TEST_FRACTION * 100}% test, ${VAL_FRACTION * 100}% validation, the rest training, so no held-out function has an
NPN-equivalent function in training. Training adds random NPN variants of training functions.
ABC runs are cached by content: rerunning after an interruption resumes.
example: tessera seadag data --setting 4x1 --out out/seadag/4x1.jsonl`,
  flags: [
    { name: 'setting', kind: 'string', choices: SETTING_NAMES, required: true, help: 'inputs x outputs' },
    { name: 'out', kind: 'string', required: true, valueName: 'FILE', help: 'JSON Lines output (one pair per line)' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of the sampling of functions and variants' },
    { name: 'scale', kind: 'number', default: 1, valueName: 'X', help: 'multiply every count of the plan (e.g. 0.05 for a quick set)' },
    { name: 'no-circuits', kind: 'boolean', help: 'random AIG functions only (no benchmark data needed)' },
  ],
  async run(flags) {
    setInterruptNote(cachedWorkNote('ABC runs', 'seadag-abc-function'));
    const setting = flags.setting as SettingName;
    if (!(flags.scale > 0)) throw new UserError('must be more than 0', '--scale');
    const abc = findNativeAbc();
    if (!abc) throw new UserError('no native ABC found (yosys-abc or berkeley-abc)', '--setting', 'install yosys (`apt-get install yosys`), which ships yosys-abc');
    const base = DATA_PLANS[setting];
    const scale = (n: number) => Math.max(1, Math.round(n * flags.scale));
    const plan = { ...base, trainCount: scale(base.trainCount), valCount: scale(base.valCount), testCount: scale(base.testCount), randomCount: scale(base.randomCount), cutsPerCircuit: scale(base.cutsPerCircuit) };
    const log = (line: string) => process.stderr.write(`${line}\n`);
    let circuits: ReturnType<typeof benchmarkCircuits> = [];
    if (!flags['no-circuits']) {
      const root = dataDir();
      if (!root) throw new UserError('the benchmark data folder was not found', 'TESSERA_DATA', 'set TESSERA_DATA, place shared/data beside the repository, or pass --no-circuits');
      circuits = benchmarkCircuits(root, log);
      log(`${circuits.length} benchmark circuits`);
    }
    const t0 = performance.now();
    const records = await buildDataset({ setting, plan, circuits, abc, abcVersion: nativeAbcVersion(abc), seed: flags.seed, log });
    writeDataset(flags.out, records);
    const count = (s: string) => records.filter((r) => r.split === s).length;
    const summary = {
      setting, out: flags.out, hash: datasetHash(records), abcFlow: ABC_FLOW, seed: flags.seed, scale: flags.scale, seconds: Math.round((performance.now() - t0) / 1000),
      pairs: { train: count('train'), val: count('val'), test: count('test') },
      classes: Object.fromEntries(['train', 'val', 'test'].map((s) => [s, new Set(records.filter((r) => r.split === s).map((r) => r.classKey)).size])),
      sources: Object.fromEntries([...new Set(records.map((r) => r.source.split(':')[0]))].map((s) => [s, records.filter((r) => r.source.split(':')[0] === s).length])),
      meanAnds: Object.fromEntries(['train', 'val', 'test'].map((s) => [s, +(records.filter((r) => r.split === s).reduce((a, r) => a + r.ands, 0) / Math.max(1, count(s))).toFixed(2)])),
    };
    writeJsonAtomic(`${flags.out}.summary.json`, summary);
    console.log(JSON.stringify(summary, null, 2));
  },
});
