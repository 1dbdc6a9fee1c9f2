#!/usr/bin/python3
"""Writes PyTorch reference vectors (inputs, outputs, gradients) to tests/reference/*.json.

Each file: {"op": ..., "note": ..., "cases": [{"name":..., "params": {...}, "tensors": {name: {"shape": [...], "data": [...]}}}]}
Every gradient is d(sum(out * upstream))/d(input) with the `upstream` tensor stored alongside, so that a
consumer can reproduce it with one backward pass. All float32, row-major (C order), NCHW for images.
"""
import json, math, os, sys
import torch, torch.nn as nn, torch.nn.functional as F

torch.manual_seed(1234)
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(OUT, exist_ok=True)


def T(x):
    x = x.detach().float().contiguous()
    return {"shape": list(x.shape), "data": [round(float(v), 7) for v in x.flatten().tolist()]}


def write(op, note, cases):
    with open(os.path.join(OUT, f"{op}.json"), "w") as f:
        json.dump({"op": op, "note": note, "cases": cases}, f, separators=(",", ":"))
    print(op, len(cases))


def grad_case(name, params, fn, inputs):
    """inputs: dict name -> tensor (requires grad set here). fn(**inputs) -> output tensor."""
    ins = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    out = fn(**ins)
    up = torch.randn_like(out)
    (out * up).sum().backward()
    tensors = {k: T(v) for k, v in inputs.items()}
    tensors["out"] = T(out)
    tensors["upstream"] = T(up)
    for k, v in ins.items():
        if v.grad is not None:
            tensors[f"grad_{k}"] = T(v.grad)
    return {"name": name, "params": params, "tensors": tensors}


# ---- linear / matmul
cases = []
for (n, i, o) in [(4, 5, 3), (7, 16, 9)]:
    cases.append(grad_case(f"linear_{n}x{i}->{o}", {}, lambda x, w, b: F.linear(x, w, b),
                           {"x": torch.randn(n, i), "w": torch.randn(o, i), "b": torch.randn(o)}))
write("linear", "y = x @ w.T + b; w is (out,in) like PyTorch", cases)

cases = []
for (m, k, n, ta, tb) in [(3, 4, 5, False, False), (6, 7, 2, True, False), (5, 3, 4, False, True), (4, 6, 3, True, True)]:
    a = torch.randn(k, m) if ta else torch.randn(m, k)
    b = torch.randn(n, k) if tb else torch.randn(k, n)
    cases.append(grad_case(f"matmul_{m}x{k}x{n}_ta{int(ta)}_tb{int(tb)}", {"transA": ta, "transB": tb},
                           lambda a, b, ta=ta, tb=tb: (a.t() if ta else a) @ (b.t() if tb else b), {"a": a, "b": b}))
write("matmul", "out = op(a) @ op(b), op = transpose where transA/transB", cases)

# ---- conv2d
cases = []
for (n, ci, co, h, w, k, s, p, bias) in [(2, 1, 4, 7, 7, 3, 1, 1, False), (2, 3, 5, 8, 8, 3, 2, 1, True),
                                         (1, 4, 6, 5, 5, 1, 1, 0, True), (3, 2, 3, 9, 7, 3, 2, 0, False),
                                         (2, 3, 4, 6, 6, 5, 1, 2, True)]:
    inputs = {"x": torch.randn(n, ci, h, w), "w": torch.randn(co, ci, k, k)}
    if bias:
        inputs["b"] = torch.randn(co)
        fn = lambda x, w, b, s=s, p=p: F.conv2d(x, w, b, stride=s, padding=p)
    else:
        fn = lambda x, w, s=s, p=p: F.conv2d(x, w, None, stride=s, padding=p)
    cases.append(grad_case(f"conv_{n}x{ci}x{h}x{w}_co{co}_k{k}_s{s}_p{p}_b{int(bias)}",
                           {"stride": s, "padding": p, "kernel": k}, fn, inputs))
write("conv2d", "NCHW input, weight (out,in,k,k), zero padding, no dilation, groups=1", cases)

