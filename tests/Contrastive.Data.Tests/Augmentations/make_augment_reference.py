#!/usr/bin/python3
"""Reference outputs for the deterministic cores of the image augmentations, computed with PyTorch.

Run with Debian's python3 (has torch; torchvision is not installed, so its tensor formulas for rotate,
gaussian_blur and the colour adjustments are reproduced below from torchvision/transforms/_functional_tensor.py):
    /usr/bin/python3 tests/Contrastive.Data.Tests/Augmentations/make_augment_reference.py
Writes augment_reference.json next to this script (format of tests/reference/*.json).
"""
import json, math, os
import torch, torch.nn.functional as F

torch.manual_seed(0)
cases = []


def t(x):
    return {"shape": list(x.shape), "data": [float(v) for v in x.flatten()]}


def add(name, params, **tensors):
    cases.append({"name": name, "params": params, "tensors": {k: t(v) for k, v in tensors.items()}})


# Resized crop: F.interpolate(bilinear, align_corners=False, antialias=False) of a window.
for (c, h, w), (top, left, ch, cw), (oh, ow) in [((3, 5, 7), (1, 2, 3, 4), (6, 5)), ((1, 9, 8), (2, 1, 6, 7), (3, 4)), ((2, 4, 4), (0, 0, 4, 4), (4, 4))]:
    x = torch.rand(c, h, w)
    y = F.interpolate(x[None, :, top:top + ch, left:left + cw], size=(oh, ow), mode="bilinear", align_corners=False)[0]
    add(f"resize_{c}x{h}x{w}_to_{oh}x{ow}", {"top": top, "left": left, "height": ch, "width": cw, "out_h": oh, "out_w": ow}, input=x, output=y)


# torchvision rotate (tensor backend): inverse affine matrix + _gen_affine_grid + grid_sample(zeros).
def rotate(img, angle):
    c, h, w = img.shape
    rot = math.radians(-angle)
    a, b, cc, d = math.cos(rot), -math.sin(rot), math.sin(rot), math.cos(rot)
    theta = torch.tensor([[d, -b, 0.0], [-cc, a, 0.0]], dtype=torch.float32)[None]
    base = torch.empty(1, h, w, 3)
    base[..., 0].copy_(torch.linspace(-w * 0.5 + 0.5, w * 0.5 - 0.5, steps=w))
    base[..., 1].copy_(torch.linspace(-h * 0.5 + 0.5, h * 0.5 - 0.5, steps=h).unsqueeze(-1))
    base[..., 2].fill_(1)
    grid = base.view(1, h * w, 3).bmm(theta.transpose(1, 2) / torch.tensor([0.5 * w, 0.5 * h])).view(1, h, w, 2)
    return F.grid_sample(img[None], grid, mode="bilinear", padding_mode="zeros", align_corners=False)[0]


for (c, h, w), angle in [((2, 6, 6), 30.0), ((1, 5, 7), -72.5), ((3, 4, 6), 90.0)]:
    x = torch.rand(c, h, w)
    add(f"rotate_{c}x{h}x{w}_{angle}", {"degrees": angle}, input=x, output=rotate(x, angle))


