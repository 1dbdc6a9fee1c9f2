#!/usr/bin/python3
"""Peer reference: SimCLR on Fashion-MNIST in PyTorch (Debian python3-torch), CPU.

Same encoder/head/loss as the project's `bench` spec (BENCH_SPEC.md):
  encoder: conv3x3(1->32)+BN+ReLU, conv3x3(32->64,s2)+BN+ReLU, conv3x3(64->128,s2)+BN+ReLU, GAP -> 128
  head:    Linear(128,128)+BN+ReLU, Linear(128,64)
  loss:    NT-Xent, temperature 0.5, batch B -> 2B views
Modes:
  step  : time the training step alone on fixed random views (images/s = 2B views per step)
  aug   : time the augmentation pipeline alone (views/s)
  embed : time eval-mode encoder inference over the 10,000 test images, batches of 1,000 (images/s)
  train : full SimCLR run for N epochs, then kNN(k=200, cosine) and linear-probe accuracy on the test set
"""
import argparse, gzip, time, struct, os, sys
import numpy as np
import torch, torch.nn as nn, torch.nn.functional as F

FMNIST = "/usr/share/datasets/fashion-mnist"


def load_idx(kind):
    prefix = "train" if kind == "train" else "t10k"
    with gzip.open(f"{FMNIST}/{prefix}-images-idx3-ubyte.gz") as f:
        _, n, r, c = struct.unpack(">IIII", f.read(16))
        x = np.frombuffer(f.read(), dtype=np.uint8).reshape(n, 1, r, c)
    with gzip.open(f"{FMNIST}/{prefix}-labels-idx1-ubyte.gz") as f:
        f.read(8)
        y = np.frombuffer(f.read(), dtype=np.uint8)
    return torch.from_numpy(x.copy()).float() / 255.0, torch.from_numpy(y.astype(np.int64))


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        def block(i, o, s):
            return nn.Sequential(nn.Conv2d(i, o, 3, s, 1, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True))
        self.net = nn.Sequential(block(1, 32, 1), block(32, 64, 2), block(64, 128, 2))

    def forward(self, x):
        return self.net(x).mean(dim=(2, 3))


class SimCLR(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = Encoder()
        self.head = nn.Sequential(nn.Linear(128, 128, bias=False), nn.BatchNorm1d(128), nn.ReLU(inplace=True), nn.Linear(128, 64))

    def forward(self, x):
        return self.head(self.encoder(x))


def nt_xent(z1, z2, t=0.5):
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    n = z1.shape[0]
    sim = z @ z.t() / t
    sim.fill_diagonal_(float("-inf"))
    target = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(sim, target)


def augment(x, g):
    """Batched GPU-style augmentation on tensors: random resized crop (scale 0.2-1),
    horizontal flip, brightness/contrast jitter (p=0.8). x: (B,1,28,28) in [0,1]."""
    b = x.shape[0]
    scale = torch.empty(b).uniform_(0.2, 1.0, generator=g)
    logr = torch.empty(b).uniform_(np.log(3 / 4), np.log(4 / 3), generator=g)
    ratio = torch.exp(logr)
    w = torch.sqrt(scale * ratio).clamp(max=1.0)
    h = torch.sqrt(scale / ratio).clamp(max=1.0)
    cx = (torch.rand(b, generator=g) * (1 - w) + w / 2) * 2 - 1
    cy = (torch.rand(b, generator=g) * (1 - h) + h / 2) * 2 - 1
    flip = torch.where(torch.rand(b, generator=g) < 0.5, -1.0, 1.0)
    theta = torch.zeros(b, 2, 3)
    theta[:, 0, 0] = w * flip
    theta[:, 0, 2] = cx
    theta[:, 1, 1] = h
    theta[:, 1, 2] = cy
    grid = F.affine_grid(theta, x.shape, align_corners=False)
    out = F.grid_sample(x, grid, align_corners=False)
    apply = (torch.rand(b, 1, 1, 1, generator=g) < 0.8).float()
    bright = torch.empty(b, 1, 1, 1).uniform_(0.6, 1.4, generator=g)
    contrast = torch.empty(b, 1, 1, 1).uniform_(0.6, 1.4, generator=g)
    mean = out.mean(dim=(2, 3), keepdim=True)
    jit = ((out * bright - mean) * contrast + mean).clamp(0, 1)
    return apply * jit + (1 - apply) * out


def embed(model, x, bs=1000):
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(x), bs):
            out.append(model.encoder(x[i:i + bs]))
    model.train()
    return torch.cat(out)


