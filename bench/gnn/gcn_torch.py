"""The GCN of `npm run bench -- gnn` in PyTorch (CPU): the same graph, features, sizes and epoch.

Reads a graph folder of ../shared/data/graphs, builds D^-1/2 (A + I) D^-1/2 of the undirected simple
graph, standardises the feature columns, caches A X (the first convolution's constant input, as the
TypeScript model does), and times full-graph training epochs: h1 = relu(A X W1 + b1),
h2 = relu((A h1) W2 + b2), logits = h2 W3 + b3, class-weighted cross-entropy over every node,
backward, one Adam step. Prints one JSON line.
Usage: /usr/bin/python3 gcn_torch.py GRAPH_DIR HIDDEN EPOCHS THREADS
"""
import json
import sys
import time

import numpy as np
import torch

graph_dir, hidden, epochs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
torch.manual_seed(1)
meta = json.load(open(f"{graph_dir}/meta.json"))
n, f, e = meta["num_nodes"], meta["num_features"], meta["num_edge_entries"]
x = np.fromfile(f"{graph_dir}/x.f32", dtype="<f4").reshape(n, f).astype(np.float64)
edges = np.fromfile(f"{graph_dir}/edges.i32", dtype="<i4").reshape(2, e)
y = torch.from_numpy(np.fromfile(f"{graph_dir}/y.u8", dtype=np.uint8).astype(np.int64))

src, dst = edges
keep = src != dst
pairs = np.unique(np.concatenate([np.stack([src[keep], dst[keep]]), np.stack([dst[keep], src[keep]])], axis=1), axis=1)
loops = np.arange(n)
rows = np.concatenate([pairs[0], loops])
cols = np.concatenate([pairs[1], loops])
degree = np.bincount(rows, minlength=n).astype(np.float64)
weight = 1 / np.sqrt(degree[rows] * degree[cols])
adjacency = torch.sparse_coo_tensor(np.stack([rows, cols]), weight.astype(np.float32), (n, n)).coalesce()

std = x.std(0)
x = np.where(std > 0, (x - x.mean(0)) / np.where(std > 0, std, 1), 0).astype(np.float32)
smoothed = torch.sparse.mm(adjacency, torch.from_numpy(x))

layers = [torch.nn.Linear(f, hidden), torch.nn.Linear(hidden, hidden), torch.nn.Linear(hidden, 2)]
params = [p for l in layers for p in l.parameters()]
optimizer = torch.optim.Adam(params, lr=1e-2)
positives = float(y.sum())
class_weight = torch.tensor([1 / (n - positives), 1 / positives])


def epoch():
    optimizer.zero_grad()
    h1 = torch.relu(layers[0](smoothed))
    h2 = torch.relu(layers[1](torch.sparse.mm(adjacency, h1)))
    loss = torch.nn.functional.cross_entropy(layers[2](h2), y, weight=class_weight)
    loss.backward()
    optimizer.step()
    return float(loss)


epoch()  # warm-up
wall, cpu = [], []
for _ in range(epochs):
    w0, c0 = time.perf_counter(), time.process_time()
    epoch()
    wall.append(time.perf_counter() - w0)
    cpu.append(time.process_time() - c0)
print(json.dumps({"nnz": int(adjacency._nnz()), "wall": min(wall), "cpu": min(cpu), "wallMedian": float(np.median(wall)), "cpuMedian": float(np.median(cpu)), "threads": threads, "torch": torch.__version__}))
