#!/usr/bin/python3
"""Writes tests/reference/audio.json: the audio front end's reference vectors.

Run with Debian's /usr/bin/python3 (torch 1.13): `/usr/bin/python3 tests/reference/make_audio_vectors.py`.
Debian 12 has no torchaudio, so the spectrogram is torch.stft and the rest follows torchaudio's formulas in numpy /
torch, written out below: the HTK mel filter bank of torchaudio.functional.melscale_fbanks (norm None), the
orthonormal DCT-II of torchaudio.functional.create_dct, and the windowed-sinc (Hann) resampler of
torchaudio.functional.resample (lowpass_filter_width 6, rolloff 0.99). Cases:
- spectrogram_*: a seeded test signal x, its power spectrogram |STFT|^2 (periodic Hann window of win_length centred in
  n_fft, center=True with reflect padding) (n_fft/2+1, frames), the mel filter bank (n_freqs, n_mels), the log-mel
  log(fb^T power + 1e-6) (n_mels, frames) and the MFCCs dct(log-mel) (n_mfcc, frames);
- resample_*: x at orig_freq and torchaudio's resample of it to new_freq;
- gru_frame_encoder: Contrastive.Models.GruFrameEncoder's PyTorch equivalent, gru(x.squeeze(1).transpose(1, 2))[0].mean(1)
  for a bidirectional nn.GRU and spectrograms x (B, 1, F, T), with its state_dict, upstream gradient, grad_x and the
  gradient of every parameter (grad_<state key>).
"""
import json, math, os, sys
import numpy as np
import torch
import torch.nn.functional as F

torch.manual_seed(2205)
OUT = os.path.join(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)), "audio.json")


def T(x):
    x = (x.detach() if torch.is_tensor(x) else torch.as_tensor(np.asarray(x))).float().contiguous()
    return {"shape": list(x.shape), "data": [round(float(v), 7) for v in x.flatten().tolist()]}


def signal(sample_rate, samples):
    t = torch.arange(samples, dtype=torch.float64) / sample_rate
    x = 0.5 * torch.sin(2 * math.pi * 440 * t) + 0.25 * torch.sin(2 * math.pi * 1250 * t + 0.3)
    x = x * torch.linspace(0.2, 1.0, samples, dtype=torch.float64) + 0.05 * torch.randn(samples, dtype=torch.float64)
    return x.float()


def hz_to_mel(f):
    return 2595.0 * np.log10(1.0 + f / 700.0)


def mel_to_hz(m):
    return 700.0 * (10.0 ** (m / 2595.0) - 1.0)


