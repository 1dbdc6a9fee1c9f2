#!/usr/bin/python3
"""Writes reference values for evaluation metrics to tests/reference/metrics.json (Debian python3-sklearn, numpy).

Definitions:
- binary metrics at threshold t: predicted positive where score >= t.
- roc_auc: sklearn.metrics.roc_auc_score (ties handled by the trapezoid rule), roc curve points (fpr, tpr, thresholds) with drop_intermediate=False.
- average_precision: sklearn.metrics.average_precision_score.
- knn: cosine similarity, k neighbours from the memory set, weighted votes exp(sim / tau), ties broken by lowest class id.
- retrieval (query set = reference set, the query itself excluded): precision@1, recall@k (1 if any of the k nearest shares the label),
  MAP@R (Musgrave et al. 2020: R = number of other samples with the query's label; mean over queries of (1/R) sum_{i<=R} P(i)*rel(i)).
- alignment (Wang & Isola 2020): mean ||f(x)-f(y)||^2 over positive pairs of L2-normalised embeddings (alpha=2);
  uniformity: log mean exp(-2 ||f(x)-f(y)||^2) over all distinct pairs of L2-normalised embeddings (t=2).
- effective rank (Roy & Vetterli 2007): exp(-sum p_i log p_i), p = singular values of the centred embedding matrix / their sum.
"""
import json, os, sys
import numpy as np
from sklearn import metrics

rng = np.random.default_rng(2024)
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def arr(x):
    x = np.asarray(x, dtype=np.float64)
    return {"shape": list(x.shape), "data": [round(float(v), 9) for v in x.flatten()]}


cases = []
# binary verification: scores with ties
y = rng.integers(0, 2, 40)
s = np.round(rng.normal(y * 0.8, 1.0), 1)
fpr, tpr, thr = metrics.roc_curve(y, s, drop_intermediate=False)
t = 0.4
pred = (s >= t).astype(int)
cases.append({"name": "pair_verification", "params": {"threshold": t}, "tensors": {
    "labels": arr(y), "scores": arr(s),
    "accuracy": arr([metrics.accuracy_score(y, pred)]), "precision": arr([metrics.precision_score(y, pred)]),
    "recall": arr([metrics.recall_score(y, pred)]), "f1": arr([metrics.f1_score(y, pred)]),
    "roc_auc": arr([metrics.roc_auc_score(y, s)]), "average_precision": arr([metrics.average_precision_score(y, s)]),
    "roc_fpr": arr(fpr), "roc_tpr": arr(tpr), "roc_thresholds": arr(np.where(np.isinf(thr), 1e30, thr))}})

# kNN classification
mem = rng.normal(size=(30, 5)); mem_y = rng.integers(0, 3, 30)
q = rng.normal(size=(8, 5)); q_y = rng.integers(0, 3, 8)
k, tau = 5, 0.1
mn = mem / np.linalg.norm(mem, axis=1, keepdims=True); qn = q / np.linalg.norm(q, axis=1, keepdims=True)
sim = qn @ mn.T
pred = []
for i in range(len(q)):
    idx = np.argsort(-sim[i], kind="stable")[:k]
    votes = np.zeros(3)
    for j in idx:
        votes[mem_y[j]] += np.exp(sim[i, j] / tau)
    pred.append(int(np.argmax(votes)))
pred = np.array(pred)
cases.append({"name": "knn_cosine_weighted", "params": {"k": k, "tau": tau, "classes": 3}, "tensors": {
    "memory": arr(mem), "memory_labels": arr(mem_y), "queries": arr(q), "query_labels": arr(q_y),
    "predictions": arr(pred), "accuracy": arr([np.mean(pred == q_y)])}})

# retrieval
e = rng.normal(size=(20, 4)); lab = rng.integers(0, 4, 20)
en = e / np.linalg.norm(e, axis=1, keepdims=True)
S = en @ en.T
np.fill_diagonal(S, -np.inf)
order = np.argsort(-S, axis=1, kind="stable")
p1 = np.mean(lab[order[:, 0]] == lab)
rk = {kk: np.mean([np.any(lab[order[i, :kk]] == lab[i]) for i in range(len(e))]) for kk in (1, 2, 5)}
maps = []
for i in range(len(e)):
    R = int(np.sum(lab == lab[i])) - 1
    if R == 0:
        continue
    rel = (lab[order[i, :R]] == lab[i]).astype(float)
    prec = np.cumsum(rel) / np.arange(1, R + 1)
    maps.append(np.sum(prec * rel) / R)
cases.append({"name": "retrieval", "params": {"note": "queries with R=0 are skipped in MAP@R"}, "tensors": {
    "embeddings": arr(e), "labels": arr(lab), "precision_at_1": arr([p1]),
    "recall_at_1": arr([rk[1]]), "recall_at_2": arr([rk[2]]), "recall_at_5": arr([rk[5]]), "map_at_r": arr([np.mean(maps)])}})

# alignment / uniformity / effective rank
x = rng.normal(size=(12, 6)); y2 = x + 0.3 * rng.normal(size=(12, 6))
xn = x / np.linalg.norm(x, axis=1, keepdims=True); yn = y2 / np.linalg.norm(y2, axis=1, keepdims=True)
align = np.mean(np.sum((xn - yn) ** 2, axis=1))
d2 = np.sum((xn[:, None, :] - xn[None, :, :]) ** 2, axis=2)
iu = np.triu_indices(len(xn), 1)
unif = np.log(np.mean(np.exp(-2 * d2[iu])))
c = x - x.mean(0)
sv = np.linalg.svd(c, compute_uv=False)
p = sv / sv.sum()
erank = np.exp(-np.sum(p * np.log(p)))
cases.append({"name": "representation_diagnostics", "params": {}, "tensors": {
    "x": arr(x), "y": arr(y2), "alignment": arr([align]), "uniformity_x": arr([unif]), "effective_rank_x": arr([erank])}})

with open(os.path.join(OUT, "metrics.json"), "w") as f:
    json.dump({"op": "metrics", "note": __doc__.strip(), "cases": cases}, f, separators=(",", ":"))
print("metrics", len(cases))