# ---- pooling
cases = []
x = torch.randn(2, 3, 6, 6)
cases.append(grad_case("maxpool_k2_s2", {"kernel": 2, "stride": 2}, lambda x: F.max_pool2d(x, 2, 2), {"x": x}))
cases.append(grad_case("maxpool_k3_s2_p1", {"kernel": 3, "stride": 2, "padding": 1}, lambda x: F.max_pool2d(x, 3, 2, 1), {"x": torch.randn(2, 2, 7, 7)}))
cases.append(grad_case("avgpool_k2_s2", {"kernel": 2, "stride": 2}, lambda x: F.avg_pool2d(x, 2, 2), {"x": x}))
cases.append(grad_case("global_avgpool", {}, lambda x: x.mean(dim=(2, 3)), {"x": torch.randn(3, 4, 5, 5)}))
write("pool", "max/avg pooling (count_include_pad=True for avg) and global average pooling to (N,C)", cases)

# ---- batchnorm (training mode: batch statistics, biased variance for normalisation, unbiased for running_var)
cases = []
for shape in [(6, 4), (3, 4, 5, 5)]:
    x = torch.randn(*shape) * 2 + 0.5
    c = shape[1]
    g, b = torch.randn(c), torch.randn(c)
    bn = nn.BatchNorm2d(c) if len(shape) == 4 else nn.BatchNorm1d(c)
    rm0, rv0 = torch.randn(c) * 0.1, torch.rand(c) + 0.5
    bn.running_mean.copy_(rm0); bn.running_var.copy_(rv0)
    def fn(x, gamma, beta, bn=bn):
        return F.batch_norm(x, bn.running_mean, bn.running_var, gamma, beta, training=True, momentum=0.1, eps=1e-5)
    case = grad_case(f"batchnorm_train_{'x'.join(map(str, shape))}", {"momentum": 0.1, "eps": 1e-5}, fn, {"x": x, "gamma": g, "beta": b})
    # grad_case ran fn once: running stats were updated exactly once
    case["tensors"]["running_mean_before"] = T(rm0)
    case["tensors"]["running_var_before"] = T(rv0)
    case["tensors"]["running_mean_after"] = T(bn.running_mean)
    case["tensors"]["running_var_after"] = T(bn.running_var)
    cases.append(case)
    # eval mode with the updated running stats
    rm, rv = bn.running_mean.clone(), bn.running_var.clone()
    cases.append(grad_case(f"batchnorm_eval_{'x'.join(map(str, shape))}", {"eps": 1e-5},
                           lambda x, gamma, beta, running_mean, running_var: F.batch_norm(x, running_mean.detach(), running_var.detach(), gamma, beta, training=False, eps=1e-5),
                           {"x": x, "gamma": g, "beta": b, "running_mean": rm, "running_var": rv}))
write("batchnorm", "PyTorch semantics: train uses batch mean and biased var; running_var updated with unbiased var, momentum 0.1. Eval case: grads w.r.t. running stats are zero and may be ignored", cases)

# ---- layernorm
cases = []
for shape in [(4, 8), (2, 3, 6)]:
    d = shape[-1]
    cases.append(grad_case(f"layernorm_{'x'.join(map(str, shape))}", {"eps": 1e-5},
                           lambda x, gamma, beta, d=d: F.layer_norm(x, (d,), gamma, beta, 1e-5),
                           {"x": torch.randn(*shape), "gamma": torch.randn(d), "beta": torch.randn(d)}))
write("layernorm", "normalises over the last dimension", cases)

# ---- activations
cases = []
x = torch.randn(5, 7) * 2
for name, fn in [("relu", F.relu), ("gelu_erf", F.gelu), ("gelu_tanh", lambda t: F.gelu(t, approximate="tanh")),
                 ("tanh", torch.tanh), ("sigmoid", torch.sigmoid), ("silu", F.silu), ("leaky_relu_0.01", F.leaky_relu)]:
    cases.append(grad_case(name, {}, lambda x, fn=fn: fn(x), {"x": x}))
cases.append(grad_case("softmax_dim1", {}, lambda x: F.softmax(x, dim=1), {"x": x}))
cases.append(grad_case("log_softmax_dim1", {}, lambda x: F.log_softmax(x, dim=1), {"x": x}))
cases.append(grad_case("l2_normalize_dim1", {"eps": 1e-12}, lambda x: F.normalize(x, dim=1), {"x": x}))
write("activation", "elementwise activations, softmax family over dim 1, L2 normalisation over dim 1", cases)

# ---- dropout is random: no vector. embedding:
cases = []
idx = torch.tensor([[1, 3, 0], [2, 2, 4]])
cases.append(grad_case("embedding", {"indices_shape": [2, 3], "indices": idx.flatten().tolist()}, lambda w: F.embedding(idx, w), {"w": torch.randn(5, 4)}))
write("embedding", "out[i,j,:] = w[indices[i,j],:]; indices stored in params", cases)

