import { describe, expect, it } from 'vitest';
import { applyThreshold, bestF1Threshold, macroF1, rocAuc, SeededRandom } from '../../../models/common/index.ts';
import { spawnSync } from 'node:child_process';
import { missingPython, pythonWith, skipReason } from '../../helpers/requirements.ts';

const missing = skipReason(missingPython('sklearn', 'numpy'));

/** Runs a Python script with a JSON value on stdin and returns the JSON it prints. */
function runPythonJson<T>(script: string, input: unknown): T {
  const r = spawnSync(pythonWith('sklearn', 'numpy')!, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Labelled scores with many ties (scores rounded to a coarse grid) and a few anomalies. */
function sample(seed: number, n: number, grid: number, positiveRate: number): { scores: number[]; labels: number[] } {
  const r = new SeededRandom(seed);
  const labels = Array.from({ length: n }, () => (r.next() < positiveRate ? 1 : 0));
  labels[0] = 1;
  labels[1] = 0;
  const scores = labels.map((y) => Math.round((r.next() + 0.3 * y) * grid) / grid);
  return { scores, labels };
}

const cases = [
  sample(1, 50, 10, 0.05),
  sample(2, 400, 20, 0.2),
  sample(3, 1000, 1000, 0.03),
  sample(4, 30, 2, 0.5), // almost every score tied
  { scores: [0.5, 0.5, 0.5, 0.5], labels: [1, 0, 1, 0] },
];

describe('ROC-AUC and macro-F1 without scikit-learn', () => {
  it('AUC of a perfect, a reversed and an all-tied ranking', () => {
    expect(rocAuc([0.1, 0.2, 0.9], [0, 0, 1])).toBe(1);
    expect(rocAuc([0.9, 0.2, 0.1], [0, 0, 1])).toBe(0);
    expect(rocAuc([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
    expect(() => rocAuc([1, 2], [1, 1])).toThrow(/both classes/);
  });
  it('the best threshold is the best of every cut, by brute force', () => {
    for (const { scores, labels } of cases) {
      const { threshold, f1 } = bestF1Threshold(scores, labels);
      expect(macroF1(applyThreshold(scores, threshold), labels)).toBeCloseTo(f1, 12);
      const cuts = [...new Set(scores)].map((s) => s - 1e-9).concat([Math.max(...scores)]);
      const brute = Math.max(...cuts.map((t) => macroF1(applyThreshold(scores, t), labels)));
      expect(f1).toBeCloseTo(brute, 12);
    }
  });
});

describe.skipIf(missing)(`metrics equal scikit-learn's on saved predictions${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('roc_auc_score and f1_score(average="macro"), ties included', () => {
    const thresholds = [0.2, 0.5, 0.75, 2];
    const ref = runPythonJson<{ auc: number[]; f1: number[][] }>(
      `import json, sys, numpy as np
from sklearn.metrics import roc_auc_score, f1_score
d = json.load(sys.stdin)
out = {"auc": [], "f1": []}
for c in d["cases"]:
    s, y = np.array(c["scores"]), np.array(c["labels"])
    out["auc"].append(roc_auc_score(y, s))
    out["f1"].append([f1_score(y, (s > t).astype(int), average="macro", zero_division=0) for t in d["thresholds"]])
print(json.dumps(out))`,
      { cases, thresholds },
    );
    cases.forEach(({ scores, labels }, i) => {
      expect(rocAuc(scores, labels)).toBeCloseTo(ref.auc[i], 12);
      thresholds.forEach((t, j) => expect(macroF1(applyThreshold(scores, t), labels)).toBeCloseTo(ref.f1[i][j], 12));
    });
  });
});
