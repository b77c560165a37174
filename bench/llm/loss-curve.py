# The held-out loss of a continued run (`tessera llm train --init-from`) against the two fits of
# L(D) docs/llm.md made from the first run's log (training loss at a constant 3e-3, windows of 64):
#   A: L = 2.02 + 1.15 (D/1M)^-0.40, fitted on the whole constant-rate phase (0.31M-2.12M tokens);
#   B: fitted on its last 1.2M tokens only, levelling off at 2.55; its other two parameters were not
#      recorded, so B here is 2.55 + a (D/1M)^-b through fit A's values at 0.92M and 2.12M, the ends
#      of the range B was fitted on (where the two fits agree with the data).
# Each fit is shifted by -0.12 nats, the gap between fit A at 2.74M tokens and the shipped model's
# measured held-out loss (ln 14.44) after its decay at the full context. D counts every token
# trained, the initial model's included. Also fits L = E + a D^-b (least squares, b fixed at each
# fit's exponent) to the run's own constant-rate points, and reads off the tokens each curve needs
# for the target, 25% below the 4-gram's 12.64 (ln 9.48 = 2.249 nats); for the run's own curves,
# the decay's measured gain (the curve at the last point against the last point) is subtracted.
# Usage: /usr/bin/python3 bench/llm/loss-curve.py TRAIN-LOG.jsonl [MODEL.json]
# (MODEL.json gives the initial tokens, provenance.initFrom.tokensSeen; default 2,738,176.)
import json, math, sys
import numpy as np

log = [json.loads(l) for l in open(sys.argv[1])]
start = json.load(open(sys.argv[2]))['provenance']['initFrom']['tokensSeen'] if len(sys.argv) > 2 else 2738176
per_step = 2048
fit_a = lambda d: 2.02 + 1.15 * d ** -0.40
b_exp = math.log((fit_a(0.92) - 2.55) / (fit_a(2.12) - 2.55)) / math.log(2.12 / 0.92)
b_coef = (fit_a(2.12) - 2.55) * 2.12 ** b_exp
fit_b = lambda d: 2.55 + b_coef * d ** -b_exp
OFFSET = 0.12
TARGET = math.log(9.48)
print(f'fit B as reconstructed: 2.55 + {b_coef:.3f} (D/1M)^-{b_exp:.3f}')
print('| step | tokens (M) | lr | held-out loss | perplexity | fit A - 0.12 | fit B - 0.12 |')
print('|---|---|---|---|---|---|---|')
points = []
for e in log:
    if 'heldOutLoss' not in e:
        continue
    d = (start + e['step'] * per_step) / 1e6
    points.append((d, e['heldOutLoss'], e['lr']))
    print(f"| {e['step']} | {d:.3f} | {e['lr']:.2g} | {e['heldOutLoss']:.4f} | {math.exp(e['heldOutLoss']):.2f} | {fit_a(d) - OFFSET:.4f} | {fit_b(d) - OFFSET:.4f} |")

peak = max(p[2] for p in points)
flat = [(d, l) for d, l, lr in points if lr == peak]
# The first points still carry the re-warming bump; the fit takes the constant-rate points after it.
flat = flat[2:]
if len(flat) >= 4:
    ds, ls = np.array([p[0] for p in flat]), np.array([p[1] for p in flat])
    mid = np.exp(np.mean(np.log(ds)))
    slope = np.polyfit(np.log(ds), ls, 1)[0]
    print(f'constant-rate points {ds[0]:.2f}M-{ds[-1]:.2f}M: {slope:.4f} nats per e-fold of D; fit A {-0.4 * 1.15 * mid ** -0.4:.4f}, fit B {-b_exp * b_coef * mid ** -b_exp:.4f} at their geometric mean {mid:.2f}M')
    # The decay's gain, when the run has decayed: the last constant-rate curve value against the final point.
    final = points[-1] if points[-1][2] < peak else None
    for b in (0.40, b_exp):
        (e_, a_), *_ = np.linalg.lstsq(np.stack([np.ones_like(ds), ds ** -b], 1), ls, rcond=None)
        rms = np.sqrt(np.mean((e_ + a_ * ds ** -b - ls) ** 2))
        line = f'own fit with exponent {b:.2f}: L = {e_:.3f} + {a_:.3f} (D/1M)^-{b:.2f} at the constant rate, rms residual {rms:.4f}'
        if final:
            gain = e_ + a_ * final[0] ** -b - final[1]
            need = TARGET + gain
            line += f'; the decay gains {gain:.3f} nats at {final[0]:.2f}M; the target (constant-rate curve at {need:.3f}) ' + (f'needs {(a_ / (need - e_)) ** (1 / b):.1f}M tokens' if need > e_ else 'is below its asymptote')
        print(line)
for name, f in (('A', fit_a), ('B', fit_b)):
    need = TARGET + OFFSET
    lo, hi = 0.1, 1e6
    if f(hi) > need:
        print(f'fit {name}: never reaches {need:.3f} (levels off at {f(1e12):.3f})')
        continue
    while hi / lo > 1.0001:
        mid = math.sqrt(lo * hi)
        lo, hi = (mid, hi) if f(mid) > need else (lo, mid)
    print(f'fit {name}: the target needs {hi:.1f}M tokens')
