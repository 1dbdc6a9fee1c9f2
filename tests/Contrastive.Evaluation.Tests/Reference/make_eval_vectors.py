#!/usr/bin/python3
"""Extra evaluation reference values (Debian python3-sklearn 1.2.1, numpy) -> eval_vectors.json.

Complements tests/reference/metrics.json with:
- roc_drop_intermediate: roc_curve(drop_intermediate=True) of the metrics.json pair scores
  (sklearn 1.2 puts max(score)+1 first; sklearn >= 1.3 and Contrastive.NET put +inf there, so thresholds[0] is omitted).
- verification_ties: 600 scores rounded to 0.1 (many ties): roc_auc, average_precision, roc (dropped), best F1 / accuracy
  threshold by brute force over the distinct scores (ties -> higher threshold).
- knn_k_exceeds_memory: the metrics.json kNN rule with k = 50 > 30 memory rows.
- retrieval_mrr: metrics.json retrieval rules plus MRR (queries with R = 0 skipped).
- health_wide: effective rank when N < D, per-dimension std (ddof=1) of normalised rows, mean same/different-label cosine.
"""
import json, os
import numpy as np
from sklearn import metrics

rng = np.random.default_rng(7)
here = os.path.dirname(os.path.abspath(__file__))
root = here
while not os.path.exists(os.path.join(root, "Contrastive.sln")):
    root = os.path.dirname(root)
shared = json.load(open(os.path.join(root, "tests", "reference", "metrics.json")))


def arr(x):
    x = np.asarray(x, dtype=np.float64)
    return {"shape": list(x.shape), "data": [round(float(v), 9) for v in x.flatten()]}


def tensor(case, name):
    c = next(c for c in shared["cases"] if c["name"] == case)
    t = c["tensors"][name]
    return np.array(t["data"], dtype=np.float64).reshape(t["shape"])


cases = []
y, s = tensor("pair_verification", "labels").astype(int), tensor("pair_verification", "scores").astype(np.float32).astype(np.float64)
fpr, tpr, thr = metrics.roc_curve(y, s, drop_intermediate=True)
cases.append({"name": "roc_drop_intermediate", "params": {}, "tensors": {
    "labels": arr(y), "scores": arr(s), "roc_fpr": arr(fpr), "roc_tpr": arr(tpr), "roc_thresholds_after_first": arr(thr[1:])}})

y = rng.integers(0, 2, 600)
s = np.round(rng.normal(y * 0.7, 1.0), 1).astype(np.float32).astype(np.float64)
fpr, tpr, thr = metrics.roc_curve(y, s)
best = {}
for crit in ("f1", "accuracy"):
    vals = []
    for t in [np.inf] + sorted(set(s), reverse=True):
        p = (s >= t).astype(int)
        vals.append((metrics.f1_score(y, p, zero_division=0) if crit == "f1" else metrics.accuracy_score(y, p), t))
    top = max(v for v, _ in vals)
    best[crit] = next((v, t) for v, t in vals if v == top)  # first = highest threshold
cases.append({"name": "verification_ties", "params": {}, "tensors": {
    "labels": arr(y), "scores": arr(s), "roc_auc": arr([metrics.roc_auc_score(y, s)]),
    "average_precision": arr([metrics.average_precision_score(y, s)]),
    "roc_fpr": arr(fpr), "roc_tpr": arr(tpr), "roc_thresholds_after_first": arr(thr[1:]),
    "best_f1": arr([best["f1"][0]]), "best_f1_threshold": arr([best["f1"][1]]),
    "best_accuracy": arr([best["accuracy"][0]]), "best_accuracy_threshold": arr([best["accuracy"][1]])}})

mem, mem_y = tensor("knn_cosine_weighted", "memory"), tensor("knn_cosine_weighted", "memory_labels").astype(int)
q = tensor("knn_cosine_weighted", "queries")
k, tau = 50, 0.1
mn = mem / np.linalg.norm(mem, axis=1, keepdims=True); qn = q / np.linalg.norm(q, axis=1, keepdims=True)
sim = qn @ mn.T
pred = []
for i in range(len(q)):
    votes = np.zeros(3)
    for j in np.argsort(-sim[i], kind="stable")[:k]:
        votes[mem_y[j]] += np.exp(sim[i, j] / tau)
    pred.append(int(np.argmax(votes)))
cases.append({"name": "knn_k_exceeds_memory", "params": {"k": k, "tau": tau}, "tensors": {"predictions": arr(pred)}})

e, lab = tensor("retrieval", "embeddings"), tensor("retrieval", "labels").astype(int)
en = e / np.linalg.norm(e, axis=1, keepdims=True)
S = en @ en.T
np.fill_diagonal(S, -np.inf)
order = np.argsort(-S, axis=1, kind="stable")
rr = []
for i in range(len(e)):
    if np.sum(lab == lab[i]) - 1 == 0:
        continue
    rr.append(1.0 / (1 + int(np.argmax(lab[order[i, :len(e) - 1]] == lab[i]))))
cases.append({"name": "retrieval_mrr", "params": {}, "tensors": {"mrr": arr([np.mean(rr)]), "recall_at_10": arr([np.mean([np.any(lab[order[i, :10]] == lab[i]) for i in range(len(e))])])}})

x = rng.normal(size=(5, 9)); labs = np.array([0, 1, 0, 1, 1])
c = x - x.mean(0)
sv = np.linalg.svd(c, compute_uv=False)
sv = sv[sv > 1e-9 * sv.max()]
p = sv / sv.sum()
xn = x / np.linalg.norm(x, axis=1, keepdims=True)
cos = xn @ xn.T
same = labs[:, None] == labs[None, :]
off = ~np.eye(5, dtype=bool)
cases.append({"name": "health_wide", "params": {}, "tensors": {
    "x": arr(x), "labels": arr(labs), "effective_rank": arr([np.exp(-np.sum(p * np.log(p)))]),
    "per_dim_std": arr(xn.std(0, ddof=1)), "mean_positive_cosine": arr([cos[same & off].mean()]),
    "mean_negative_cosine": arr([cos[~same].mean()])}})

with open(os.path.join(here, "eval_vectors.json"), "w") as f:
    json.dump({"op": "evaluation", "note": __doc__.strip(), "cases": cases}, f, separators=(",", ":"))
print("eval vectors", len(cases))
