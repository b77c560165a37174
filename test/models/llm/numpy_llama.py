"""An independent NumPy forward pass of a llama2.c checkpoint (float64), for the engine's tests.

usage: numpy_llama.py MODEL.bin TOKENS.i32 OUT.f32
Reads the llama2.c "version 0" format, runs the whole token sequence causally, writes the logits of
every position (float32, row-major, len(tokens) x vocab).
"""
import sys
import numpy as np


def load(path):
    raw = open(path, "rb").read()
    dim, hidden, layers, heads, kv_heads, vocab, seq = np.frombuffer(raw[:28], dtype="<i4")
    tied = vocab > 0
    vocab = abs(vocab)
    f = np.frombuffer(raw[28:], dtype="<f4").astype(np.float64)
    hs = dim // heads
    kv_dim = hs * kv_heads
    at = 0

    def take(*shape):
        nonlocal at
        n = int(np.prod(shape))
        out = f[at:at + n].reshape(shape)
        at += n
        return out

    w = {"emb": take(vocab, dim), "att_norm": take(layers, dim), "wq": take(layers, dim, dim),
         "wk": take(layers, kv_dim, dim), "wv": take(layers, kv_dim, dim), "wo": take(layers, dim, dim),
         "ffn_norm": take(layers, dim), "w1": take(layers, hidden, dim), "w2": take(layers, dim, hidden),
         "w3": take(layers, hidden, dim), "norm": take(dim)}
    take(seq, hs // 2)
    take(seq, hs // 2)
    w["cls"] = w["emb"] if tied else take(vocab, dim)
    return w, dict(dim=int(dim), layers=int(layers), heads=int(heads), kv_heads=int(kv_heads), hs=int(hs))


def rmsnorm(x, g):
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + 1e-5) * g


def rope(x, hs):
    # x: T x (n*hs); rotate adjacent pairs (2j, 2j+1) by pos * 10000^(-2j/hs)
    T = x.shape[0]
    y = x.reshape(T, -1, hs // 2, 2).copy()
    pos = np.arange(T)[:, None]
    ang = pos * 10000.0 ** (-(2 * np.arange(hs // 2)) / hs)
    c, s = np.cos(ang)[:, None, :], np.sin(ang)[:, None, :]
    a, b = y[..., 0].copy(), y[..., 1].copy()
    y[..., 0] = a * c - b * s
    y[..., 1] = a * s + b * c
    return y.reshape(x.shape)


def forward(w, c, tokens):
    T = len(tokens)
    hs, H, KV = c["hs"], c["heads"], c["kv_heads"]
    x = w["emb"][tokens]
    mask = np.triu(np.full((T, T), -np.inf), 1)
    for l in range(c["layers"]):
        xn = rmsnorm(x, w["att_norm"][l])
        q = rope(xn @ w["wq"][l].T, hs).reshape(T, H, hs)
        k = rope(xn @ w["wk"][l].T, hs).reshape(T, KV, hs)
        v = (xn @ w["wv"][l].T).reshape(T, KV, hs)
        out = np.zeros((T, H, hs))
        for h in range(H):
            g = h // (H // KV)
            s = q[:, h, :] @ k[:, g, :].T / np.sqrt(hs) + mask
            p = np.exp(s - s.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            out[:, h, :] = p @ v[:, g, :]
        x = x + out.reshape(T, -1) @ w["wo"][l].T
        xf = rmsnorm(x, w["ffn_norm"][l])
        a = xf @ w["w1"][l].T
        x = x + ((a / (1 + np.exp(-a))) * (xf @ w["w3"][l].T)) @ w["w2"][l].T
    return rmsnorm(x, w["norm"]) @ w["cls"].T


if __name__ == "__main__":
    weights, cfg = load(sys.argv[1])
    toks = np.fromfile(sys.argv[2], dtype="<i4")
    forward(weights, cfg, toks).astype("<f4").tofile(sys.argv[3])