def knn_acc(ftr, ytr, fte, yte, k=200, t=0.1):
    ftr, fte = F.normalize(ftr, dim=1), F.normalize(fte, dim=1)
    correct = 0
    for i in range(0, len(fte), 500):
        sim = fte[i:i + 500] @ ftr.t()
        w, idx = sim.topk(k, dim=1)
        votes = torch.zeros(len(idx), 10).scatter_add_(1, ytr[idx], (w / t).exp())
        correct += (votes.argmax(1) == yte[i:i + 500]).sum().item()
    return correct / len(fte)


def linear_probe(ftr, ytr, fte, yte, epochs=100):
    mu, sd = ftr.mean(0), ftr.std(0) + 1e-6
    ftr, fte = (ftr - mu) / sd, (fte - mu) / sd
    clf = nn.Linear(ftr.shape[1], 10)
    opt = torch.optim.Adam(clf.parameters(), lr=1e-2, weight_decay=1e-5)
    for _ in range(epochs):
        perm = torch.randperm(len(ftr))
        for i in range(0, len(ftr), 1024):
            j = perm[i:i + 1024]
            opt.zero_grad()
            F.cross_entropy(clf(ftr[j]), ytr[j]).backward()
            opt.step()
    return (clf(fte).argmax(1) == yte).float().mean().item()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["step", "aug", "embed", "train", "raw"])
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    g = torch.Generator().manual_seed(a.seed)
    model = SimCLR()
    opt = torch.optim.SGD(model.parameters(), lr=0.06 * a.batch / 256, momentum=0.9, weight_decay=5e-4)
    if a.mode == "step":
        v1, v2 = torch.rand(a.batch, 1, 28, 28), torch.rand(a.batch, 1, 28, 28)
        for i in range(a.steps + 3):
            if i == 3:
                t0 = time.perf_counter()
            opt.zero_grad()
            loss = nt_xent(model(v1), model(v2))
            loss.backward()
            opt.step()
        dt = time.perf_counter() - t0
        print(f"torch step: batch={a.batch} {dt / a.steps * 1000:.1f} ms/step  {2 * a.batch * a.steps / dt:.0f} views/s  loss={loss.item():.4f}")
    elif a.mode == "aug":
        x, _ = load_idx("test")
        x = x[: a.batch]
        augment(x, g)
        t0 = time.perf_counter()
        for _ in range(a.steps):
            augment(x, g)
        dt = time.perf_counter() - t0
        print(f"torch aug: {a.batch * a.steps / dt:.0f} views/s")
    elif a.mode == "embed":
        x, _ = load_idx("test")
        embed(model, x[:1000])
        t0 = time.perf_counter()
        for _ in range(max(1, a.steps // 10)):
            embed(model, x)
        dt = time.perf_counter() - t0
        print(f"torch embed: {len(x) * max(1, a.steps // 10) / dt:.0f} images/s")
    elif a.mode == "raw":
        xtr, ytr = load_idx("train")
        xte, yte = load_idx("test")
        ftr, fte = xtr.flatten(1), xte.flatten(1)
        print(f"raw pixels: knn200={knn_acc(ftr, ytr, fte, yte):.4f} linear={linear_probe(ftr, ytr, fte, yte, epochs=30):.4f}")
    else:
        xtr, ytr = load_idx("train")
        xte, yte = load_idx("test")
        steps_per_epoch = len(xtr) // a.batch
        total = steps_per_epoch * a.epochs
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, total)
        t0 = time.perf_counter()
        for ep in range(a.epochs):
            perm = torch.randperm(len(xtr), generator=g)
            for s in range(steps_per_epoch):
                xb = xtr[perm[s * a.batch:(s + 1) * a.batch]]
                v1, v2 = augment(xb, g), augment(xb, g)
                opt.zero_grad()
                loss = nt_xent(model(v1), model(v2))
                loss.backward()
                opt.step()
                sched.step()
            ftr, fte = embed(model, xtr), embed(model, xte)
            print(f"epoch {ep + 1} loss={loss.item():.4f} knn200={knn_acc(ftr, ytr, fte, yte):.4f} elapsed={time.perf_counter() - t0:.0f}s", flush=True)
        ftr, fte = embed(model, xtr), embed(model, xte)
        print(f"final: epochs={a.epochs} knn200={knn_acc(ftr, ytr, fte, yte):.4f} linear={linear_probe(ftr, ytr, fte, yte):.4f} train_s={time.perf_counter() - t0:.0f}")


if __name__ == "__main__":
    main()
