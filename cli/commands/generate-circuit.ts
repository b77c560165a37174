import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { UserError, writeFileAtomic, writeJsonAtomic } from '../../util/index.ts';
import { aigStats, parseTruthHex, writeAag, writeVerilog, MAX_TRUTH_TABLE_INPUTS } from '../../eda/aig/index.ts';
import { selectBackend } from '../../models/common/index.ts';
import {
  ABC_FLOW, DiffusionModel, GUIDED_SAMPLER, abcCount, abcProvesEquivalent, canvasName, defaultCanvas, diffusionGenerator, findNativeAbc, generateCircuit,
  shippedModelDir, type CanvasSource, type Generator, type SettingName,
} from '../../models/gen/seadag/index.ts';

export default defineCommand({
  path: ['generate', 'circuit'],
  summary: 'generate an AIG for a truth table with SeaDAG; writes it only when it is proven exact (else exit 1)',
  details: `HEX is read as ABC's read_truth reads it: most significant digit first; bit k is the output for the input
assignment whose bit i is input i; input i is the i-th primary input of the written circuit. Give one HEX per
output, comma-separated, in output order (2^N/4 digits each, one digit for N < 3).
Outputs that are constants or single inputs are wired directly; the others go to the trained model of the
smallest setting that holds the inputs they use (one output: 4x1 or 6x1; two outputs: 8x2). --samples circuits
are drawn with the guided sampler and each is checked by exhaustive simulation; the exact one with the fewest
ANDs is written. If none is exact the command says so, writes no circuit and exits 1. With a native ABC
(yosys-abc) the written circuit is also checked with ABC's cec, and abcAnds is ABC's count (${ABC_FLOW}).
examples: tessera generate circuit --truth-table e8 --inputs 3 --out maj.aag
          tessera generate circuit --truth-table 8000,fffe --inputs 4 --out f.v --json f.json`,
  flags: [
    { name: 'truth-table', kind: 'string', required: true, valueName: 'HEX[,HEX...]', help: 'one hex truth table per output, comma-separated' },
    { name: 'inputs', kind: 'int', required: true, valueName: 'N', help: `number of inputs (at most ${MAX_TRUTH_TABLE_INPUTS})` },
    { name: 'samples', kind: 'int', default: 16, valueName: 'K', help: 'circuits to draw; the checker picks the exact one with the fewest ANDs' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of the sampler' },
    { name: 'out', kind: 'string', valueName: 'FILE.aag|FILE.v', help: 'write the circuit as ASCII AIGER or structural Verilog (only when exact)' },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write {inputs, outputs, valid, exact, ands, levels, samples, abcAnds, ...} as JSON' },
    { name: 'model', kind: 'string', valueName: 'DIR', help: 'a checkpoint folder holding <setting>/seadag/ (default: the shipped one)' },
    { name: 'canvas-neighbours', kind: 'int', valueName: 'K', help: "draw each sample's canvas from the level widths of the K training graphs nearest to the function by an NPN-invariant signature; 0: from all training graphs (default: the model's default, docs/seadag.md)" },
  ],
  async run(flags) {
    const n = flags.inputs;
    if (n < 1 || n > MAX_TRUTH_TABLE_INPUTS) throw new UserError(`expected 1 to ${MAX_TRUTH_TABLE_INPUTS} inputs, got ${n}`, '--inputs', `truth tables of more than ${MAX_TRUTH_TABLE_INPUTS} inputs are not taken; N inputs need 2^N / 4 hex digits per output, e.g. --inputs 4 --truth-table 8000`);
    if (flags.samples < 1) throw new UserError('must be at least 1', '--samples');
    const neighbours = flags['canvas-neighbours'];
    if (neighbours !== undefined && neighbours < 0) throw new UserError('must be 0 (the training prior) or more', '--canvas-neighbours');
    if (flags.out && !/\.(aag|v)$/.test(flags.out)) throw new UserError(`'${flags.out}' ends neither in .aag nor in .v`, '--out', 'name the file FILE.aag (ASCII AIGER) or FILE.v (structural Verilog)');
    const hexes = flags['truth-table'].split(',');
    const fn = { inputs: n, tables: hexes.map((h) => parseTruthHex(h, n, '--truth-table')) };
    const root = flags.model ?? shippedModelDir();
    const models = new Map<SettingName, Generator>();
    let canvas: CanvasSource | undefined;
    const generatorFor = (setting: SettingName): Generator => {
      const dir = join(root, setting, 'seadag');
      if (!existsSync(join(dir, 'checkpoint.json'))) throw new UserError(`no ${setting} model in ${root}`, '--model', `train one with 'tessera seadag train --setting ${setting} --method seadag --out ${dir}'`);
      let g = models.get(setting);
      if (!g) {
        const model = DiffusionModel.load(dir);
        if (neighbours && !model.config.prior.bySignature) throw new UserError(`the ${setting} model in ${dir} has no signature index for the conditioned canvas prior`, '--canvas-neighbours', 'pass --canvas-neighbours 0 or leave the flag out');
        canvas = neighbours === undefined ? defaultCanvas(model) : neighbours === 0 ? { kind: 'prior' } : { kind: 'neighbours', k: neighbours };
        models.set(setting, (g = diffusionGenerator('seadag', model, GUIDED_SAMPLER, canvas)));
      }
      return g;
    };
    await selectBackend(() => {});
    const t0 = performance.now();
    const result = generateCircuit(fn, { samples: flags.samples, seed: flags.seed, generatorFor });
    const seconds = (performance.now() - t0) / 1000;
    const stats = aigStats(result.aig);
    const abc = findNativeAbc();
    const abcCec = result.exact && abc ? await abcProvesEquivalent(fn, result.aig, abc) : undefined;
    if (abcCec === false) throw new Error('ABC cec rejects a circuit our exhaustive check proved exact: a bug, please report it');
    const reference = await abcCount(fn).catch(() => undefined);
    const json = {
      inputs: n,
      outputs: fn.tables.length,
      truthTables: hexes.map((h) => h.trim().toLowerCase().replace(/^0x/, '')),
      valid: true,
      exact: result.exact,
      ands: result.exact ? stats.ands : null,
      levels: result.exact ? stats.levels : null,
      bitAccuracy: result.bitAccuracy,
      samples: result.samples,
      exactSamples: result.exactSamples,
      setting: result.setting ?? null,
      canvas: canvas ? canvasName(canvas) : null,
      proof: result.exact ? result.proof : null,
      abcCec: abcCec === undefined ? null : 'equivalent',
      abcAnds: reference?.ands ?? null,
      abcLevels: reference?.levels ?? null,
      abcFlow: reference ? `${ABC_FLOW} (${reference.backend})` : null,
      seed: flags.seed,
      seconds: +seconds.toFixed(2),
      out: result.exact ? (flags.out ?? null) : null,
    };
    if (result.exact && flags.out) writeFileAtomic(flags.out, flags.out.endsWith('.v') ? writeVerilog(result.aig, 'seadag') : writeAag(result.aig));
    if (flags.json) writeJsonAtomic(flags.json, json);
    const abcText = reference ? `; ABC ${reference.ands} ANDs, ${reference.levels} levels` : '';
    if (!result.exact) {
      console.log(`no exact circuit among ${result.samples} samples (best: ${(100 * result.bitAccuracy).toFixed(2)}% of output bits right${abcText}); nothing written`);
      return 1;
    }
    const drawn = result.samples > 0 ? `${result.exactSamples} of ${result.samples} samples exact` : 'constants and inputs wired directly, no model needed';
    console.log(`exact: ${stats.ands} ANDs, ${stats.levels} levels (${drawn}; proven by ${result.proof}${abcCec ? ' and ABC cec' : ''}${abcText})${flags.out ? `; wrote ${flags.out}` : ''}`);
    return 0;
  },
});
