#!/usr/bin/env bash
# Contrastive.NET vs the PyTorch peer (benchmarks/peers/torch_simclr.py) on the BENCH_SPEC workload, measured in
# alternation within one run (ours, torch, ours, torch, ...) so that the load of a shared machine hits both alike.
# Prints every pair and, per mode, the mean throughput ratio (ours / torch) and the peak-RSS ratio. When the LibTorch
# peer is built (benchmarks/peers/torchsharp/build.sh), its step and embed runs join each round and its ratio is printed
# too.
#
#   benchmarks/compare.sh                 # step, aug, embed; 2 rounds; 2 threads; 20 steps
#   MODES="step" ROUNDS=3 benchmarks/compare.sh
# Environment: MODES, ROUNDS, THREADS, STEPS, BATCH, PEER (peer script), PYTHON (Debian python3 with torch),
# BLAS (managed|openblas, default: ours picks), NO_BUILD=1 to skip the Release build, TSPEER (the built LibTorch peer's
# dll; default benchmarks/peers/torchsharp/out/tspeer.dll, skipped when absent; TSPEER=none to skip it).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
MODES=${MODES:-"step aug embed"}
ROUNDS=${ROUNDS:-2}
THREADS=${THREADS:-2}
STEPS=${STEPS:-20}
BATCH=${BATCH:-256}
PYTHON=${PYTHON:-/usr/bin/python3}
PEER=${PEER:-$repo/benchmarks/peers/torch_simclr.py}
TSPEER=${TSPEER:-$repo/benchmarks/peers/torchsharp/out/tspeer.dll}
[ -f "$PEER" ] || { echo "compare.sh: peer script not found; set PEER=path/to/torch_simclr.py" >&2; exit 2; }

if [ -z "${NO_BUILD:-}" ]; then dotnet build "$repo/src/Contrastive.Cli" -c Release -v quiet -nologo >/dev/null; fi
ours_bin="$repo/src/Contrastive.Cli/bin/Release/net10.0/contrastive"
blas_args=()
[ -n "${BLAS:-}" ] && blas_args=(--blas "$BLAS")

# run LABEL CMD...: prints "<rate> <peak_rss_kb> <full line>" (rate = the number before views/s or images/s).
run() {
  local out rss line rate
  out=$( { /usr/bin/time -f "__rss %M" "$@"; } 2>&1 )
  rss=$(grep -o '__rss [0-9]*' <<<"$out" | awk '{print $2}')
  line=$(grep -E 'views/s|images/s' <<<"$out" | tail -1)
  rate=$(grep -oE '[0-9.]+ (views|images)/s' <<<"$line" | awk '{print $1}')
  echo "$rate $rss $line"
}

echo "# $(date -u +%FT%TZ) $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); threads=$THREADS batch=$BATCH steps=$STEPS rounds=$ROUNDS"
for mode in $MODES; do
  ratios=(); rss_ratios=(); ts_ratios=()
  with_libtorch=0
  [[ -f "$TSPEER" && ( "$mode" == step || "$mode" == embed ) ]] && with_libtorch=1
  for round in $(seq 1 "$ROUNDS"); do
    read -r ours ours_rss ours_line < <(run "$ours_bin" bench "$mode" --threads "$THREADS" --batch "$BATCH" --steps "$STEPS" "${blas_args[@]}")
    read -r torch torch_rss torch_line < <(run "$PYTHON" "$PEER" "$mode" --threads "$THREADS" --batch "$BATCH" --steps "$STEPS")
    echo "  ours : $ours_line [peak RSS $((ours_rss / 1024)) MB]"
    echo "  torch: $torch_line [peak RSS $((torch_rss / 1024)) MB]"
    ratios+=("$(awk -v a="$ours" -v b="$torch" 'BEGIN { printf "%.3f", a / b }')")
    if [ "$with_libtorch" = 1 ]; then
      read -r ts ts_rss ts_line < <(run dotnet "$TSPEER" "$mode" --threads "$THREADS" --batch "$BATCH" --steps "$STEPS")
      echo "  libtorch: $ts_line [peak RSS $((ts_rss / 1024)) MB]"
      ts_ratios+=("$(awk -v a="$ours" -v b="$ts" 'BEGIN { printf "%.3f", a / b }')")
    fi
    rss_ratios+=("$(awk -v a="$ours_rss" -v b="$torch_rss" 'BEGIN { printf "%.3f", a / b }')")
  done
  mean=$(printf '%s\n' "${ratios[@]}" | awk '{ s += log($1) } END { printf "%.2f", exp(s / NR) }')
  rss_mean=$(printf '%s\n' "${rss_ratios[@]}" | awk '{ s += log($1) } END { printf "%.2f", exp(s / NR) }')
  echo "$mode: speed ours/torch = ${mean}x (rounds: ${ratios[*]}); peak RSS ours/torch = ${rss_mean} (rounds: ${rss_ratios[*]})"
  if [ "$with_libtorch" = 1 ]; then
    ts_mean=$(printf '%s\n' "${ts_ratios[@]}" | awk '{ s += log($1) } END { printf "%.2f", exp(s / NR) }')
    echo "$mode: speed ours/libtorch = ${ts_mean}x (rounds: ${ts_ratios[*]})"
  fi
done
