/**
 * Certifying a fine-tuned classifier on sentences: word-level masking smoothing (a masked word is
 * dropped from the text, so every masked copy depends only on the unmasked words), uniform
 * (RanMASK-like) or FRS-targeted (MCTS fuzzing first finds the words the prediction is most
 * sensitive to; their masking probability is raised). The certified accuracy at radius r is the
 * share of sentences predicted right with a certified Hamming radius of at least r words.
 */
import type { Tokenizer } from '../tokenizer/index.ts';
import { argmax, predictTexts, type Classifier, type Example } from '../tasks/index.ts';
import { SeededRandom } from '../../common/index.ts';
import { fuzzSensitivity, targetedMasking } from './mcts-fuzz.ts';
import { certify, type Certificate } from './smoothing.ts';

export const CERTIFY_METHODS = ['frs', 'ranmask'] as const;
export type CertifyMethod = (typeof CERTIFY_METHODS)[number];

export interface CertifyOptions {
  readonly method: CertifyMethod;
  /** Masking probability of every word (FRS: of the words fuzzing did not pick). */
  readonly rate: number;
  /** FRS: masking probability of the `targeted` most sensitive words. */
  readonly targetedRate: number;
  readonly targeted: number;
  readonly n0: number;
  readonly samples: number;
  readonly alpha: number;
  readonly fuzzIterations: number;
  readonly maxTokens: number;
  readonly seed: number;
}

export interface SentenceCertificate extends Certificate { readonly label: number; readonly words: number; readonly plainPrediction: number }

export interface CertifyResult {
  readonly method: CertifyMethod;
  /** Accuracy of the plain classifier and of the smoothed one (abstentions count as wrong). */
  readonly plainAccuracy: number;
  readonly cleanAccuracy: number;
  readonly certified: { readonly radius: number; readonly accuracy: number }[];
  readonly sentences: SentenceCertificate[];
  /** Forward passes per sentence (fuzzing + n0 + samples) against 1 for a plain prediction. */
  readonly forwardPassesPerSentence: number;
}

export function certifySentences(clf: Classifier, tokenizer: Tokenizer, examples: readonly Example[], o: CertifyOptions, onSentence?: (i: number) => void): CertifyResult {
  const classes = clf.classes;
  const predict = (texts: string[]) => predictTexts(clf, tokenizer, texts, o.maxTokens);
  const random = new SeededRandom(o.seed);
  const sampler = { mask: '', random: () => random.next() };
  const sentences: SentenceCertificate[] = [];
  examples.forEach((e, i) => {
    const words = e.text.split(/\s+/).filter(Boolean);
    const p0 = predict([words.join(' ')])[0];
    const plainPrediction = argmax(p0);
    let q = words.map(() => o.rate);
    if (o.method === 'frs') {
      const s = fuzzSensitivity(words, (x) => predict([x.filter(Boolean).join(' ')])[0][plainPrediction], '', { iterations: o.fuzzIterations, depth: 2, exploration: 0.5, seed: o.seed + i });
      q = targetedMasking(s, o.targeted, o.rate, o.targetedRate);
    }
    const c = certify(words, q, (copies) => predict(copies.map((x) => x.filter(Boolean).join(' '))).map(argmax), classes, o.n0, o.samples, o.alpha, sampler);
    sentences.push({ ...c, label: e.label, words: words.length, plainPrediction });
    onSentence?.(i);
  });
  const n = sentences.length;
  const maxRadius = Math.max(0, ...sentences.map((s) => s.radius));
  return {
    method: o.method,
    plainAccuracy: sentences.filter((s) => s.plainPrediction === s.label).length / n,
    cleanAccuracy: sentences.filter((s) => s.prediction === s.label).length / n,
    certified: Array.from({ length: maxRadius + 1 }, (_, r) => ({ radius: r, accuracy: sentences.filter((s) => s.prediction === s.label && s.radius >= r).length / n })),
    sentences,
    forwardPassesPerSentence: 1 + (o.method === 'frs' ? o.fuzzIterations : 0) + o.n0 + o.samples,
  };
}
