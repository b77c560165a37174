/**
 * Binary classification metrics over plain arrays (no tfjs): ROC-AUC with tied scores, macro-F1
 * and the decision threshold that maximises it. Labels are 0/1; a score is "positive" when larger.
 * They follow scikit-learn's `roc_auc_score` and `f1_score(average='macro')` exactly, which a
 * test checks on saved predictions.
 */

type Labels = ArrayLike<number>;
type Scores = ArrayLike<number>;

function checkPair(a: ArrayLike<unknown>, labels: Labels): void {
  if (a.length !== labels.length) throw new Error(`metric inputs differ in length: ${a.length} vs ${labels.length}`);
  if (a.length === 0) throw new Error('metric of an empty set');
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counting one half (the Mann-Whitney U statistic over average ranks, which equals
 * the trapezoidal area sklearn computes). Throws when only one class is present, as sklearn does.
 */
export function rocAuc(scores: Scores, labels: Labels): number {
  checkPair(scores, labels);
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const averageRank = (i + j) / 2 + 1; // ranks i+1 .. j+1 share their mean
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) throw new Error('ROC-AUC needs both classes among the labels');
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** F1 of one class: 2TP / (2TP + FP + FN), 0 when that is 0/0 (sklearn's zero_division default). */
function classF1(predicted: Labels, labels: Labels, cls: number): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = predicted[i] === cls;
    const t = labels[i] === cls;
    if (p && t) tp++;
    else if (p) fp++;
    else if (t) fn++;
  }
  const denominator = 2 * tp + fp + fn;
  return denominator === 0 ? 0 : (2 * tp) / denominator;
}

/** Macro-F1 over the classes (0 and 1) present in the labels or the predictions, as sklearn averages. */
export function macroF1(predicted: Labels, labels: Labels): number {
  checkPair(predicted, labels);
  const present = [0, 1].filter((c) => Array.prototype.some.call(labels, (v: number) => v === c) || Array.prototype.some.call(predicted, (v: number) => v === c));
  return present.reduce((s, c) => s + classF1(predicted, labels, c), 0) / present.length;
}

/** Predicts 1 where the score is strictly above the threshold. */
export function applyThreshold(scores: Scores, threshold: number): Uint8Array {
  const out = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = scores[i] > threshold ? 1 : 0;
  return out;
}

/**
 * The threshold (predict 1 where score > threshold) with the best macro-F1 on these labels. The
 * candidates are the midpoints between consecutive distinct scores and one below the smallest;
 * of equally good candidates the middle one is returned, so the choice does not lean to an edge
 * of a flat stretch. O(n log n) by sweeping the sorted scores.
 */
export function bestF1Threshold(scores: Scores, labels: Labels): { threshold: number; f1: number } {
  checkPair(scores, labels);
  const distinct = [...new Set(Array.from(scores))].sort((a, b) => a - b);
  const positives = Array.prototype.filter.call(labels, (v: number) => v === 1).length;
  const n = labels.length;
  // Counts of positives and negatives per distinct score, then sweep from "everything predicted 1".
  const at = new Map<number, { pos: number; neg: number }>(distinct.map((s) => [s, { pos: 0, neg: 0 }]));
  for (let i = 0; i < n; i++) {
    const c = at.get(scores[i])!;
    if (labels[i] === 1) c.pos++;
    else c.neg++;
  }
  const f1Of = (tp: number, fp: number): number => {
    const fn = positives - tp;
    const tn = n - positives - fp;
    const f1Pos = 2 * tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    const f1Neg = 2 * tn + fn + fp === 0 ? 0 : (2 * tn) / (2 * tn + fn + fp);
    const classes = (positives > 0 || tp + fp > 0 ? 1 : 0) + (n - positives > 0 || tn + fn > 0 ? 1 : 0);
    return (f1Pos + f1Neg) / classes;
  };
  const candidates: { threshold: number; f1: number }[] = [];
  let tp = positives;
  let fp = n - positives;
  const below = distinct.length > 1 ? distinct[0] - (distinct[1] - distinct[0]) / 2 : distinct[0] - 0.5;
  candidates.push({ threshold: below, f1: f1Of(tp, fp) });
  for (let k = 0; k < distinct.length; k++) {
    const c = at.get(distinct[k])!;
    tp -= c.pos;
    fp -= c.neg;
    const threshold = k + 1 < distinct.length ? (distinct[k] + distinct[k + 1]) / 2 : distinct[k] + (k > 0 ? (distinct[k] - distinct[k - 1]) / 2 : 0.5);
    candidates.push({ threshold, f1: f1Of(tp, fp) });
  }
  const best = Math.max(...candidates.map((c) => c.f1));
  const ties = candidates.filter((c) => c.f1 === best);
  return ties[Math.floor((ties.length - 1) / 2)];
}
