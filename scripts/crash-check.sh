#!/usr/bin/env bash
# Crash consistency: trains one run uninterrupted, then TRIALS runs (default 20) that are each killed with SIGKILL at a
# random moment of the run (seeded: mid-step, mid-checkpoint-write, mid-report, wherever it falls) and resumed with
# --resume (started again without it when the kill came before the first checkpoint). Every resumed run must end with
# model.safetensors byte for byte, metrics.jsonl (timings aside) and eval.json identical to the uninterrupted run, and
# every checkpoint left by a kill must load (checksum verified), and no temporary file of a write cut short may remain
# after the resume. Prints one line per trial and a summary.
#
#   scripts/crash-check.sh                      # 20 trials on a synthetic 1,200-row table, MLP, 6 epochs
#   TRIALS=5 SEED=2 scripts/crash-check.sh
# Environment: TRIALS, SEED, EPOCHS, OUT, NO_BUILD=1 to skip the Release build. Needs python3 (no packages).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
TRIALS=${TRIALS:-20}
SEED=${SEED:-21}
EPOCHS=${EPOCHS:-6}
OUT=${OUT:-$repo/runs/crash-check}

if [ -z "${NO_BUILD:-}" ]; then dotnet build "$repo/src/Contrastive.Cli" -c Release -v quiet -nologo >/dev/null; fi
rm -rf "$OUT" && mkdir -p "$OUT"
cp -r "$repo/src/Contrastive.Cli/bin/Release/net10.0" "$OUT/.bin"
python3 - "$OUT/table.csv" <<'PY'
import random, sys
r = random.Random(1)
with open(sys.argv[1], "w") as f:
    f.write(",".join([f"f{i}" for i in range(16)] + ["label"]) + "\n")
    for n in range(1200):
        c = n % 4
        f.write(",".join(f"{r.gauss(c * 0.5 if i % 4 == c else 0, 1):.4f}" for i in range(16)) + f",c{c}\n")
PY
contrastive() { dotnet "$OUT/.bin/contrastive.dll" "$@"; }
args=(train --data "$OUT/table.csv" --arch mlp --label-column label --epochs "$EPOCHS" --threads 1)

start=$(date +%s%N)
contrastive "${args[@]}" --out "$OUT/straight" > "$OUT/straight.log"
total_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "uninterrupted run: ${total_ms} ms"

compare() { # prints "identical" or what differs
    python3 - "$OUT/straight" "$1" <<'PY'
import json, sys, filecmp
a, b = sys.argv[1], sys.argv[2]
timing = {"seconds", "views_per_s", "loader_wait"}
strip = lambda d: [{k: v for k, v in json.loads(l).items() if k not in timing} for l in open(d + "/metrics.jsonl") if l.strip()]
diffs = [name for name, same in [
    ("model.safetensors", filecmp.cmp(a + "/model.safetensors", b + "/model.safetensors", shallow=False)),
    ("metrics.jsonl", strip(a) == strip(b)),
    ("eval.json", json.load(open(a + "/eval.json")) == json.load(open(b + "/eval.json")))] if not same]
print("identical" if not diffs else "DIFFERENT: " + ", ".join(diffs))
PY
}

moments=($(python3 -c "import random; r = random.Random($SEED); print(' '.join(str(r.randrange(200, $total_ms * 9 // 10)) for _ in range($TRIALS)))"))
failed=0
for i in "${!moments[@]}"; do
    run="$OUT/trial-$i"
    dotnet "$OUT/.bin/contrastive.dll" "${args[@]}" --out "$run" > "$run.log" 2>&1 & # not the function: $! must be dotnet
    pid=$!
    sleep "$(printf '%d.%03d' $((moments[i] / 1000)) $((moments[i] % 1000)))"
    if kill -9 "$pid" 2>/dev/null; then killed=yes; else killed="no (finished first)"; fi
    wait "$pid" 2>/dev/null || true
    epochs=$(cat "$run/metrics.jsonl" 2>/dev/null | grep -c . || true)
    temps=$(find "$run" -name '.*.tmp' 2>/dev/null | wc -l || true)
    stage="training"; [ -f "$run/eval.json" ] && stage="report written"; [ "$epochs" -ge "$EPOCHS" ] && [ ! -f "$run/eval.json" ] && stage="evaluating / reporting"
    [ "$temps" -gt 0 ] && stage="$stage, mid-write ($temps temporary file(s))"
    if [ -f "$run/checkpoint.safetensors" ]; then
        resume=(--resume); how="resumed"
    else
        resume=(); how="restarted (no checkpoint yet)"
    fi
    if contrastive "${args[@]}" --out "$run" "${resume[@]}" >> "$run.log" 2>&1; then result=$(compare "$run"); else result="RESUME FAILED (see $run.log)"; fi
    if [ "$result" = identical ] && [ -n "$(find "$run" -name '.*.tmp')" ]; then result="temporary files left after the resume"; fi
    [ "$result" = identical ] || failed=$((failed + 1))
    printf 'trial %2d: kill at %5d ms (killed: %s), %d/%d epochs logged, %s; %s -> %s\n' \
        "$i" "${moments[i]}" "$killed" "$epochs" "$EPOCHS" "$stage" "$how" "$result"
done
echo "$((TRIALS - failed)) of $TRIALS trials ended identical to the uninterrupted run"
[ "$failed" -eq 0 ]
