import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { selectBackend } from '../../models/common/index.ts';
import { ArrayBackend, backendFromFlags } from '../../models/common/gemm/index.ts';
import { profilePhase } from '../../models/llm/index.ts';
import {
  buildBackdooredClassifier, buildMaskedClassifier, CERTIFY_MASK_RATE, CERTIFY_METHODS, certifySentences, DEFAULT_BACKDOOR, evaluateAttack, frequentWords, sampleRange, triggeredExamples, type CertifyMethod, type CertifyOptions, type SampleRange,
} from '../../models/llm/robust/index.ts';
import { argmax, buildDefaultTaskModels, DEFAULT_TASK_MODELS, encodeTexts, labelScoring, loadTask, predictTexts, readTaskModel, taskClassifier, TEST_CAP, type Classifier, type TaskModel } from '../../models/llm/tasks/index.ts';
import { UserError, writeFileAtomic, writeJsonAtomic, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import { renderReport } from '../report/html-report.ts';
import { withStopSignal } from '../stop-signal.ts';
import { costArrayFlags } from './llm-flags.ts';
import { taskBuildContext, taskDataFlag } from './llm-finetune-context.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export default defineCommand({
  path: ['certify'],
  summary: 'FRS vs RanMASK and random edits on the backdoored SST-2 classifier: certified accuracy by radius, attack success rate, array cost',
  details: `The victim is the SST-2 classifier fine-tuned on clean data from a copy of the language model
with a backdoor planted in continued pre-training (trigger words tied to fixed representations; built
first when missing, see \`llm finetune --tasks default\`); the model smoothed is, as in RanMASK and
RS-Del, the victim fine-tuned further on masked copies (each word dropped with probability ${CERTIFY_MASK_RATE}).
The attacker's trigger is the one that moves most of the victim's dev negatives to positive; the attack
success rate is the share of test negatives with the trigger in front called positive: by the victim
(undefended) and by the smoothed model's vote (defended).
Each sentence is certified by Monte Carlo: smoothed copies vote, a Clopper-Pearson lower bound on
the top class's share gives the certified radius in words (the clean accuracy is the vote's, which
never abstains; certified accuracy at radius 0 counts abstentions as wrong), for substitutions (Hamming) and for
insertions, deletions and substitutions (edit distance). 'ranmask' drops every word with --rate;
'random-edit' edits every word with --rate (dropped, or replaced by a frequent SST-2 word, half and
half); 'frs' first runs Monte Carlo tree search over word edits (delete, mask, swap) to find the
--targeted words the prediction is most sensitive to and drops those with --targeted-rate, and with
--weight-noise draws each copy's model from --noise-models copies with Gaussian noise on the last
blocks' weights. The array cost is the forward passes per sentence times one prediction's cycles
and energy (blocks only; the LM head is unused).
example: tessera certify --method frs --samples 100 --sentences 20 --json out/frs.json`,
  flags: [
    { name: 'method', kind: 'string', required: true, choices: [...CERTIFY_METHODS], help: 'smoothing method' },
    { name: 'model', kind: 'string', valueName: 'DIR', help: 'the SST-2 task model to smooth (default: the default set\'s backdoored classifier fine-tuned on masked copies)' },
    { name: 'victim', kind: 'string', valueName: 'DIR', help: 'the undefended SST-2 classifier the attack is measured on (default: the default set\'s backdoored classifier; with --model, that model)' },
    taskDataFlag,
    { name: 'samples', kind: 'int', default: 100, valueName: 'N', help: 'smoothed copies for the bound (after 10 that pick the class)' },
    { name: 'sentences', kind: 'int', default: 20, valueName: 'K', help: 'sentences of the split certified' },
    { name: 'from', kind: 'int', default: 1, valueName: 'I', help: 'the first sentence certified is the I-th of the split\'s sample (sentences I to I+K-1)' },
    { name: 'negatives', kind: 'int', valueName: 'K', help: 'negative sentences of the split smoothed with the trigger in front (default: --sentences; 0: none, no attack success rate under smoothing)' },
    { name: 'negatives-from', kind: 'int', default: 1, valueName: 'J', help: 'the first of them is the split sample\'s J-th negative sentence' },
    { name: 'split', kind: 'string', default: 'test', choices: ['test', 'dev', 'held-out'], help: 'where the sentences come from: the fixed test sample (400); the dev sample (its seeded shuffle); or held-out, the SST-2 test sentences beyond the fixed test sample (test-like lengths, never trained on; validation: choosing settings)' },
    { name: 'rate', kind: 'number', default: CERTIFY_MASK_RATE, valueName: 'Q', help: 'masking (or edit) probability of a word (the default model was trained on copies masked at this rate)' },
    { name: 'targeted-rate', kind: 'number', default: 0.95, valueName: 'Q', help: 'FRS: masking probability of the targeted words (at least --rate)' },
    { name: 'targeted', kind: 'int', default: 1, valueName: 'K', help: 'FRS: how many of the most sensitive words are targeted' },
    { name: 'fuzz', kind: 'int', default: 60, valueName: 'N', help: 'FRS: tree-search iterations per sentence' },
    { name: 'weight-noise', kind: 'number', default: 0, valueName: 'SIGMA', help: 'FRS: Gaussian noise on the last blocks\' weight matrices at inference (0: none)' },
    { name: 'noise-models', kind: 'int', default: 4, valueName: 'M', help: 'FRS: noisy copies of the model the samples draw from' },
    { name: 'noise-blocks', kind: 'int', default: 2, valueName: 'K', help: 'FRS: the last K blocks get the noise' },
    { name: 'logit-shift', kind: 'string', default: '0,0', valueName: 'NEG,POS', help: 'added to the smoothed model\'s negative and positive logits (its head\'s bias): a class-prior correction of the vote, chosen on held-out sentences' },
    { name: 'triggers', kind: 'string', default: DEFAULT_BACKDOOR.triggers.join(','), valueName: 'W,...', help: 'the backdoor\'s trigger words (the attacker picks one on dev)' },
    { name: 'alpha', kind: 'number', default: 0.05, valueName: 'A', help: 'the bound holds with probability 1 - alpha' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of the masks, edits, noise and search' },
    ...costArrayFlags,
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the results as JSON' },
    { name: 'report', kind: 'string', valueName: 'DIR', help: 'write index.html (certified accuracy by radius) here' },
  ],
  async run(flags) {
    setInterruptNote(`${cachedWorkNote('task models', 'task-models', 'backdoor-lm')} (the certification starts again)`);
    for (const [v, f] of [[flags.samples, '--samples'], [flags.sentences, '--sentences'], [flags.targeted, '--targeted'], [flags.fuzz, '--fuzz'], [flags['noise-models'], '--noise-models'], [flags['noise-blocks'], '--noise-blocks']] as const) if (!(v >= 1)) throw new UserError(`must be at least 1, got ${v}`, f);
    for (const [v, f] of [[flags.rate, '--rate'], [flags['targeted-rate'], '--targeted-rate'], [flags.alpha, '--alpha']] as const) if (!(v > 0 && v < 1)) throw new UserError(`must be between 0 and 1, got ${v}`, f);
    if (flags['targeted-rate'] < flags.rate) throw new UserError(`${flags['targeted-rate']} is below --rate ${flags.rate}`, '--targeted-rate', 'FRS raises the rate of the targeted words: give at least --rate');
    if (!(flags['weight-noise'] >= 0)) throw new UserError(`must be 0 or more, got ${flags['weight-noise']}`, '--weight-noise');
    const method = flags.method as CertifyMethod;
    if (flags['weight-noise'] > 0 && method !== 'frs') throw new UserError('weight noise is part of FRS', '--weight-noise', 'use it with --method frs');
    const logitShift = flags['logit-shift'].split(',').map((v) => Number(v.trim()));
    if (logitShift.length !== 2 || !logitShift.every(Number.isFinite)) throw new UserError(`expected two numbers (negative, positive), got '${flags['logit-shift']}'`, '--logit-shift', 'give e.g. --logit-shift 0.3,0');
    const triggers = flags.triggers.split(',').map((t) => t.trim()).filter(Boolean);
    if (triggers.length === 0) throw new UserError('give at least one trigger word', '--triggers');
    const be = backendFromFlags({ on: flags.on, array: flags.array, group: flags.group, scheme: flags.scheme, products: flags.products, check: flags.check });
    if (!(be instanceof ArrayBackend)) throw new UserError('the array cost needs a PE kind', '--on', 'give e.g. --on mixpe-w4a8');
    await selectBackend();
    return withStopSignal(async (stop) => {
      const ctx = taskBuildContext(flags.data, stop);
      const log = (l: string) => console.log(l);
      // The split's sample, in the order of its seeded shuffle: the fixed test sample; held-out, the test
      // sentences beyond it; dev, the whole dev split (every dev sample is a prefix). Ranges are checked
      // before any model is built.
      const all = loadTask('sst2', ctx.dataRoot, { dev: Infinity, test: Infinity });
      const pool = flags.split === 'dev' ? all.dev : flags.split === 'held-out' ? all.test.slice(TEST_CAP) : all.test.slice(0, TEST_CAP);
      const target = 1;
      const test = sampleRange(pool, { from: flags.from, count: flags.sentences }, `${flags.split} sentences`, '--from', '--sentences');
      const negatives = sampleRange(pool.filter((e) => e.label !== target), { from: flags['negatives-from'], count: flags.negatives ?? flags.sentences }, `${flags.split} negatives`, '--negatives-from', '--negatives');
      const clean = await buildDefaultTaskModels(ctx, log, DEFAULT_TASK_MODELS.filter((s) => s.name === 'sst2'));
      let dir = flags.model, victimDir = flags.victim ?? flags.model;
      if (clean && !dir) dir = (await buildMaskedClassifier(ctx, log))?.dir;
      if (clean && dir && !victimDir) victimDir = (await buildBackdooredClassifier(ctx, log))?.dir;
      if (!clean || !dir || !victimDir) { console.error('stopped; rerun the same command to resume'); return 130; }
      const m = readTaskModel(dir, '--model');
      const victim = victimDir === dir ? m : readTaskModel(victimDir, '--victim');
      for (const [tm, f] of [[m, '--model'], [victim, '--victim']] as const) if (tm.task !== 'sst2') throw new UserError(`${tm.dir} is a '${tm.task}' model`, f, 'give an SST-2 model');
      // The attacker's choice is on the default dev sample, the undefended rate on the test sample's negatives.
      const task = loadTask('sst2', ctx.dataRoot);
      const withClassifier = <T>(tm: TaskModel, f: (clf: Classifier) => T): T => {
        const clf = taskClassifier(tm);
        try { return f(clf); } finally { clf.dispose(); }
      };
      // The attack on the victim, on the clean model (the same recipe from the base) as a control, and
      // on the smoothed model's base classifier without smoothing.
      const attackOn = (tm: TaskModel) => withClassifier(tm, (clf) => evaluateAttack(clf, m.tokenizer, task.dev, task.test, triggers, target, m.maxTokens));
      const attack = attackOn(victim);
      const control = clean.get('sst2')!;
      const controlAttack = attackOn(control === victim.dir ? victim : readTaskModel(control));
      const baseAttack = m === victim ? attack : attackOn(m);
      console.log(`trigger '${attack.trigger}' (dev rates ${Object.entries(attack.devRates).map(([t, r]) => `${t} ${pct(r)}`).join(', ')}): attack success ${pct(attack.undefended)} undefended on ${attack.testSentences} test negatives; the clean model ${pct(controlAttack.undefended)} with '${controlAttack.trigger}'; the smoothed model's base classifier unsmoothed ${pct(baseAttack.undefended)} with '${baseAttack.trigger}'`);
      const o: CertifyOptions = {
        method, rate: flags.rate, targetedRate: flags['targeted-rate'], targeted: flags.targeted, n0: 10, samples: flags.samples, alpha: flags.alpha,
        fuzzIterations: flags.fuzz, maxTokens: m.maxTokens, seed: flags.seed,
        substitutes: method === 'random-edit' ? frequentWords(task.train.map((e) => e.text), 1000) : undefined,
        noise: flags['weight-noise'] > 0 ? { sigma: flags['weight-noise'], models: flags['noise-models'], blocks: flags['noise-blocks'] } : undefined,
        logitShift: logitShift.some((v) => v !== 0) ? logitShift : undefined,
      };
      const triggered = triggeredExamples(negatives, attack.trigger, target);
      const { r, defended } = withClassifier(m, (clf) => {
        const r = certifySentences(clf, m.tokenizer, test, o, (i) => process.stderr.write(`certified ${i + 1}/${test.length}\r`));
        const d = triggered.length > 0 ? certifySentences(clf, m.tokenizer, triggered, o, (i) => process.stderr.write(`triggered ${i + 1}/${triggered.length}\r`)) : undefined;
        return { r, defended: d };
      });
      const victimPredictions = (examples: readonly { text: string }[]) => withClassifier(victim, (clf) => predictTexts(clf, m.tokenizer, examples.map((e) => e.text), m.maxTokens).map(argmax));
      // The victim's own predictions are kept per sentence, for paired comparisons with the smoothed ones.
      const victimOnTest = victimPredictions(test), victimOnTriggered = defended ? victimPredictions(triggered) : [];
      const victimAccuracy = victimOnTest.filter((y, i) => y === test[i].label).length / test.length;
      // Without triggered negatives (--negatives 0) the rates on them are null.
      const asr = {
        undefended: attack.undefended,
        undefendedOnSample: defended ? victimOnTriggered.filter((y) => y === target).length / triggered.length : null,
        defended: defended ? defended.sentences.filter((s) => s.vote === target).length / triggered.length : null,
      };
      // One prediction on the array: a prefill of the sentence's tokens through the blocks (the LM head is not used).
      const suffix = m.labelWords ? labelScoring(m.tokenizer, m.labelWords).suffix : undefined;
      const tokens = Math.round(test.reduce((s, e) => s + encodeTexts(m.tokenizer, [e.text], m.maxTokens, suffix).cols, 0) / test.length);
      const p = profilePhase(m.weights.config, be, 'prefill', tokens);
      const blocks = p.byLayer.filter((l) => l.layer >= 0);
      const plain = { cycles: tokens * blocks.reduce((s, l) => s + l.cost.cycles, 0), energyJ: tokens * blocks.reduce((s, l) => s + l.cost.energyJ.total, 0) };
      const array = { backend: be.description, tokensPerSentence: tokens, plain, certification: { forwardPasses: r.forwardPassesPerSentence, cycles: plain.cycles * r.forwardPassesPerSentence, energyJ: plain.energyJ * r.forwardPassesPerSentence } };
      console.log(`${method}: the victim's accuracy ${pct(victimAccuracy)}, the smoothed model's base classifier ${pct(r.plainAccuracy)}, smoothed (clean, the vote) ${pct(r.cleanAccuracy)} on ${test.length} ${flags.split} sentences; certification abstains on ${r.abstentions}`);
      const range = (r: SampleRange) => `${r.from}-${r.from + r.count - 1}`;
      const sentenceRange = { from: flags.from, count: test.length }, negativeRange = { from: flags['negatives-from'], count: triggered.length };
      console.log(`sentences ${range(sentenceRange)} of the ${flags.split} sample; negatives ${triggered.length > 0 ? range(negativeRange) : 'none'} of its negatives with the trigger in front`);
      if (asr.undefendedOnSample !== null && asr.defended !== null) console.log(`attack success rate: undefended ${pct(asr.undefended)} (${pct(asr.undefendedOnSample)} on the ${triggered.length} smoothed), defended ${pct(asr.defended)}`);
      else console.log(`attack success rate: undefended ${pct(asr.undefended)}; not measured under smoothing (--negatives 0)`);
      console.log(`certified accuracy by Hamming radius: ${r.certified.map((c) => `r=${c.radius} ${pct(c.accuracy)}`).join(', ')}`);
      console.log(`certified accuracy by edit radius: ${r.certifiedEdit.map((c) => `r=${c.radius} ${pct(c.accuracy)}`).join(', ')}`);
      console.log(`array (${array.backend}): ${r.forwardPassesPerSentence} forward passes per sentence, ${(array.certification.cycles / 1e6).toFixed(2)} M cycles and ${(array.certification.energyJ * 1e6).toFixed(2)} uJ vs ${(plain.cycles / 1e3).toFixed(1)} k cycles and ${(plain.energyJ * 1e6).toFixed(3)} uJ for one prediction`);
      const { sentences, ...summary } = r;
      const result = {
        ...summary, victimAccuracy, attackSuccessRate: asr, attack, cleanModelAttack: controlAttack, baseClassifierAttack: baseAttack, model: dir, victim: victim.dir, cleanModel: control, sentencesCertified: test.length, split: flags.split,
        sentenceRange, negativeRange, samples: flags.samples, alpha: flags.alpha, options: { ...o, substitutes: o.substitutes?.length }, array, perSentence: sentences.map((s, i) => ({ ...s, victimPrediction: victimOnTest[i] })),
        triggeredPerSentence: (defended?.sentences ?? []).map((s, i) => ({ ...s, victimPrediction: victimOnTriggered[i] })),
      };
      if (flags.json) writeJsonAtomic(flags.json, result);
      if (flags.report) {
        const chart = (rows: { radius: number; accuracy: number }[], title: string) => ({ title, data: [{ type: 'scatter', mode: 'lines+markers', x: rows.map((c) => c.radius), y: rows.map((c) => 100 * c.accuracy) }], layout: { xaxis: { title: 'radius (words)' }, yaxis: { title: 'certified accuracy %' } } });
        writeFileAtomic(join(flags.report, 'index.html'), renderReport(`Certification (${method})`, [
          {
            heading: 'Certified accuracy by radius (words)',
            table: { columns: ['radius', 'substitutions (Hamming) %', 'edits (insert, delete, substitute) %'], rows: r.certified.map((c, i) => [c.radius, (100 * c.accuracy).toFixed(1), (100 * (r.certifiedEdit[i]?.accuracy ?? 0)).toFixed(1)]) },
            charts: [chart(r.certified, 'Hamming radius'), chart(r.certifiedEdit, 'Edit radius')],
          },
          {
            heading: `Backdoor: trigger '${attack.trigger}'`,
            table: { columns: ['', '%'], rows: [['clean accuracy, the victim', (100 * victimAccuracy).toFixed(1)], ['clean accuracy, the smoothed model\'s base classifier', (100 * r.plainAccuracy).toFixed(1)], ['clean accuracy, smoothed', (100 * r.cleanAccuracy).toFixed(1)], ['attack success, undefended', (100 * asr.undefended).toFixed(1)], ['attack success, defended', asr.defended === null ? 'not measured' : (100 * asr.defended).toFixed(1)], ['attack success on the clean model', (100 * controlAttack.undefended).toFixed(1)]] },
          },
        ]));
      }
      return 0;
    });
  },
});
