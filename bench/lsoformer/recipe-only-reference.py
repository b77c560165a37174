# A reference outside the models: how much of one design's recipe ORDER the recipe alone explains.
# Ridge regression on operation counts (whole recipe, last 5 steps, last step) fitted to per-design
# z-scores of log final AND nodes on every design except the given test designs; prints Spearman per
# test design. Usage: /usr/bin/python3 bench/lsoformer/recipe-only-reference.py ID,ID,... [DATA]
import json, math, sys
import numpy as np
from scipy.stats import spearmanr
test = set(sys.argv[1].split(','))
ops = ['balance','rewrite','rewrite -z','refactor','refactor -z','resub','resub -z']
X = {}; Y = {}
for l in open(sys.argv[2] if len(sys.argv) > 2 else 'out/lso/recipes200.jsonl'):
    r = json.loads(l)
    if r.get('status') != 'ok' or not r.get('trajectories'): continue
    xs, ys = [], []
    for t in r['trajectories']:
        rec = t['recipe']
        f = [rec.count(o) for o in ops] + [rec[-5:].count(o) for o in ops] + [1.0 if rec[-1] == o else 0.0 for o in ops]
        xs.append(f); ys.append(math.log(t['steps'][-1]['nodes']))
    X[r['id']] = np.array(xs, float); y = np.array(ys)
    Y[r['id']] = (y - y.mean()) / (y.std() if y.std() > 0 else 1)
tr = [k for k in X if k not in test]
A = np.vstack([X[k] for k in tr]); b = np.concatenate([Y[k] for k in tr])
A1 = np.hstack([A, np.ones((len(A), 1))])
w = np.linalg.solve(A1.T @ A1 + 1.0 * np.eye(A1.shape[1]), A1.T @ b)
rho = []
for k in sorted(test):
    p = np.hstack([X[k], np.ones((len(X[k]), 1))]) @ w
    real = Y[k]
    r = spearmanr(p, real).correlation if real.std() > 0 else float('nan')
    rho.append(r); print(k, round(r, 3))
print('mean', np.nanmean(rho))
