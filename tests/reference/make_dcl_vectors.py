#!/usr/bin/python3
"""Writes tests/reference/dcl.json: the decoupled contrastive loss (Yeh et al., 2022) of SimCLR's two views.

Run with Debian's /usr/bin/python3 (torch 1.13): `/usr/bin/python3 tests/reference/make_dcl_vectors.py`.
Same layout as nt_xent.json (make_vectors.py): for 2N L2-normalised views, s_ij = z_i . z_j / T, and
L = mean_i [ -s_i,pos(i) + log sum_{j != i, j != pos(i)} exp(s_ij) ]: NT-Xent without the positive in the denominator.
"""
import json, os
import torch, torch.nn.functional as F

torch.manual_seed(4321)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dcl.json")


def T(x):
    x = x.detach().float().contiguous()
    return {"shape": list(x.shape), "data": [round(float(v), 7) for v in x.flatten().tolist()]}


def dcl(z1, z2, t):
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    n = z1.shape[0]
    sim = z @ z.t() / t
    pos = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    positives = sim[torch.arange(2 * n), pos]
    mask = torch.eye(2 * n, dtype=torch.bool)
    mask[torch.arange(2 * n), pos] = True
    negatives = sim.masked_fill(mask, float("-inf"))
    return (torch.logsumexp(negatives, dim=1) - positives).mean()


cases = []
for (n, d, t) in [(4, 3, 0.5), (8, 16, 0.1), (5, 8, 0.2)]:
    inputs = {"z1": torch.randn(n, d), "z2": torch.randn(n, d)}
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    out = dcl(leaves["z1"], leaves["z2"], t)
    out.backward()
    tensors = {k: T(v) for k, v in inputs.items()}
    tensors["out"] = T(out)
    tensors["upstream"] = T(torch.ones(()))
    for k, v in leaves.items():
        tensors[f"grad_{k}"] = T(v.grad)
    cases.append({"name": f"dcl_n{n}_d{d}_t{t}", "params": {"temperature": t}, "tensors": tensors})

with open(OUT, "w") as f:
    json.dump({"op": "dcl", "note": "Decoupled contrastive loss: NT-Xent with the positive left out of each anchor's denominator", "cases": cases},
              f, separators=(",", ":"))
print(OUT, len(cases))
