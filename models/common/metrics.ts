/** Regression metrics over paired predictions and targets (plain arrays, no tfjs). */

function checkPair(pred: readonly number[], target: readonly number[]): void {
  if (pred.length !== target.length) throw new Error(`metric inputs differ in length: ${pred.length} vs ${target.length}`);
  if (pred.length === 0) throw new Error('metric of an empty set');
}

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;

/** Mean absolute error. */
export function mae(pred: readonly number[], target: readonly number[]): number {
  checkPair(pred, target);
  return mean(pred.map((p, i) => Math.abs(p - target[i])));
}

/** Coefficient of determination 1 - SS_res / SS_tot (can be negative; NaN for a constant target). */
export function r2(pred: readonly number[], target: readonly number[]): number {
  return 1 - rse(pred, target);
}

/** Mean absolute percentage error in percent; targets equal to 0 are skipped. */
export function mape(pred: readonly number[], target: readonly number[]): number {
  checkPair(pred, target);
  const terms = pred.flatMap((p, i) => (target[i] === 0 ? [] : [Math.abs((p - target[i]) / target[i])]));
  return terms.length ? (100 * terms.reduce((s, x) => s + x, 0)) / terms.length : NaN;
}

/** Relative squared error SS_res / SS_tot: the error relative to predicting the mean. */
export function rse(pred: readonly number[], target: readonly number[]): number {
  checkPair(pred, target);
  const m = mean(target);
  let res = 0;
  let tot = 0;
  for (let i = 0; i < pred.length; i++) {
    res += (pred[i] - target[i]) ** 2;
    tot += (target[i] - m) ** 2;
  }
  return tot === 0 ? NaN : res / tot;
}

/** Kendall's tau-b rank correlation (accounts for ties in either list). O(n^2), fine for test sets. */
export function kendallTau(a: readonly number[], b: readonly number[]): number {
  checkPair(a, b);
  let concordant = 0;
  let discordant = 0;
  let tiesA = 0;
  let tiesB = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      const da = Math.sign(a[i] - a[j]);
      const db = Math.sign(b[i] - b[j]);
      if (da === 0 && db === 0) continue;
      if (da === 0) tiesA++;
      else if (db === 0) tiesB++;
      else if (da === db) concordant++;
      else discordant++;
    }
  }
  const denom = Math.sqrt((concordant + discordant + tiesA) * (concordant + discordant + tiesB));
  return denom === 0 ? NaN : (concordant - discordant) / denom;
}

/** Ranks 1..n, tied values sharing their mean rank. */
function averageRanks(v: readonly number[]): number[] {
  const order = v.map((_, i) => i).sort((i, j) => v[i] - v[j]);
  const ranks = new Array<number>(v.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && v[order[j + 1]] === v[order[i]]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's rank correlation: Pearson's correlation of the average ranks (NaN when either list is constant). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  checkPair(a, b);
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const ma = mean(ra);
  const mb = mean(rb);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < ra.length; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) ** 2;
    sbb += (rb[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

export interface RegressionMetrics { mae: number; r2: number; mape: number; rse: number; kendallTau: number }

export function regressionMetrics(pred: readonly number[], target: readonly number[]): RegressionMetrics {
  return { mae: mae(pred, target), r2: r2(pred, target), mape: mape(pred, target), rse: rse(pred, target), kendallTau: kendallTau(pred, target) };
}