# ---- losses
cases = []
logits, target = torch.randn(6, 5), torch.tensor([0, 4, 2, 2, 1, 3])
c = grad_case("cross_entropy_mean", {"targets": target.tolist()}, lambda logits: F.cross_entropy(logits, target), {"logits": logits})
cases.append(c)
c = grad_case("cross_entropy_label_smoothing_0.1", {"targets": target.tolist(), "label_smoothing": 0.1}, lambda logits: F.cross_entropy(logits, target, label_smoothing=0.1), {"logits": logits})
cases.append(c)
write("cross_entropy", "mean reduction over the batch", cases)


def nt_xent(z1, z2, t):
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    n = z1.shape[0]
    sim = z @ z.t() / t
    sim = sim.masked_fill(torch.eye(2 * n, dtype=torch.bool), float("-inf"))
    target = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(sim, target)


cases = []
for (n, d, t) in [(4, 3, 0.5), (8, 16, 0.1), (5, 8, 1.0)]:
    cases.append(grad_case(f"nt_xent_n{n}_d{d}_t{t}", {"temperature": t}, lambda z1, z2, t=t: nt_xent(z1, z2, t),
                           {"z1": torch.randn(n, d), "z2": torch.randn(n, d)}))
write("nt_xent", "SimCLR NT-Xent: L2-normalise both views, 2N x 2N cosine similarities / temperature, self-similarity excluded, cross-entropy toward the other view, mean over all 2N anchors", cases)


def info_nce_queue(q, k, queue, t):
    q, k = F.normalize(q, dim=1), F.normalize(k, dim=1)
    lpos = (q * k).sum(1, keepdim=True)
    lneg = q @ F.normalize(queue, dim=1).t()
    logits = torch.cat([lpos, lneg], 1) / t
    return F.cross_entropy(logits, torch.zeros(len(q), dtype=torch.long))


cases = []
cases.append(grad_case("info_nce_queue_n4_d8_k10_t0.2", {"temperature": 0.2},
                       lambda q, k, queue: info_nce_queue(q, k, queue, 0.2),
                       {"q": torch.randn(4, 8), "k": torch.randn(4, 8), "queue": torch.randn(10, 8)}))
write("info_nce_queue", "MoCo InfoNCE: positive logit q.k, negatives q.queue (queue rows L2-normalised), temperature, class 0 is the positive. In MoCo k and queue carry no gradient; the gradients are given anyway", cases)


def triplet(a, p, n, margin):
    return F.triplet_margin_loss(a, p, n, margin=margin, p=2)


cases = []
cases.append(grad_case("triplet_margin_1.0", {"margin": 1.0}, lambda a, p, n: triplet(a, p, n, 1.0),
                       {"a": torch.randn(6, 4), "p": torch.randn(6, 4), "n": torch.randn(6, 4)}))


def batch_hard_triplet(e, labels, margin):
    d = torch.cdist(e, e) + 0.0
    same = labels[:, None] == labels[None, :]
    eye = torch.eye(len(e), dtype=torch.bool)
    hardest_pos = (d * (same & ~eye)).max(1).values
    big = d.max().detach() + 1.0
    hardest_neg = torch.where(same, d + big, d).min(1).values
    return F.relu(hardest_pos - hardest_neg + margin).mean()


labels = torch.tensor([0, 0, 1, 1, 2, 2, 0, 1])
cases.append(grad_case("batch_hard_triplet_margin_0.5", {"margin": 0.5, "labels": labels.tolist()},
                       lambda e: batch_hard_triplet(e, labels, 0.5), {"e": torch.randn(8, 5)}))


def contrastive_pair(x1, x2, same, margin):
    d = F.pairwise_distance(x1, x2, eps=0.0)
    return (same * d.pow(2) + (1 - same) * F.relu(margin - d).pow(2)).mean() / 2


same = torch.tensor([1.0, 0.0, 1.0, 0.0, 0.0])
cases.append(grad_case("contrastive_margin_2.0", {"margin": 2.0, "same": same.tolist()},
                       lambda x1, x2: contrastive_pair(x1, x2, same, 2.0), {"x1": torch.randn(5, 3), "x2": torch.randn(5, 3)}))
