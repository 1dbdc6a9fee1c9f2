#!/usr/bin/env bash
# Kill-and-resume check at full scale: trains one run uninterrupted and a second one that is killed with SIGKILL
# in the middle of its last epoch and then continued with --resume, same seed and thread count, and compares
# what they end with: model.safetensors byte for byte, every metrics.jsonl figure except the timings, and eval.json.
#
#   scripts/resume-check.sh                                   # SimCLR, 2 epochs of fashion-mnist, 1 thread
#   METHOD=moco DATA=demo EPOCHS=3 scripts/resume-check.sh
# Environment: METHOD, DATA, EPOCHS (at least 2), THREADS, OUT, NO_BUILD=1 to skip the Release build.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
METHOD=${METHOD:-simclr}
DATA=${DATA:-fashion-mnist}
EPOCHS=${EPOCHS:-2}
THREADS=${THREADS:-1}
OUT=${OUT:-$repo/runs/resume-check}
[ "$EPOCHS" -ge 2 ] || { echo "resume-check.sh: EPOCHS must be at least 2 (the kill lands after a checkpoint)" >&2; exit 2; }

if [ -z "${NO_BUILD:-}" ]; then dotnet build "$repo/src/Contrastive.Cli" -c Release -v quiet -nologo >/dev/null; fi
rm -rf "$OUT" && mkdir -p "$OUT"
cp -r "$repo/src/Contrastive.Cli/bin/Release/net10.0" "$OUT/.bin"
args=(train --method "$METHOD" --data "$DATA" --epochs "$EPOCHS" --threads "$THREADS")

echo "uninterrupted run..."
start=$(date +%s)
dotnet "$OUT/.bin/contrastive.dll" "${args[@]}" --out "$OUT/straight" > "$OUT/straight.log"
epoch_seconds=$(( ($(date +%s) - start) / EPOCHS ))

echo "run to be killed..."
dotnet "$OUT/.bin/contrastive.dll" "${args[@]}" --out "$OUT/killed" > "$OUT/killed.log" &
pid=$!
# wait for the checkpoint of epoch EPOCHS-1, then kill half an epoch later
until [ "$(grep -c . "$OUT/killed/metrics.jsonl" 2>/dev/null || echo 0)" -ge $((EPOCHS - 1)) ]; do sleep 2; done
sleep $((epoch_seconds / 2))
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
echo "killed after $(grep -c . "$OUT/killed/metrics.jsonl") finished epochs; resuming..."
dotnet "$OUT/.bin/contrastive.dll" "${args[@]}" --out "$OUT/killed" --resume > "$OUT/resumed.log"

python3 - "$OUT/straight" "$OUT/killed" <<'PY'
import json, sys, filecmp
a, b = sys.argv[1], sys.argv[2]
timing = {"seconds", "views_per_s", "loader_wait"}
strip = lambda d: [{k: v for k, v in json.loads(l).items() if k not in timing} for l in open(d + "/metrics.jsonl") if l.strip()]
same_model = filecmp.cmp(a + "/model.safetensors", b + "/model.safetensors", shallow=False)
same_metrics = strip(a) == strip(b)
ea, eb = json.load(open(a + "/eval.json")), json.load(open(b + "/eval.json"))
same_eval = ea == eb
print(f"model.safetensors identical: {same_model}")
print(f"metrics.jsonl identical (timings aside): {same_metrics}; epochs {len(strip(a))} and {len(strip(b))}")
print(f"eval.json identical: {same_eval}; kNN {ea['knn']['result']['top1']:.4f} vs {eb['knn']['result']['top1']:.4f}, "
      f"linear probe {ea['linearProbe']['result']['top1']:.4f} vs {eb['linearProbe']['result']['top1']:.4f}")
sys.exit(0 if same_model and same_metrics and same_eval else 1)
PY
