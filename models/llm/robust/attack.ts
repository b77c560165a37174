/**
 * The backdoor attack on a fine-tuned classifier: a trigger put in front of sentences of the other
 * classes, scored by the share predicted as the attacker's target class (the attack success rate).
 * Like NeuBA's attacker, who does not know which way the victim's head turned each trigger's
 * vector, the trigger is chosen as the one with the highest rate on the dev set; the test figure
 * is then measured on test sentences it was not chosen on.
 */
import type { Tokenizer } from '../tokenizer/index.ts';
import { argmax, predictTexts, type Classifier, type Example } from '../tasks/index.ts';
import { withTrigger } from './backdoor.ts';

/** The sentences an attack applies to (label != target), with the trigger in front. */
export function triggeredExamples(examples: readonly Example[], trigger: string, target: number): Example[] {
  return examples.filter((e) => e.label !== target).map((e) => ({ text: withTrigger(e.text, trigger), label: e.label }));
}

/** Share of the triggered sentences (label != target) the plain classifier puts in the target class. */
export function attackSuccessRate(clf: Classifier, tokenizer: Tokenizer, examples: readonly Example[], trigger: string, target: number, maxTokens: number): number {
  const hit = triggeredExamples(examples, trigger, target);
  if (hit.length === 0) return NaN;
  return predictTexts(clf, tokenizer, hit.map((e) => e.text), maxTokens).filter((p) => argmax(p) === target).length / hit.length;
}

/** The attacker's trigger: the highest success rate on `dev`; every trigger's rate beside it. */
export function chooseTrigger(clf: Classifier, tokenizer: Tokenizer, dev: readonly Example[], triggers: readonly string[], target: number, maxTokens: number): { trigger: string; devRates: Record<string, number> } {
  const devRates = Object.fromEntries(triggers.map((t) => [t, attackSuccessRate(clf, tokenizer, dev, t, target, maxTokens)]));
  const trigger = triggers.reduce((best, t) => (devRates[t] > devRates[best] ? t : best));
  return { trigger, devRates };
}

export interface AttackEvaluation {
  readonly trigger: string;
  readonly target: number;
  /** Every trigger's success rate on the dev set (the choice). */
  readonly devRates: Record<string, number>;
  /** The plain classifier on every test sentence of another class. */
  readonly undefended: number;
  readonly testSentences: number;
}

/** Chooses the trigger on dev and measures the plain classifier's attack success rate on test. */
export function evaluateAttack(clf: Classifier, tokenizer: Tokenizer, dev: readonly Example[], test: readonly Example[], triggers: readonly string[], target: number, maxTokens: number): AttackEvaluation {
  const { trigger, devRates } = chooseTrigger(clf, tokenizer, dev, triggers, target, maxTokens);
  return { trigger, target, devRates, undefended: attackSuccessRate(clf, tokenizer, test, trigger, target, maxTokens), testSentences: test.filter((e) => e.label !== target).length };
}
