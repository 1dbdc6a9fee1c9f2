#!/usr/bin/env bash
# Trains every method of the issue-4 acceptance table on one dataset and prints one Markdown table of what each
# learned: kNN and linear-probe test accuracy of the encoder next to the raw-input baselines, the per-dimension std
# of the L2-normalised test embeddings (as a ratio to the healthy 1/sqrt(D)), their effective rank, the collapse
# monitor's last verdict and the training time. Runs are resumable: a method whose run directory already holds
# eval.json is not trained again, and an interrupted one continues with --resume.
#
#   benchmarks/methods.sh                                  # 15 epochs on fashion-mnist, 2 runs at a time, 1 thread each
#   METHODS="moco byol" EPOCHS=15 LANES=2 benchmarks/methods.sh
#   DATA=demo EPOCHS=2 METHODS="simclr triplet" OUT=/tmp/m benchmarks/methods.sh
# Environment: METHODS, DATA, EPOCHS, LANES (runs in parallel), THREADS (per run), OUT (run directories),
# EXTRA (more train options for every run), NO_BUILD=1 to skip the Release build.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
METHODS=${METHODS:-"simclr moco byol simsiam barlow supcon triplet"}
DATA=${DATA:-fashion-mnist}
EPOCHS=${EPOCHS:-15}
LANES=${LANES:-2}
THREADS=${THREADS:-1}
OUT=${OUT:-$repo/runs/methods-$DATA-$EPOCHS}
EXTRA=${EXTRA:-}

if [ -z "${NO_BUILD:-}" ]; then dotnet build "$repo/src/Contrastive.Cli" -c Release -v quiet -nologo >/dev/null; fi
# a private copy of the build, so that rebuilding the repository cannot pull the assemblies from under a long run;
# one per invocation, so that two invocations sharing OUT cannot delete each other's
mkdir -p "$OUT"
bin="$(mktemp -d "$OUT/.bin.XXXXXX")"
trap 'rm -rf "$bin"' EXIT
cp -r "$repo/src/Contrastive.Cli/bin/Release/net10.0/." "$bin"

train() {
  local method=$1 dir="$OUT/$1" resume=()
  [ -f "$dir/eval.json" ] && return 0
  [ -f "$dir/checkpoint.safetensors" ] && resume=(--resume)
  # shellcheck disable=SC2086
  dotnet "$bin/contrastive.dll" train --method "$method" --data "$DATA" --epochs "$EPOCHS" --threads "$THREADS" \
    --out "$dir" "${resume[@]}" $EXTRA > "$OUT/$method.log" 2>&1 || echo "$method failed: see $OUT/$method.log" >&2
}
export -f train
export OUT DATA EPOCHS THREADS EXTRA bin
printf '%s\n' $METHODS | xargs -P "$LANES" -I{} bash -c 'train {}'

python3 - "$OUT" $METHODS <<'PY'
import json, os, sys
out, methods = sys.argv[1], sys.argv[2:]
pct = lambda v: "n/a" if v is None else f"{100 * v:.2f}%"
print(f"| method | kNN | linear probe | std ratio | effective rank | health | train time |")
print("|---|---|---|---|---|---|---|")
baseline = None
for m in methods:
    d = os.path.join(out, m)
    try:
        ev = json.load(open(os.path.join(d, "eval.json")))
        epochs = [json.loads(l) for l in open(os.path.join(d, "metrics.jsonl")) if l.strip()]
    except OSError:
        print(f"| {m} | not finished | | | | | |"); continue
    h = ev.get("health") or {}
    baseline = ev.get("baseline") or baseline
    print(f"| {m} | {pct(ev['knn']['result']['top1'])} | {pct((ev.get('linearProbe') or {}).get('result', {}).get('top1'))} | "
          f"{h.get('stdRatio', float('nan')):.3f} | {h.get('effectiveRank', float('nan')):.1f} of {ev['dim']} | "
          f"{epochs[-1].get('health', 'n/a')} | {sum(e['seconds'] for e in epochs):.0f} s |")
if baseline:
    print(f"| {baseline['name']} (baseline) | {pct(baseline['knn']['result']['top1'])} | "
          f"{pct((baseline.get('linearProbe') or {}).get('result', {}).get('top1'))} | | | | |")
PY