write("metric_losses", "triplet: mean(relu(|a-p|-|a-n|+margin)), Euclidean; batch-hard: per anchor hardest positive (max distance, same label, not itself) and hardest negative (min distance, other label), Euclidean; contrastive (Hadsell 2006): mean(same*d^2 + (1-same)*relu(margin-d)^2)/2", cases)


def supcon(z, labels, t):
    z = F.normalize(z, dim=1)
    n = len(z)
    sim = z @ z.t() / t
    eye = torch.eye(n, dtype=torch.bool)
    sim = sim.masked_fill(eye, float("-inf"))
    logprob = sim - torch.logsumexp(sim, dim=1, keepdim=True)
    pos = (labels[:, None] == labels[None, :]) & ~eye
    return -(logprob.masked_fill(~pos, 0).sum(1) / pos.sum(1)).mean()


def byol(p, z):
    return (2 - 2 * (F.normalize(p, dim=1) * F.normalize(z, dim=1)).sum(1)).mean()


def clip_loss(img, txt, logit_scale):
    img, txt = F.normalize(img, dim=1), F.normalize(txt, dim=1)
    logits = logit_scale.exp() * img @ txt.t()
    y = torch.arange(len(img))
    return (F.cross_entropy(logits, y) + F.cross_entropy(logits.t(), y)) / 2


def barlow(z1, z2, lam):
    n = len(z1)
    z1 = (z1 - z1.mean(0)) / z1.std(0, unbiased=False)
    z2 = (z2 - z2.mean(0)) / z2.std(0, unbiased=False)
    c = z1.t() @ z2 / n
    on = (torch.diagonal(c) - 1).pow(2).sum()
    off = (c - torch.diag(torch.diagonal(c))).pow(2).sum()
    return on + lam * off


cases = []
labels = torch.tensor([0, 1, 0, 2, 1, 0, 2, 2])
cases.append(grad_case("supcon_t0.1", {"temperature": 0.1, "labels": labels.tolist()}, lambda z: supcon(z, labels, 0.1), {"z": torch.randn(8, 6)}))
cases.append(grad_case("byol_regression", {}, lambda p, z: byol(p, z), {"p": torch.randn(5, 6), "z": torch.randn(5, 6)}))
cases.append(grad_case("clip_symmetric", {}, lambda img, txt, logit_scale: clip_loss(img, txt, logit_scale),
                       {"img": torch.randn(6, 8), "txt": torch.randn(6, 8), "logit_scale": torch.tensor(math.log(1 / 0.07))}))
cases.append(grad_case("barlow_twins_lambda_0.005", {"lambda": 0.005}, lambda z1, z2: barlow(z1, z2, 0.005), {"z1": torch.randn(8, 4), "z2": torch.randn(8, 4)}))
write("ssl_losses", "SupCon (Khosla 2020, L_out, anchors over all samples, self excluded); BYOL 2-2cos mean; CLIP symmetric cross-entropy with logits = exp(logit_scale)*cos; Barlow Twins with biased std over the batch", cases)

# ---- attention
cases = []
torch.manual_seed(7)
mha = nn.MultiheadAttention(8, 2, batch_first=True)
x = torch.randn(2, 5, 8)
params = {"in_proj_weight": mha.in_proj_weight.detach().clone(), "in_proj_bias": mha.in_proj_bias.detach().clone(),
          "out_proj_weight": mha.out_proj.weight.detach().clone(), "out_proj_bias": mha.out_proj.bias.detach().clone()}


def mha_fn(x, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias):
    out, _ = F.multi_head_attention_forward(x.transpose(0, 1), x.transpose(0, 1), x.transpose(0, 1), 8, 2,
                                            in_proj_weight, in_proj_bias, None, None, False, 0.0,
                                            out_proj_weight, out_proj_bias, training=False, need_weights=False)
    return out.transpose(0, 1)


cases.append(grad_case("self_attention_b2_t5_d8_h2", {"heads": 2}, mha_fn, dict(x=x, **params)))
pad = torch.tensor([[False, False, False, True, True], [False, False, False, False, False]])


def mha_masked(x, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias):
    out, _ = F.multi_head_attention_forward(x.transpose(0, 1), x.transpose(0, 1), x.transpose(0, 1), 8, 2,
                                            in_proj_weight, in_proj_bias, None, None, False, 0.0,
                                            out_proj_weight, out_proj_bias, training=False, key_padding_mask=pad, need_weights=False)
    return out.transpose(0, 1)


