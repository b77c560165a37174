/**
 * FRS's three targets from `certify` runs on the same sentences (docs/certify.md): clean accuracy
 * within 3 points of the undefended classifier, certified accuracy at least every baseline's at each
 * radius and strictly above at r >= 2, and the attack success rate under FRS at most half the
 * undefended one. Each verdict is the point figure against its limit; beside it a standard error:
 * paired (per sentence, one run's indicator minus the other's) for differences, binomial for the
 * attack share. Margins are in standard errors.
 */
import { pairedDifference, type Estimate } from '../merge/index.ts';

/** What the targets need of one sentence's record in certify's JSON. */
export interface SentenceRecord {
  readonly label: number;
  readonly words: number;
  readonly vote: number;
  /** The certified prediction (-1: abstained). */
  readonly prediction: number;
  readonly radius: number;
  readonly victimPrediction: number;
}

/** What the targets need of one `certify --json` result. */
export interface CertifyRecord {
  readonly method: string;
  readonly perSentence: readonly SentenceRecord[];
  readonly triggeredPerSentence: readonly Pick<SentenceRecord, 'vote' | 'victimPrediction'>[];
  readonly attackSuccessRate: { readonly undefended: number };
}

export interface TargetVerdicts {
  readonly clean: { readonly frs: number; readonly victim: number; readonly difference: Estimate; readonly limit: number; readonly met: boolean; readonly marginSE: number };
  readonly certified: {
    readonly byRadius: { readonly radius: number; readonly frs: number; readonly baselines: { readonly method: string; readonly accuracy: number; readonly difference: Estimate }[] }[];
    readonly met: boolean;
  };
  readonly attack: { readonly frs: Estimate; readonly victimOnSample: number; readonly limit: number; readonly met: boolean; readonly marginSE: number; readonly triggered: number };
}

const share = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const margin = (m: number, se: number) => (se > 0 ? m / se : m >= 0 ? Infinity : -Infinity);

/** Whether two runs certified the same sentences in the same order (as far as their labels and lengths tell). */
export function sameSentences(a: CertifyRecord, b: CertifyRecord): boolean {
  return a.perSentence.length === b.perSentence.length && a.perSentence.every((s, i) => s.label === b.perSentence[i].label && s.words === b.perSentence[i].words);
}

/** 1 where the sentence is right with a certified radius of at least r. */
const certifiedAt = (r: number) => (s: SentenceRecord) => (s.prediction === s.label && s.radius >= r ? 1 : 0);

/**
 * The verdicts for `frs` against `baselines`, all on the same sentences in the same order (refused
 * otherwise). `cleanPoints` is the clean target's allowance (3 points), `strictFrom` the smallest
 * radius at which FRS must be strictly above (2); `maxRadius` the largest radius compared.
 */
export function targetVerdicts(frs: CertifyRecord, baselines: readonly CertifyRecord[], cleanPoints = 0.03, strictFrom = 2, maxRadius = 2): TargetVerdicts {
  const n = frs.perSentence.length;
  if (n === 0) throw new Error('no certified sentences');
  for (const b of baselines) if (!sameSentences(frs, b)) throw new Error(`the ${b.method} run certified other sentences than the ${frs.method} run`);
  const vote = frs.perSentence.map((s) => (s.vote === s.label ? 1 : 0));
  const victim = frs.perSentence.map((s) => (s.victimPrediction === s.label ? 1 : 0));
  const cleanDiff = pairedDifference([vote], [victim]);
  const clean = { frs: share(vote), victim: share(victim), difference: cleanDiff, limit: share(victim) - cleanPoints, met: cleanDiff.value >= -cleanPoints - 1e-12, marginSE: margin(cleanDiff.value + cleanPoints, cleanDiff.standardError) };
  const byRadius = Array.from({ length: maxRadius + 1 }, (_, r) => {
    const f = frs.perSentence.map(certifiedAt(r));
    return { radius: r, frs: share(f), baselines: baselines.map((b) => ({ method: b.method, accuracy: share(b.perSentence.map(certifiedAt(r))), difference: pairedDifference([f], [b.perSentence.map(certifiedAt(r))]) })) };
  });
  const certifiedMet = byRadius.every((row) => row.baselines.every((b) => (row.radius >= strictFrom ? b.difference.value > 0 : b.difference.value >= 0)));
  const t = frs.triggeredPerSentence;
  if (t.length === 0) throw new Error(`the ${frs.method} run smoothed no triggered negatives`);
  const p = share(t.map((s) => (s.vote === 1 ? 1 : 0)));
  const se = Math.sqrt((p * (1 - p)) / t.length);
  const limit = frs.attackSuccessRate.undefended / 2;
  return {
    clean,
    certified: { byRadius, met: certifiedMet },
    attack: { frs: { value: p, standardError: se }, victimOnSample: share(t.map((s) => (s.victimPrediction === 1 ? 1 : 0))), limit, met: p <= limit, marginSE: margin(limit - p, se), triggered: t.length },
  };
}
