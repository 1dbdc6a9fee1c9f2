#!/usr/bin/python3
"""Writes the bench model's reference checkpoint and outputs (see ../BENCH_SPEC.md):
  tests/reference/bench_model.safetensors  - PyTorch state_dict of the bench SimCLR model (seed 0), safetensors format
  tests/reference/bench_model.json         - inputs, eval-mode encoder/head outputs, one train-mode NT-Xent loss
                                              and the gradient of every parameter, and the parameters after one SGD step.
safetensors is written by hand (8-byte little-endian header length, JSON header, raw little-endian data),
the format documented by the safetensors project; dtypes F32 and I64.
"""
import gzip, json, os, struct, sys
import numpy as np
import torch
sys.path.insert(0, os.path.dirname(__file__))
from torch_simclr import SimCLR, nt_xent, load_idx  # noqa: E402

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def save_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, t in tensors.items():
        t = t.detach().contiguous()
        dtype = {torch.float32: "F32", torch.int64: "I64"}[t.dtype]
        raw = t.numpy().astype("<f4" if dtype == "F32" else "<i8").tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        blobs.append(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def T(x):
    x = x.detach().float().contiguous()
    return {"shape": list(x.shape), "data": [round(float(v), 7) for v in x.flatten().tolist()]}


torch.manual_seed(0)
model = SimCLR()
save_safetensors(os.path.join(OUT, "bench_model.safetensors"), model.state_dict())

x, y = load_idx("test")
x = x[:8]
view1 = x
view2 = torch.flip(x, dims=[3]) * 0.9  # a fixed, non-random second view
model.eval()
with torch.no_grad():
    rep = model.encoder(x)
    proj = model(x)
model.train()
opt = torch.optim.SGD(model.parameters(), lr=0.06, momentum=0.9, weight_decay=5e-4)
opt.zero_grad()
loss = nt_xent(model(view1), model(view2), 0.5)
loss.backward()
grads = {f"grad:{n}": T(p.grad) for n, p in model.named_parameters()}
opt.step()
after = {f"after_sgd:{n}": T(p) for n, p in model.named_parameters()}
buffers = {f"after_step_buffer:{n}": T(b.float()) for n, b in model.named_buffers()}
doc = {
    "note": "Inputs are the first 8 Fashion-MNIST test images in [0,1]. eval_* are eval-mode outputs of the checkpoint as saved. "
            "The train step: model.train(); loss = NT-Xent(model(view1), model(view2), T=0.5) with view2 = flip_horizontal(x)*0.9; "
            "grad:* are parameter gradients of that loss; after_sgd:* are parameters after one SGD step (lr 0.06, momentum 0.9, wd 5e-4); "
            "after_step_buffer:* are BN buffers after the two train-mode forwards (view1 then view2).",
    "tensors": {"x": T(x), "view2": T(view2), "eval_representation": T(rep), "eval_projection": T(proj),
                "train_loss": T(loss.reshape(1)), **grads, **after, **buffers}}
with open(os.path.join(OUT, "bench_model.json"), "w") as f:
    json.dump(doc, f, separators=(",", ":"))
print("bench_model", float(loss))
