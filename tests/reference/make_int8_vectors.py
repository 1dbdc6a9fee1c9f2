"""Reference vectors for Contrastive.Learning's per-output-channel int8 quantisation (Int8Quantization).

Run with Debian's python3 (has torch):  /usr/bin/python3 tests/reference/make_int8_vectors.py
Writes tests/reference/int8_per_channel.json: for each weight, PyTorch's torch.quantize_per_channel with
scale_c = max|w_c| / 127, zero point 0, axis 0, qint8; "levels" is its int_repr(), "dequantized" its dequantize().
"""
import json
import os

import torch

torch.manual_seed(20261123)


def halfway_row(width):
    # Values that sit exactly half-way between two levels once divided by the row's scale (1 / 127 here),
    # which is where the rounding rule (half to even) shows.
    levels = torch.tensor([127.0] + [k + 0.5 for k in range(-4, width - 5)])
    return levels / 127.0


weights = {
    "conv_6x3x3x3": torch.randn(6, 3, 3, 3) * 0.2,
    "linear_5x7_with_zero_row": torch.cat([torch.randn(4, 7), torch.zeros(1, 7)]),
    "halfway_ties_2x12": torch.stack([halfway_row(12), -halfway_row(12)]),
    "embedding_9x4": torch.randn(9, 4) * 3,
}
cases = []
for name, w in weights.items():
    w = w.float()
    scale = w.abs().flatten(1).amax(dim=1) / 127.0
    safe = torch.where(scale > 0, scale, torch.ones_like(scale))  # quantize_per_channel needs positive scales
    q = torch.quantize_per_channel(w, safe.double(), torch.zeros(w.shape[0], dtype=torch.long), 0, torch.qint8)
    levels = q.int_repr().float()
    dequantized = levels * scale.view(-1, *([1] * (w.dim() - 1)))
    cases.append({
        "name": name,
        "tensors": {
            "weight": {"shape": list(w.shape), "data": w.flatten().tolist()},
            "levels": {"shape": list(w.shape), "data": levels.flatten().tolist()},
            "scale": {"shape": [w.shape[0]] + [1] * (w.dim() - 1), "data": scale.tolist()},
            "dequantized": {"shape": list(w.shape), "data": dequantized.flatten().tolist()},
        },
    })

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "int8_per_channel.json")
with open(out, "w") as f:
    json.dump({"op": "quantize_per_channel_int8", "note": "torch.quantize_per_channel(w, amax/127, 0, axis=0, qint8)", "cases": cases}, f)
print(out, len(cases))