# torchvision gaussian_blur: normalised 1-D kernel, reflect padding, depthwise conv.
def blur(img, k, sigma):
    half = (k - 1) * 0.5
    pdf = torch.exp(-0.5 * (torch.linspace(-half, half, steps=k) / sigma) ** 2)
    k1 = pdf / pdf.sum()
    k2 = torch.mm(k1[:, None], k1[None, :]).expand(img.shape[0], 1, k, k)
    padded = F.pad(img[None], [k // 2] * 4, mode="reflect")
    return F.conv2d(padded, k2, groups=img.shape[0])[0]


for (c, h, w), k, sigma in [((3, 8, 9), 5, 1.3), ((1, 6, 5), 3, 0.7), ((2, 7, 7), 7, 2.0)]:
    x = torch.rand(c, h, w)
    add(f"blur_{c}x{h}x{w}_k{k}", {"kernel": k, "sigma": sigma}, input=x, output=blur(x, k, sigma))


# torchvision colour adjustments (float images, bound 1).
def grey(img):
    r, g, b = img.unbind(-3)
    return (0.2989 * r + 0.587 * g + 0.114 * b).unsqueeze(-3)


def blend(a, b, ratio):
    return (ratio * a + (1.0 - ratio) * b).clamp(0, 1.0)


def contrast(img, f):
    mean = torch.mean(grey(img) if img.shape[0] == 3 else img, dim=(-3, -2, -1), keepdim=True)
    return blend(img, mean, f)


def rgb2hsv(img):
    r, g, b = img.unbind(dim=-3)
    maxc = torch.max(img, dim=-3).values
    minc = torch.min(img, dim=-3).values
    eqc = maxc == minc
    cr = maxc - minc
    ones = torch.ones_like(maxc)
    s = cr / torch.where(eqc, ones, maxc)
    cr_divisor = torch.where(eqc, ones, cr)
    rc, gc, bc = (maxc - r) / cr_divisor, (maxc - g) / cr_divisor, (maxc - b) / cr_divisor
    hr = (maxc == r) * (bc - gc)
    hg = ((maxc == g) & (maxc != r)) * (2.0 + rc - bc)
    hb = ((maxc != g) & (maxc != r)) * (4.0 + gc - rc)
    h = torch.fmod((hr + hg + hb) / 6.0 + 1.0, 1.0)
    return torch.stack((h, s, maxc), dim=-3)


def hsv2rgb(img):
    h, s, v = img.unbind(dim=-3)
    i = torch.floor(h * 6.0)
    f = (h * 6.0) - i
    i = i.to(dtype=torch.int32)
    p = torch.clamp((v * (1.0 - s)), 0.0, 1.0)
    q = torch.clamp((v * (1.0 - s * f)), 0.0, 1.0)
    t_ = torch.clamp((v * (1.0 - s * (1.0 - f))), 0.0, 1.0)
    i = i % 6
    mask = i.unsqueeze(dim=-3) == torch.arange(6, dtype=torch.int32).view(-1, 1, 1)
    a1 = torch.stack((v, q, p, p, t_, v), dim=-3)
    a2 = torch.stack((t_, v, v, q, p, p), dim=-3)
    a3 = torch.stack((p, p, t_, v, v, q), dim=-3)
    a4 = torch.stack((a1, a2, a3), dim=-4)
    return torch.einsum("...ijk, ...xijk -> ...xjk", mask.to(dtype=img.dtype), a4)


def hue(img, f):
    hsv = rgb2hsv(img)
    h, s, v = hsv.unbind(dim=-3)
    h = (h + f) % 1.0
    return hsv2rgb(torch.stack((h, s, v), dim=-3))


x = torch.rand(3, 4, 5)
x[:, 0, 0] = 0.5  # a grey pixel (zero chroma)
for op, f in [("brightness", 1.3), ("contrast", 0.6), ("saturation", 1.7), ("hue", 0.27), ("hue", -0.41)]:
    y = {"brightness": lambda: blend(x, torch.zeros_like(x), f), "contrast": lambda: contrast(x, f),
         "saturation": lambda: blend(x, grey(x), f), "hue": lambda: hue(x, f)}[op]()
    add(f"color_{op}_{f}", {"op": ["brightness", "contrast", "saturation", "hue"].index(op), "factor": f}, input=x, output=y)
g1 = torch.rand(1, 4, 5)
add("color_contrast_grey_1.4", {"op": 1, "factor": 1.4}, input=g1, output=contrast(g1, 1.4))
add("grayscale_rgb", {}, input=x, output=grey(x).expand(3, 4, 5).contiguous())

out = {"op": "augment", "note": "deterministic cores of image augmentations (torchvision tensor formulas, PyTorch " + torch.__version__ + ")", "cases": cases}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "augment_reference.json"), "w") as fh:
    json.dump(out, fh)
print(f"{len(cases)} cases")
