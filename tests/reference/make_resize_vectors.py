"""Reference vectors for Contrastive.Data's bilinear resize (ImageResampler).

Run with Debian's python3 (has torch):  /usr/bin/python3 tests/reference/make_resize_vectors.py
Writes tests/reference/resize_bilinear.json in the shared reference format.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20240601)
cases = []
for name, (h, w, oh, ow) in {
    "down_7x9_to_3x4": (7, 9, 3, 4),
    "up_3x4_to_7x10": (3, 4, 7, 10),
    "mixed_5x6_to_8x3": (5, 6, 8, 3),
    "down_28x28_to_13x13": (28, 28, 13, 13),
    "single_1x1_to_2x3": (1, 1, 2, 3),
}.items():
    x = torch.rand(1, 1, h, w)
    y = F.interpolate(x, size=(oh, ow), mode="bilinear", align_corners=False, antialias=False)
    cases.append({
        "name": name,
        "params": {"out_h": oh, "out_w": ow},
        "tensors": {
            "input": {"shape": [h, w], "data": x.flatten().tolist()},
            "output": {"shape": [oh, ow], "data": y.flatten().tolist()},
        },
    })

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "resize_bilinear.json")
with open(out, "w") as f:
    json.dump({"op": "interpolate_bilinear", "note": "F.interpolate(mode='bilinear', align_corners=False, antialias=False)", "cases": cases}, f)
print(out, len(cases))
