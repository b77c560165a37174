/**
 * Certifying a fine-tuned classifier on sentences by word-level smoothing: uniform masking
 * (RanMASK-like; a masked word is dropped, so every copy depends only on the unmasked words),
 * uniform random edits (an edited word is dropped or replaced by a random word), or FRS (MCTS
 * fuzzing first finds the words the prediction is most sensitive to; their masking probability is
 * raised; optionally noise on the weights at inference). The certified accuracy at radius r is the
 * share of sentences predicted right with a certified radius of at least r words, in Hamming
 * distance (substitutions) and in edit distance (insertions, deletions, substitutions).
 */
import type { Tokenizer } from '../tokenizer/index.ts';
import { argmax, predictTexts, type Classifier, type Example } from '../tasks/index.ts';
import { SeededRandom } from '../../common/index.ts';
import type { LlamaWeights } from '../checkpoint.ts';
import { fuzzSensitivity, targetedMasking } from './mcts-fuzz.ts';
import { certify, type Certificate } from './smoothing.ts';
import { noisyWeights } from './weight-noise.ts';

export const CERTIFY_METHODS = ['frs', 'ranmask', 'random-edit'] as const;
export type CertifyMethod = (typeof CERTIFY_METHODS)[number];

export interface InferenceNoise {
  /** Standard deviation of the noise on each matrix entry. */
  readonly sigma: number;
  /** How many noisy copies of the model the samples draw from. */
  readonly models: number;
  /** The last `blocks` blocks get the noise. */
  readonly blocks: number;
}

export interface CertifyOptions {
  readonly method: CertifyMethod;
  /** Masking (or edit) probability of every word (FRS: of the words fuzzing did not pick). */
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
  /** random-edit: the words a substitution draws from. */
  readonly substitutes?: readonly string[];
  /** FRS's parameter smoothing at inference (none when absent). */
  readonly noise?: InferenceNoise;
  /**
   * Added to the base classifier's logit of each class (its head's bias) for the whole run: a
   * class-prior correction of the vote, chosen on held-out sentences (none when absent).
   */
  readonly logitShift?: readonly number[];
}

export interface SentenceCertificate extends Certificate {
  readonly label: number;
  readonly words: number;
  readonly plainPrediction: number;
  /** FRS: the positions of the words masked at the targeted rate. */
  readonly targetedWords?: number[];
}

export interface CertifyResult {
  readonly method: CertifyMethod;
  /**
   * Accuracy of the plain classifier and of the smoothed one (its vote, which never abstains, as
   * RanMASK's clean accuracy); the certified accuracy at radius 0 counts abstentions as wrong.
   */
  readonly plainAccuracy: number;
  readonly cleanAccuracy: number;
  /** Sentences on which certification abstains (the lower bound on the top class at most 1/2). */
  readonly abstentions: number;
  /** Certified accuracy by Hamming radius (word substitutions). */
  readonly certified: { readonly radius: number; readonly accuracy: number }[];
  /** Certified accuracy by edit radius (word insertions, deletions, substitutions). */
  readonly certifiedEdit: { readonly radius: number; readonly accuracy: number }[];
  readonly sentences: SentenceCertificate[];
  /** Forward passes per sentence (fuzzing + n0 + samples) against 1 for a plain prediction. */
  readonly forwardPassesPerSentence: number;
}

/** Certified accuracy at radius 0..max of `radius(s)` over the sentences. */
function byRadius(sentences: readonly SentenceCertificate[], radius: (s: SentenceCertificate) => number): { radius: number; accuracy: number }[] {
  const max = Math.max(0, ...sentences.map(radius));
  return Array.from({ length: max + 1 }, (_, r) => ({ radius: r, accuracy: sentences.filter((s) => s.prediction === s.label && radius(s) >= r).length / sentences.length }));
}

/**
 * Classifies masked copies (arrays of words, '' for a dropped word): plainly, or with noise on the
 * weights, each copy drawing one of the noisy models uniformly (`random`).
 */
