import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { ArrayBackend, backendFromFlags, selectBackend } from '../../models/common/index.ts';
import { profilePhase } from '../../models/llm/index.ts';
import { CERTIFY_METHODS, certifySentences, type CertifyMethod } from '../../models/llm/robust/index.ts';
import { buildDefaultTaskModels, Classifier, DEFAULT_TASK_MODELS, encodeTexts, loadTask, readTaskModel } from '../../models/llm/tasks/index.ts';
import { UserError, writeFileAtomic, writeJsonAtomic } from '../../util/index.ts';
import { renderReport } from '../report/html-report.ts';
import { withStopSignal } from '../stop-signal.ts';
import { arrayFlags } from './llm-flags.ts';
import { taskBuildContext, taskDataFlag } from './llm-finetune-context.ts';

export default defineCommand({
  path: ['llm', 'certify'],
  summary: 'certified robustness of the SST-2 classifier by masking smoothing: FRS (MCTS fuzzing + targeted masking) or uniform masking (RanMASK-like); certified accuracy by radius, array cost',
  details: `Each test sentence (a seeded sample of SST-2's test set) is certified by Monte Carlo: masked copies
(a masked word is dropped) vote, a Clopper-Pearson lower bound on the top class's share gives the
certified Hamming radius in words (the product of the r smallest masking probabilities bounds how
far r changed words can move the vote). 'ranmask' masks every word with --rate; 'frs' first runs
Monte Carlo tree search over word edits (delete, mask, swap) to find the --targeted words the
prediction is most sensitive to and masks those with --targeted-rate. The array cost is the forward
passes per sentence times one prediction's cycles and energy (blocks only; the LM head is unused).
The model defaults to the default set's SST-2 model (built first when missing).
example: tessera llm certify --method frs --samples 100 --sentences 20 --json out/frs.json`,
  flags: [
    { name: 'method', kind: 'string', required: true, choices: [...CERTIFY_METHODS], help: 'smoothing method' },
    { name: 'model', kind: 'string', valueName: 'DIR', help: 'an SST-2 task model from `llm finetune` (default: the default set\'s)' },
    taskDataFlag,
    { name: 'samples', kind: 'int', default: 100, valueName: 'N', help: 'masked copies for the bound (after 10 that pick the class)' },
    { name: 'sentences', kind: 'int', default: 20, valueName: 'K', help: 'test sentences certified' },
    { name: 'rate', kind: 'number', default: 0.3, valueName: 'Q', help: 'masking probability of a word' },
    { name: 'targeted-rate', kind: 'number', default: 0.6, valueName: 'Q', help: 'FRS: masking probability of the targeted words' },
    { name: 'targeted', kind: 'int', default: 2, valueName: 'K', help: 'FRS: how many of the most sensitive words are targeted' },
    { name: 'fuzz', kind: 'int', default: 40, valueName: 'N', help: 'FRS: tree-search iterations per sentence' },
    { name: 'alpha', kind: 'number', default: 0.05, valueName: 'A', help: 'the bound holds with probability 1 - alpha' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of the sentences, the masks and the search' },
    ...arrayFlags.map((f) => (f.name === 'on' ? { ...f, default: 'mixpe-w4a8' } : f)),
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the results as JSON' },
    { name: 'report', kind: 'string', valueName: 'DIR', help: 'write index.html (certified accuracy by radius) here' },
  ],
  async run(flags) {
    for (const [v, f] of [[flags.samples, '--samples'], [flags.sentences, '--sentences'], [flags.targeted, '--targeted'], [flags.fuzz, '--fuzz']] as const) if (!(v >= 1)) throw new UserError(`must be at least 1, got ${v}`, f);
    for (const [v, f] of [[flags.rate, '--rate'], [flags['targeted-rate'], '--targeted-rate'], [flags.alpha, '--alpha']] as const) if (!(v > 0 && v < 1)) throw new UserError(`must be between 0 and 1, got ${v}`, f);
    const be = backendFromFlags({ on: flags.on, array: flags.array, group: flags.group, scheme: flags.scheme, products: flags.products, check: flags.check });
    if (!(be instanceof ArrayBackend)) throw new UserError('the array cost needs a PE kind', '--on', 'give e.g. --on mixpe-w4a8');
    await selectBackend();
    return withStopSignal(async (stop) => {
      const ctx = taskBuildContext(flags.data, stop);
      let dir = flags.model;
      if (!dir) {
        const dirs = await buildDefaultTaskModels(ctx, (l) => console.log(l), DEFAULT_TASK_MODELS.filter((s) => s.name === 'sst2'));
        if (!dirs) { console.error('stopped; rerun the same command to resume'); return 130; }
        dir = dirs.get('sst2')!;
      }
      const m = readTaskModel(dir, '--model');
      if (m.task !== 'sst2') throw new UserError(`${dir} is a '${m.task}' model`, '--model', 'give an SST-2 model');
      const test = loadTask('sst2', ctx.dataRoot).test.slice(0, flags.sentences);
      const clf = new Classifier(m.weights, m.head.classes, 1, m.head);
      const method = flags.method as CertifyMethod;
      const r = certifySentences(clf, m.tokenizer, test, {
        method, rate: flags.rate, targetedRate: flags['targeted-rate'], targeted: flags.targeted, n0: 10, samples: flags.samples, alpha: flags.alpha,
        fuzzIterations: flags.fuzz, maxTokens: m.maxTokens, seed: flags.seed,
      }, (i) => process.stderr.write(`certified ${i + 1}/${test.length}\r`));
      clf.dispose();
      // One prediction on the array: a prefill of the sentence's tokens through the blocks (the LM head is not used).
      const tokens = Math.round(test.reduce((s, e) => s + encodeTexts(m.tokenizer, [e.text], m.maxTokens).cols, 0) / test.length);
      const p = profilePhase(m.weights.config, be, 'prefill', tokens);
      const blocks = p.byLayer.filter((l) => l.layer >= 0);
      const plain = { cycles: tokens * blocks.reduce((s, l) => s + l.cost.cycles, 0), energyJ: tokens * blocks.reduce((s, l) => s + l.cost.energyJ.total, 0) };
      const array = { backend: be.description, tokensPerSentence: tokens, plain, certification: { forwardPasses: r.forwardPassesPerSentence, cycles: plain.cycles * r.forwardPassesPerSentence, energyJ: plain.energyJ * r.forwardPassesPerSentence } };
      console.log(`${method}: plain accuracy ${(100 * r.plainAccuracy).toFixed(1)}%, smoothed (clean) ${(100 * r.cleanAccuracy).toFixed(1)}% on ${test.length} sentences`);
      console.log(`certified accuracy by radius: ${r.certified.map((c) => `r=${c.radius} ${(100 * c.accuracy).toFixed(1)}%`).join(', ')}`);
      console.log(`array (${array.backend}): ${r.forwardPassesPerSentence} forward passes per sentence, ${(array.certification.cycles / 1e6).toFixed(2)} M cycles and ${(array.certification.energyJ * 1e6).toFixed(2)} uJ vs ${(plain.cycles / 1e3).toFixed(1)} k cycles and ${(plain.energyJ * 1e6).toFixed(3)} uJ for one prediction`);
      const { sentences, ...summary } = r;
      const result = { ...summary, attackSuccessRate: null, model: dir, sentencesCertified: test.length, samples: flags.samples, alpha: flags.alpha, array, perSentence: sentences };
      if (flags.json) writeJsonAtomic(flags.json, result);
      if (flags.report) {
        writeFileAtomic(join(flags.report, 'index.html'), renderReport(`Certification (${method})`, [{
          heading: 'Certified accuracy by Hamming radius (words)',
          table: { columns: ['radius', 'certified accuracy %'], rows: r.certified.map((c) => [c.radius, (100 * c.accuracy).toFixed(1)]) },
          charts: [{ title: 'Certified accuracy', data: [{ type: 'scatter', mode: 'lines+markers', x: r.certified.map((c) => c.radius), y: r.certified.map((c) => 100 * c.accuracy) }], layout: { xaxis: { title: 'radius (words)' }, yaxis: { title: 'certified accuracy %' } } }],
        }]));
      }
      return 0;
    });
  },
});
