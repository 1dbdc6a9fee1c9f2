#!/usr/bin/python3
"""Writes the reinforcement-learning reference vectors (Debian 12's /usr/bin/python3: torch 1.13 and numpy).

Run `/usr/bin/python3 tests/reference/make_rl_vectors.py [OUT_DIR]`. Writes:
- bilinear_info_nce.json: CURL's bilinear InfoNCE (Srinivas et al. 2020), logits = q W k^T, L = mean_i CE(logits_i, i),
  with the gradients of q, k and W (CURL subtracts each row's max first, which cross-entropy is blind to).
- ridge.json: ridge regression with an intercept as scikit-learn's Ridge(alpha, fit_intercept=True) defines it,
  min ||y - X w - b||^2 + alpha ||w||^2, solved in float64 by LAPACK on the centred data (w = (Xc^T Xc + alpha I)^-1
  Xc^T yc, b = mean(y) - mean(X) w): coefficients, intercepts, test predictions, and R^2 per target as r2_score's
  'raw_values' defines it (1 - SSE / SST around the test targets' mean), with more features than rows and fewer.
- cartpole.json: trajectories of Gym's CartPole-v1 equations (gym/envs/classic_control/cartpole.py, semi-implicit
  Euler, tau 0.02) written out here in float64, with the pole free to swing (the angle wrapped to [-pi, pi]) and the
  cart bouncing off |x| = 2.4 at half its speed, 4 physics steps per action: the states after each action.
"""
import json, os, sys
import numpy as np
import torch, torch.nn.functional as F

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def T(x):
    x = np.asarray(x.detach().numpy() if torch.is_tensor(x) else x, dtype=np.float64)
    return {"shape": list(x.shape), "data": [round(float(v), 8) for v in x.flatten().tolist()]}


def write(name, op, note, cases):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump({"op": op, "note": note, "cases": cases}, f, separators=(",", ":"))
    print(path, len(cases))


torch.manual_seed(2222)
cases = []
for (n, d) in [(4, 3), (8, 16), (6, 5)]:
    inputs = {"q": torch.randn(n, d), "k": torch.randn(n, d), "w": torch.rand(d, d)}
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    logits = leaves["q"] @ leaves["w"] @ leaves["k"].t()
    logits = logits - torch.max(logits, 1)[0][:, None]
    out = F.cross_entropy(logits, torch.arange(n))
    out.backward()
    tensors = {k: T(v) for k, v in inputs.items()}
    tensors["out"] = T(out)
    tensors["upstream"] = T(torch.ones(()))
    for k, v in leaves.items():
        tensors[f"grad_{k}"] = T(v.grad)
    cases.append({"name": f"bilinear_info_nce_n{n}_d{d}", "params": {}, "tensors": tensors})
write("bilinear_info_nce.json", "bilinear_info_nce", "CURL's bilinear InfoNCE: logits = q W k^T, cross-entropy toward the diagonal", cases)

rng = np.random.default_rng(2223)
cases = []
for (n, d, targets, alpha) in [(40, 6, 3, 0.5), (12, 30, 2, 2.0), (25, 25, 1, 0.01)]:
    x = rng.normal(size=(n, d)) * rng.uniform(0.5, 3, size=d) + rng.normal(size=d)
    y = x @ rng.normal(size=(d, targets)) + rng.normal(size=targets) + 0.3 * rng.normal(size=(n, targets))
    x_test = rng.normal(size=(10, d)) * 1.5
    y_test = x_test @ rng.normal(size=(d, targets)) * 0.2 + rng.normal(size=(10, targets))
    x, y, x_test, y_test = (a.astype(np.float32).astype(np.float64) for a in (x, y, x_test, y_test))  # what the tests read
    mx, my = x.mean(0), y.mean(0)
    coef = np.linalg.solve((x - mx).T @ (x - mx) + alpha * np.eye(d), (x - mx).T @ (y - my))  # (d, targets)
    intercept = my - mx @ coef
    pred = x_test @ coef + intercept
    r2 = 1 - ((y_test - pred) ** 2).sum(0) / ((y_test - y_test.mean(0)) ** 2).sum(0)
    cases.append({"name": f"ridge_n{n}_d{d}_t{targets}_a{alpha}", "params": {"alpha": alpha}, "tensors": {
        "x": T(x), "y": T(y), "x_test": T(x_test), "y_test": T(y_test),
        "coef": T(coef.T), "intercept": T(intercept), "prediction": T(pred), "r2_of_prediction": T(r2)}})
write("ridge.json", "ridge", "ridge regression with an intercept (scikit-learn's Ridge objective) and R^2 per target", cases)


def cartpole_step(state, action, repeat=4):
    gravity, masscart, masspole, length, force_mag, tau = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
    total_mass, polemass_length = masspole + masscart, masspole * length
    x, x_dot, theta, theta_dot = state
    force = force_mag if action == 1 else -force_mag
    for _ in range(repeat):
        costheta, sintheta = np.cos(theta), np.sin(theta)
        temp = (force + polemass_length * theta_dot ** 2 * sintheta) / total_mass
        thetaacc = (gravity * sintheta - costheta * temp) / (length * (4.0 / 3.0 - masspole * costheta ** 2 / total_mass))
        xacc = temp - polemass_length * thetaacc * costheta / total_mass
        x_dot = x_dot + tau * xacc
        x = x + tau * x_dot
        theta_dot = theta_dot + tau * thetaacc
        theta = np.remainder(theta + tau * theta_dot + np.pi, 2 * np.pi) - np.pi
        if abs(x) > 2.4:
            x, x_dot = np.copysign(2.4, x), -0.5 * x_dot
    return [x, x_dot, theta, theta_dot]


cases = []
for name, start in [("upright_at_rest", [0.0, 0.0, 0.0, 0.0]), ("swinging", [1.2, -0.7, 2.5, 1.5]), ("into_the_wall", [2.3, 2.0, -0.3, 0.0])]:
    actions = rng.integers(0, 2, 30)
    states, state = [], start
    for a in actions:
        state = cartpole_step(state, a)
        states.append(state)
    cases.append({"name": name, "params": {"actions": [int(a) for a in actions]}, "tensors": {"start": T(start), "states": T(states)}})
write("cartpole.json", "cartpole", "Gym CartPole-v1 dynamics, free swing, bouncing track ends, 4 physics steps per action", cases)