def mel_fbank(n_freqs, f_min, f_max, n_mels, sample_rate):
    all_freqs = np.linspace(0, sample_rate // 2, n_freqs)
    f_pts = mel_to_hz(np.linspace(hz_to_mel(f_min), hz_to_mel(f_max), n_mels + 2))
    f_diff = f_pts[1:] - f_pts[:-1]
    slopes = f_pts[None, :] - all_freqs[:, None]
    down = -slopes[:, :-2] / f_diff[:-1]
    up = slopes[:, 2:] / f_diff[1:]
    return np.maximum(0.0, np.minimum(down, up))


def dct_ortho(n_mfcc, n_mels):
    n = np.arange(n_mels, dtype=np.float64)
    k = np.arange(n_mfcc, dtype=np.float64)[:, None]
    dct = np.cos(math.pi / n_mels * (n + 0.5) * k)
    dct[0] *= 1.0 / math.sqrt(2.0)
    return dct * math.sqrt(2.0 / n_mels)  # (n_mfcc, n_mels)


def spectrogram_case(name, sample_rate, samples, n_fft, win_length, hop, n_mels, n_mfcc, f_min, f_max):
    x = signal(sample_rate, samples)
    window = torch.hann_window(win_length, periodic=True, dtype=torch.float64)
    spec = torch.stft(x.double(), n_fft, hop_length=hop, win_length=win_length, window=window, center=True,
                      pad_mode="reflect", return_complex=True)
    power = (spec.abs() ** 2).numpy()
    fb = mel_fbank(n_fft // 2 + 1, f_min, f_max, n_mels, sample_rate)
    log_mel = np.log(fb.T @ power + 1e-6)
    mfcc = dct_ortho(n_mfcc, n_mels) @ log_mel
    params = {"sample_rate": sample_rate, "n_fft": n_fft, "win_length": win_length, "hop_length": hop,
              "n_mels": n_mels, "n_mfcc": n_mfcc, "f_min": f_min, "f_max": f_max}
    return {"name": name, "params": params,
            "tensors": {"x": T(x), "power": T(power), "fbank": T(fb), "log_mel": T(log_mel), "mfcc": T(mfcc)}}


def resample(x, orig_freq, new_freq, lowpass_filter_width=6, rolloff=0.99):
    gcd = math.gcd(orig_freq, new_freq)
    orig, new = orig_freq // gcd, new_freq // gcd
    base_freq = min(orig, new) * rolloff
    width = math.ceil(lowpass_filter_width * orig / base_freq)
    idx = torch.arange(-width, width + orig, dtype=torch.float64)[None, None] / orig
    t = torch.arange(0, -new, -1, dtype=torch.float64)[:, None, None] / new + idx
    t = (t * base_freq).clamp(-lowpass_filter_width, lowpass_filter_width)
    window = torch.cos(t * math.pi / lowpass_filter_width / 2) ** 2
    t = t * math.pi
    kernels = torch.where(t == 0, torch.tensor(1.0, dtype=torch.float64), t.sin() / t) * window * (base_freq / orig)
    padded = F.pad(x.double()[None, None], (width, width + orig))
    out = F.conv1d(padded, kernels, stride=orig).transpose(1, 2).reshape(-1)
    return out[: math.ceil(new * x.shape[-1] / orig)]


def resample_case(name, orig_freq, new_freq, samples):
    x = signal(orig_freq, samples)
    return {"name": name, "params": {"orig_freq": orig_freq, "new_freq": new_freq},
            "tensors": {"x": T(x), "y": T(resample(x, orig_freq, new_freq))}}


def gru_frame_case(batch, features, frames, hidden):
    gru = torch.nn.GRU(features, hidden, batch_first=True, bidirectional=True)
    with torch.no_grad():
        for p in gru.parameters():
            p.copy_(torch.randn_like(p) * 0.4)
    x = torch.randn(batch, 1, features, frames, requires_grad=True)
    out = gru(x.squeeze(1).transpose(1, 2))[0].mean(1)
    up = torch.randn_like(out)
    (out * up).sum().backward()
    tensors = {k: T(v) for k, v in gru.state_dict().items()}
    tensors.update({"x": T(x), "out": T(out), "upstream": T(up), "grad_x": T(x.grad)})
    tensors.update({f"grad_{k}": T(p.grad) for k, p in gru.named_parameters()})
    return {"name": "gru_frame_encoder", "params": {"features": features, "hidden": hidden}, "tensors": tensors}


cases = [
    spectrogram_case("spectrogram_16k", 16000, 4000, 512, 400, 160, 40, 13, 0.0, 8000.0),
    spectrogram_case("spectrogram_small", 8000, 700, 64, 64, 25, 8, 5, 100.0, 3500.0),
    resample_case("resample_22050_to_16000", 22050, 16000, 1500),
    resample_case("resample_16000_to_8000", 16000, 8000, 1200),
    resample_case("resample_8000_to_16000", 8000, 16000, 600),
    resample_case("resample_16000_to_17600", 16000, 17600, 1000),
    gru_frame_case(3, 5, 7, 4),
]
with open(OUT, "w") as f:
    json.dump({"op": "audio", "note": "written by tests/reference/make_audio_vectors.py (torch " + torch.__version__ + ")",
               "cases": cases}, f)
print("wrote", OUT)
