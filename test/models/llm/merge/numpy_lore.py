"""NumPy reference for SVT and LoRE's coordinate descent (the same algorithm, written independently).
Reads JSON {thetas: [[...]], rows, cols, mu, iterations} on stdin; writes JSON {svt, base, deltas, objective}."""
import json, sys
import numpy as np

job = json.load(sys.stdin)
rows, cols, mu = job["rows"], job["cols"], job["mu"]
thetas = [np.array(t, dtype=np.float64).reshape(rows, cols) for t in job["thetas"]]

def svt(a, mu):
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    return (u * np.maximum(s - mu, 0)) @ vt

base = sum(thetas) / len(thetas)
deltas = [np.zeros_like(base) for _ in thetas]
objective = []
for _ in range(job["iterations"]):
    base = sum(t - d for t, d in zip(thetas, deltas)) / len(thetas)
    deltas = [svt(t - base, mu) for t in thetas]
    fit = sum(np.sum((base + d - t) ** 2) for t, d in zip(thetas, deltas))
    nuc = sum(np.sum(np.linalg.svd(d, compute_uv=False)) for d in deltas)
    objective.append(fit / 2 + mu * nuc)
json.dump({"svt": svt(thetas[0], mu).ravel().tolist(), "base": base.ravel().tolist(),
           "deltas": [d.ravel().tolist() for d in deltas], "objective": objective}, sys.stdout)
