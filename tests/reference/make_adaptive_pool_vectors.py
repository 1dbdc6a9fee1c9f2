#!/usr/bin/python3
"""Writes tests/reference/adaptive_pool.json: F.adaptive_avg_pool2d and its gradient, to S x S and to R x K grids.

Run with Debian's /usr/bin/python3 (torch 1.13): `/usr/bin/python3 tests/reference/make_adaptive_pool_vectors.py`.
Output cell i averages input rows [floor(i H / S), ceil((i + 1) H / S)), so cells overlap when S does not divide H.
"""
import json, os
import torch, torch.nn.functional as F

torch.manual_seed(2612)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "adaptive_pool.json")


def T(x):
    x = x.detach().float().contiguous()
    return {"shape": list(x.shape), "data": [round(float(v), 7) for v in x.flatten().tolist()]}


cases = []
for (shape, size) in [((2, 3, 7, 7), 3), ((2, 2, 8, 8), 3), ((1, 2, 7, 5), 2), ((2, 2, 4, 4), 4), ((1, 3, 5, 6), 1), ((1, 1, 3, 3), 5)]:
    x = torch.randn(*shape)
    leaf = x.clone().requires_grad_(True)
    out = F.adaptive_avg_pool2d(leaf, size)
    up = torch.randn_like(out)
    (out * up).sum().backward()
    name = f"adaptive_{'x'.join(map(str, shape))}_to_{size}"
    cases.append({"name": name, "params": {"size": size},
                  "tensors": {"x": T(x), "out": T(out), "upstream": T(up), "grad_x": T(leaf.grad)}})

# rectangular grids (params: size = rows R, cols = K); K = 1 averages over the columns only, keeping bands of rows
for (shape, rows, cols) in [((2, 3, 16, 9), 8, 1), ((1, 2, 7, 5), 3, 2), ((2, 2, 5, 8), 1, 4)]:
    x = torch.randn(*shape)
    leaf = x.clone().requires_grad_(True)
    out = F.adaptive_avg_pool2d(leaf, (rows, cols))
    up = torch.randn_like(out)
    (out * up).sum().backward()
    name = f"adaptive_{'x'.join(map(str, shape))}_to_{rows}x{cols}"
    cases.append({"name": name, "params": {"size": rows, "cols": cols},
                  "tensors": {"x": T(x), "out": T(out), "upstream": T(up), "grad_x": T(leaf.grad)}})

with open(OUT, "w") as f:
    json.dump({"op": "adaptive_pool", "note": "F.adaptive_avg_pool2d to S x S (size) or R x K (size, cols); gradient of sum(out * upstream)", "cases": cases},
              f, separators=(",", ":"))
print(OUT, len(cases))
