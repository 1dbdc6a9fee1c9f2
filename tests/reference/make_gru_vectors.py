#!/usr/bin/python3
"""Writes tests/reference/gru.json: PyTorch nn.GRU(batch_first=True) vectors.

Run with Debian's /usr/bin/python3 (torch 1.13): `/usr/bin/python3 tests/reference/make_gru_vectors.py`.
Each case holds the GRU's state_dict (PyTorch keys, randomised), the input x (B, T, I), the per-row lengths (all T
when unpadded; otherwise the input goes through pack_padded_sequence and the output comes back through
pad_packed_sequence, zeros at padding), the output (B, T, D*H) and d(sum(out * upstream))/dX for x and every
parameter (named grad_<state key>). A final case runs a whole GRU text encoder (token embedding, bidirectional
GRU over the real tokens, mean pooling over them) as Contrastive.Models.GruTextEncoder defines it, PAD = 0.
"""
import json, os, sys
import torch, torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.manual_seed(1812)
OUT = os.path.join(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)), "gru.json")


def T(x):
    x = x.detach().float().contiguous()
    return {"shape": list(x.shape), "data": [round(float(v), 7) for v in x.flatten().tolist()]}


def randomize(module):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn_like(p) * 0.4)


def run_gru(gru, x, lengths):
    t = x.shape[1]
    if all(n == t for n in lengths):
        return gru(x)[0]
    packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=True, enforce_sorted=False)
    return pad_packed_sequence(gru(packed)[0], batch_first=True, total_length=t)[0]


def backward_case(name, params, module, x, out, lengths):
    up = torch.randn_like(out)
    (out * up).sum().backward()
    tensors = {k: T(v) for k, v in module.state_dict().items()}
    tensors["x"] = T(x)
    tensors["lengths"] = T(torch.tensor(lengths, dtype=torch.float32))
    tensors["out"] = T(out)
    tensors["upstream"] = T(up)
    if x.grad is not None:
        tensors["grad_x"] = T(x.grad)
    for k, p in module.named_parameters():
        tensors[f"grad_{k}"] = T(p.grad)
    return {"name": name, "params": params, "tensors": tensors}


def gru_case(name, b, t, i, h, layers, bidirectional, lengths):
    gru = nn.GRU(i, h, num_layers=layers, bidirectional=bidirectional, batch_first=True)
    randomize(gru)
    x = torch.randn(b, t, i, requires_grad=True)
    params = {"hidden": h, "layers": layers, "bidirectional": bidirectional}
    return backward_case(name, params, gru, x, run_gru(gru, x, lengths), lengths)


class GruTextEncoder(nn.Module):
    """The reference for GruTextEncoder: embedding, bidirectional GRU over the real tokens, masked mean pooling."""

    def __init__(self, vocab, d, h):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, d)
        self.gru = nn.GRU(d, h, batch_first=True, bidirectional=True)

    def forward(self, ids):
        real = ids != 0
        lengths = real.sum(1).tolist()
        out = run_gru(self.gru, self.token_embedding(ids), lengths)
        keep = real.float().unsqueeze(-1)
        return (out * keep).sum(1) / keep.sum(1)


def text_encoder_case():
    vocab, d, h = 12, 6, 5
    model = GruTextEncoder(vocab, d, h)
    randomize(model)
    ids = torch.tensor([[2, 5, 7, 4, 3, 0], [2, 9, 3, 0, 0, 0], [2, 1, 6, 10, 11, 3]])
    lengths = (ids != 0).sum(1).tolist()
    return backward_case("text_encoder_gru_mean_pool", {"vocab": vocab, "dim": d, "hidden": h}, model, ids.float(), model(ids), lengths)


cases = [
    gru_case("one_layer_forward", 2, 4, 3, 5, 1, False, [4, 4]),
    gru_case("one_layer_bidirectional", 3, 5, 4, 3, 1, True, [5, 5, 5]),
    gru_case("bidirectional_padded", 3, 5, 4, 3, 1, True, [5, 2, 3]),
    gru_case("two_layers_bidirectional_padded", 2, 4, 3, 4, 2, True, [4, 1]),
    text_encoder_case(),
]
with open(OUT, "w") as f:
    json.dump({"op": "gru",
               "note": "nn.GRU(batch_first=True) outputs and gradients; padded rows via pack_padded_sequence; grad_<key> per parameter",
               "cases": cases}, f, separators=(",", ":"))
print(OUT, len(cases))