c = grad_case("self_attention_key_padding_mask", {"heads": 2, "key_padding_mask": pad.int().flatten().tolist()}, mha_masked, dict(x=x, **params))
cases.append(c)
write("attention", "PyTorch nn.MultiheadAttention, batch_first, in_proj_weight rows = [Wq;Wk;Wv], scaled dot product 1/sqrt(head_dim); key_padding_mask 1 = ignore that key", cases)

# ---- optimizers: three steps from the same start, fixed gradients per step
cases = []


def opt_case(name, params_desc, make_opt, steps=3):
    torch.manual_seed(99)
    w = torch.randn(4, 3, requires_grad=True)
    b = torch.randn(3, requires_grad=True)
    w0, b0 = w.detach().clone(), b.detach().clone()
    opt = make_opt([w, b])
    grads = []
    for s in range(steps):
        gw, gb = torch.randn(4, 3), torch.randn(3)
        grads.append((gw, gb))
        w.grad, b.grad = gw.clone(), gb.clone()
        opt.step()
    tensors = {"w0": T(w0), "b0": T(b0), "w_final": T(w), "b_final": T(b)}
    for s, (gw, gb) in enumerate(grads):
        tensors[f"grad_w_step{s}"] = T(gw)
        tensors[f"grad_b_step{s}"] = T(gb)
    return {"name": name, "params": params_desc, "tensors": tensors}


cases.append(opt_case("sgd_momentum_wd", {"lr": 0.1, "momentum": 0.9, "weight_decay": 5e-4, "nesterov": False},
                      lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=5e-4)))
cases.append(opt_case("sgd_nesterov", {"lr": 0.05, "momentum": 0.9, "weight_decay": 0.0, "nesterov": True},
                      lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True)))
cases.append(opt_case("adam", {"lr": 1e-2, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.0},
                      lambda p: torch.optim.Adam(p, lr=1e-2)))
cases.append(opt_case("adamw", {"lr": 1e-2, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.05},
                      lambda p: torch.optim.AdamW(p, lr=1e-2, weight_decay=0.05)))


class LARS(torch.optim.Optimizer):
    """SimCLR-style LARS: for parameters with ndim>1 (weights), weight decay is added to the gradient and the
    update is scaled by trust = eta*|w|/|g + wd*w| (1 if either norm is 0); 1-D parameters (biases, norms) get
    neither weight decay nor adaptation. Then heavy-ball momentum: v = m*v + lr*trust*g'; w -= v."""

    def __init__(self, params, lr, momentum=0.9, weight_decay=1e-6, eta=1e-3):
        super().__init__(params, dict(lr=lr, momentum=momentum, weight_decay=weight_decay, eta=eta))

    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            for p in g["params"]:
                d = p.grad
                trust = 1.0
                if p.ndim > 1:
                    d = d + g["weight_decay"] * p
                    pn, dn = torch.norm(p), torch.norm(d)
                    if pn > 0 and dn > 0:
                        trust = (g["eta"] * pn / dn).item()
                st = self.state[p]
                v = st.get("v")
                v = torch.zeros_like(p) if v is None else v
                v.mul_(g["momentum"]).add_(d, alpha=g["lr"] * trust)
                st["v"] = v
                p.sub_(v)


cases.append(opt_case("lars_simclr", {"lr": 0.3, "momentum": 0.9, "weight_decay": 1e-6, "eta": 1e-3, "exclude_1d": True},
                      lambda p: LARS(p, lr=0.3)))
write("optimizers", "three steps from (w0,b0) with the stored gradients; PyTorch semantics for SGD/Adam/AdamW; LARS as described in params (exclude_1d: biases skip decay and trust scaling), momentum v = m*v + lr*trust*g, w -= v", cases)

# ---- schedule
sched = []
opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
warm, total = 10, 100
vals = []
for s in range(total):
    if s < warm:
        lr = (s + 1) / warm
    else:
        lr = 0.5 * (1 + math.cos(math.pi * (s - warm) / (total - warm)))
    vals.append(lr)
write("schedule", "linear warmup for 10 steps to base lr 1.0 ((s+1)/warmup), then cosine to 0 over the remaining 90 steps; value at step s used for update s",
      [{"name": "warmup10_cosine100", "params": {"warmup": warm, "total": total, "base_lr": 1.0}, "tensors": {"lr": T(torch.tensor(vals))}}])