function copyClassifier(clf: Classifier, tokenizer: Tokenizer, o: CertifyOptions, random: SeededRandom): { classify: (copies: string[][]) => number[]; restore: () => void } {
  const text = (x: string[]) => x.filter(Boolean).join(' ');
  const plain = (copies: string[][]) => predictTexts(clf, tokenizer, copies.map(text), o.maxTokens).map(argmax);
  if (!o.noise || o.noise.sigma === 0) return { classify: plain, restore: () => {} };
  const base: LlamaWeights = clf.model.toWeights();
  const noise = o.noise;
  const models = Array.from({ length: noise.models }, (_, k) => noisyWeights(base, noise.sigma, noise.blocks, o.seed * 7919 + k));
  return {
    classify: (copies) => {
      const pick = copies.map(() => random.int(models.length));
      const out = new Array<number>(copies.length);
      models.forEach((w, k) => {
        const ids = pick.flatMap((m, i) => (m === k ? [i] : []));
        if (ids.length === 0) return;
        clf.setBackbone(w);
        plain(ids.map((i) => copies[i])).forEach((y, j) => { out[ids[j]] = y; });
      });
      clf.setBackbone(base);
      return out;
    },
    restore: () => clf.setBackbone(base),
  };
}

export function certifySentences(clf: Classifier, tokenizer: Tokenizer, examples: readonly Example[], o: CertifyOptions, onSentence?: (i: number) => void): CertifyResult {
  if (o.method === 'random-edit' && !(o.substitutes && o.substitutes.length > 0)) throw new Error('random edits need substitute words');
  const classes = clf.classes;
  const head = clf.head();
  if (o.logitShift) {
    const shift = o.logitShift;
    if (shift.length !== classes) throw new Error(`${shift.length} logit shifts for ${classes} classes`);
    clf.setHead({ ...head, bias: head.bias.map((b, c) => b + shift[c]) });
  }
  const predict = (texts: string[]) => predictTexts(clf, tokenizer, texts, o.maxTokens);
  const random = new SeededRandom(o.seed);
  const sampler = { mask: '', random: () => random.next() };
  const smoothed = copyClassifier(clf, tokenizer, o, new SeededRandom(o.seed + 1));
  const sentences: SentenceCertificate[] = [];
  try {
    examples.forEach((e, i) => {
      const words = e.text.split(/\s+/).filter(Boolean);
      const p0 = predict([words.join(' ')])[0];
      const plainPrediction = argmax(p0);
      let q = words.map(() => o.rate);
      if (o.method === 'frs') {
        const s = fuzzSensitivity(words, (x) => predict([x.filter(Boolean).join(' ')])[0][plainPrediction], '', { iterations: o.fuzzIterations, depth: 2, exploration: 0.5, seed: o.seed + i });
        q = targetedMasking(s, o.targeted, o.rate, o.targetedRate);
      }
      const c = certify(words, q, smoothed.classify, classes, o.n0, o.samples, o.alpha, sampler, o.method === 'random-edit' ? o.substitutes : undefined);
      const targetedWords = o.method === 'frs' ? q.flatMap((v, k) => (v === o.targetedRate && v !== o.rate ? [k] : [])) : undefined;
      sentences.push({ ...c, label: e.label, words: words.length, plainPrediction, targetedWords });
      onSentence?.(i);
    });
  } finally {
    smoothed.restore();
    clf.setHead(head);
  }
  const n = sentences.length;
  return {
    method: o.method,
    plainAccuracy: sentences.filter((s) => s.plainPrediction === s.label).length / n,
    cleanAccuracy: sentences.filter((s) => s.vote === s.label).length / n,
    abstentions: sentences.filter((s) => s.prediction < 0).length,
    certified: byRadius(sentences, (s) => s.radius),
    certifiedEdit: byRadius(sentences, (s) => s.editRadius),
    sentences,
    forwardPassesPerSentence: 1 + (o.method === 'frs' ? o.fuzzIterations : 0) + o.n0 + o.samples,
  };
}

/** The `count` most frequent words of `texts` (ties by first appearance): what random edits substitute. */
export function frequentWords(texts: readonly string[], count: number): string[] {
  const freq = new Map<string, number>();
  for (const t of texts) for (const w of t.split(/\s+/)) if (w) freq.set(w, (freq.get(w) ?? 0) + 1);
  return [...freq].sort((a, b) => b[1] - a[1]).slice(0, count).map(([w]) => w);
}
