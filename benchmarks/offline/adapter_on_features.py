"""Offline check of an adapter on frozen features (BENCHMARKS.md, "An adapter on the frozen ImageNet cut").

A 2,048 -> HID layer (Linear, BatchNorm1d, ReLU) with a head above it is trained with SupCon on K k-means clusters of
saved embeddings of full Fashion-MNIST (train then test, as `contrastive embed --split all` writes them); after each
epoch the layer's output is scored by a linear probe on 10 labels per class (5 draws) and by kNN (k = 200, T = 0.1).
Reference only: Debian's python3-torch, never a dependency of the tests.

    contrastive embed --backbone resnet18-imagenet --data fashion-mnist --split all --out cut.npy
    EMB=cut.npy SEED=1 RAWIN=1 CLUSTER=random HEAD=mlp BATCH=128 /usr/bin/python3 adapter_on_features.py

Environment: EMB (required), SEED, K (100), HID (512), OUT (128), T (0.1), BATCH (512), EPOCHS (3), THREADS (1),
HEAD (linear | mlp: the library's 128 -> 64 projection head), RAWIN (read unstandardised features),
CLUSTER (random: cluster the output of the untrained layer, as the library does; default: the features).
"""
import gzip
import os

import numpy as np
import torch
import torch.nn.functional as F

ROOT = '/usr/share/datasets/fashion-mnist/'


def idx(path):
    with gzip.open(path) as f:
        d = f.read()
    n = int.from_bytes(d[4:8], 'big')
    if d[3] == 1:
        return np.frombuffer(d, np.uint8, offset=8).astype(np.int64)
    return np.frombuffer(d, np.uint8, offset=16).reshape(n, -1).astype(np.float32) / 255


def kmeans(x, k, iters=30):
    """Spherical k-means: cosine assignments, normalised mean centroids."""
    x = F.normalize(x, dim=1)
    c = x[torch.randperm(len(x))[:k]].clone()
    for _ in range(iters):
        a = (x @ c.T).argmax(1)
        for j in range(k):
            m = a == j
            if m.any():
                c[j] = F.normalize(x[m].mean(0), dim=0)
    return a


def supcon(z, y, t):
    """SupCon: -mean over positives p of log softmax_p(z_i . z_p / t), the anchor itself excluded."""
    z = F.normalize(z, dim=1)
    eye = torch.eye(len(z), dtype=torch.bool)
    sim = (z @ z.T / t).masked_fill(eye, -1e9)
    pos = (y[:, None] == y[None, :]) & ~eye
    logp = sim - torch.logsumexp(sim, 1, keepdim=True)
    return -((logp * pos).sum(1) / pos.sum(1).clamp(min=1)).mean()


def main():
    env = os.environ.get
    torch.set_num_threads(int(env('THREADS', '1')))
    seed = int(env('SEED', '0'))
    ytr, yte = idx(ROOT + 'train-labels-idx1-ubyte.gz'), idx(ROOT + 't10k-labels-idx1-ubyte.gz')
    a = np.load(env('EMB'))
    assert len(a) == len(ytr) + len(yte), a.shape
    tr, te = a[:len(ytr)], a[len(ytr):]
    mu, sd = (0.0, 1.0) if env('RAWIN') else (tr.mean(0), tr.std(0, ddof=1) + 1e-6)
    xtr, xte = torch.from_numpy((tr - mu) / sd), torch.from_numpy((te - mu) / sd)
    rng = np.random.default_rng(seed)
    draws = [np.concatenate([rng.permutation(np.flatnonzero(ytr == c))[:10] for c in range(10)]) for _ in range(5)]

    def probe(ftr, y, fte, draw):
        torch.manual_seed(draw)
        lin = torch.nn.Linear(ftr.shape[1], 10)
        opt = torch.optim.Adam(lin.parameters(), lr=1e-2, weight_decay=1e-5)
        for _ in range(100):
            opt.zero_grad()
            F.cross_entropy(lin(ftr), torch.from_numpy(y)).backward()
            opt.step()
        with torch.no_grad():
            return (lin(fte).argmax(1).numpy() == yte).mean() * 100

    def few(ftr, fte):
        m, s = ftr.mean(0), ftr.std(0) + 1e-6
        ftr, fte = (ftr - m) / s, (fte - m) / s
        return np.mean([probe(ftr[d], ytr[d], fte, i) for i, d in enumerate(draws)])

    def knn(ftr, fte, k=200, t=0.1):
        ftr, fte = F.normalize(ftr, dim=1), F.normalize(fte, dim=1)
        hits = 0
        for s in range(0, len(fte), 1000):
            v, i = (fte[s:s + 1000] @ ftr.T).topk(k, dim=1)
            votes = torch.zeros(len(v), 10).scatter_add_(1, torch.from_numpy(ytr)[i], (v / t).exp())
            hits += (votes.argmax(1).numpy() == yte[s:s + 1000]).sum()
        return hits / len(fte) * 100

    k, hid, out = int(env('K', '100')), int(env('HID', '512')), int(env('OUT', '128'))
    torch.manual_seed(seed + 100)
    if env('CLUSTER') == 'random':
        with torch.no_grad():
            labels = kmeans(torch.relu(torch.nn.Linear(xtr.shape[1], hid, bias=False)(xtr)), k)
    else:
        labels = kmeans(xtr, k)
    torch.manual_seed(seed + 200)
    head = [torch.nn.Linear(hid, out)] if env('HEAD', 'linear') == 'linear' else \
        [torch.nn.Linear(hid, 128, bias=False), torch.nn.BatchNorm1d(128), torch.nn.ReLU(), torch.nn.Linear(128, 64)]
    net = torch.nn.Sequential(torch.nn.Linear(xtr.shape[1], hid), torch.nn.BatchNorm1d(hid), torch.nn.ReLU(), *head)
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    for epoch in range(int(env('EPOCHS', '3'))):
        net.train()
        for batch in torch.randperm(len(xtr)).split(int(env('BATCH', '512'))):
            opt.zero_grad()
            supcon(net(xtr[batch]), labels[batch], float(env('T', '0.1'))).backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            htr, hte = net[:3](xtr), net[:3](xte)
        print(f'epoch {epoch + 1}: 10 labels per class {few(htr, hte):.2f}%, kNN {knn(htr, hte):.2f}%', flush=True)


if __name__ == '__main__':
    main()
