#!/usr/bin/python3
"""Writes tests/reference/transformer.json: PyTorch nn.TransformerEncoderLayer(batch_first=True) vectors.

Run with Debian's /usr/bin/python3 (torch 1.13): `/usr/bin/python3 tests/reference/make_transformer_vectors.py`.
Each case holds the layer's state_dict (PyTorch keys), the input x (B, T, D), the key padding mask as 0/1 floats
(1 = padding, ignored as a key; every row keeps at least one real key), the output and d(sum(out * upstream))/dX
for x and every parameter (named grad_<state key>). Cases cover post-norm (default) and pre-norm, relu and gelu,
eval mode (with dropout 0.1, which eval disables) and train mode with dropout 0. A final case runs a whole text
encoder (token + learned position embedding, 2 layers, final LayerNorm, masked mean pooling) as
Contrastive.Models.TransformerTextEncoder defines it, with float token ids and PAD = 0.
"""
import json, os
import torch, torch.nn as nn

torch.manual_seed(2024)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "transformer.json")


def T(x):
    x = x.detach().float().contiguous()
    return {"shape": list(x.shape), "data": [round(float(v), 7) for v in x.flatten().tolist()]}


def randomize(module):
    """Non-trivial values for every parameter (LayerNorm ones/zeros and zero biases would hide bugs)."""
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn_like(p) * 0.3)


def backward_case(name, params, module, x, run, mask):
    out = run()
    up = torch.randn_like(out)
    (out * up).sum().backward()
    tensors = {k: T(v) for k, v in module.state_dict().items()}
    tensors["x"] = T(x)
    tensors["mask"] = T(mask.float())
    tensors["out"] = T(out)
    tensors["upstream"] = T(up)
    if x.grad is not None:
        tensors["grad_x"] = T(x.grad)
    for k, p in module.named_parameters():
        tensors[f"grad_{k}"] = T(p.grad)
    return {"name": name, "params": params, "tensors": tensors}


def layer_case(name, b, t, d, heads, ff, activation, norm_first, train, dropout, lengths):
    layer = nn.TransformerEncoderLayer(d, heads, ff, dropout, activation, batch_first=True, norm_first=norm_first)
    randomize(layer)
    layer.train(train)
    x = torch.randn(b, t, d, requires_grad=True)
    mask = torch.tensor([[i >= n for i in range(t)] for n in lengths]) if lengths else torch.zeros(b, t, dtype=torch.bool)
    params = {"heads": heads, "ff": ff, "activation": activation, "norm_first": norm_first, "train": train, "dropout": dropout,
              "masked": bool(lengths)}
    return backward_case(name, params, layer, x, lambda: layer(x, src_key_padding_mask=mask if lengths else None), mask)


class TextEncoder(nn.Module):
    """The reference for TransformerTextEncoder (mean pooling over non-padding tokens)."""

    def __init__(self, vocab, max_len, d, heads, ff, layers):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, d)
        self.position_embedding = nn.Parameter(torch.randn(max_len, d) * 0.02)
        self.layers = nn.ModuleList([nn.TransformerEncoderLayer(d, heads, ff, 0.0, "gelu", batch_first=True, norm_first=True)
                                     for _ in range(layers)])
        self.norm = nn.LayerNorm(d)

    def forward(self, ids):
        pad = ids == 0
        h = self.token_embedding(ids) + self.position_embedding[: ids.shape[1]]
        for layer in self.layers:
            h = layer(h, src_key_padding_mask=pad)
        h = self.norm(h)
        keep = (~pad).float().unsqueeze(-1)
        return (h * keep).sum(1) / keep.sum(1)


def text_encoder_case():
    vocab, max_len, d, heads, ff, t = 11, 8, 8, 2, 16, 6
    model = TextEncoder(vocab, max_len, d, heads, ff, 2)
    randomize(model)
    model.train(True)
    ids = torch.tensor([[2, 5, 7, 4, 3, 0], [2, 9, 3, 0, 0, 0], [2, 1, 6, 10, 8, 3]])
    case = backward_case("text_encoder_mean_pool", {"vocab": vocab, "max_len": max_len, "heads": heads, "ff": ff, "layers": 2},
                         model, ids.float(), lambda: model(ids), ids == 0)
    return case


cases = [
    layer_case("post_norm_relu_eval_masked", 2, 5, 8, 2, 16, "relu", False, False, 0.1, [5, 3]),
    layer_case("post_norm_gelu_train_unmasked", 2, 4, 8, 4, 12, "gelu", False, True, 0.0, None),
    layer_case("pre_norm_gelu_train_masked", 3, 4, 6, 3, 10, "gelu", True, True, 0.0, [4, 1, 2]),
    layer_case("pre_norm_relu_eval_masked", 2, 3, 4, 1, 8, "relu", True, False, 0.1, [2, 3]),
    text_encoder_case(),
]
with open(OUT, "w") as f:
    json.dump({"op": "transformer_encoder_layer",
               "note": "nn.TransformerEncoderLayer(batch_first=True) outputs and gradients; mask 1 = padding; grad_<key> per parameter",
               "cases": cases}, f, separators=(",", ":"))
print(OUT, len(cases))
