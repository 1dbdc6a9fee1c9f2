#!/usr/bin/env bash
# Data-parallel scaling on one machine: one SimCLR epoch on the demo data (batch 256, bench ConvNet, no flips) as one
# 2-thread process and as 2 MPI processes of 1 thread each, alternated ROUNDS times; prints the training views/s of each
# run (metrics.jsonl's views_per_s: the steps only, not the evaluation), their ratio, and the share of rank 0's training
# time spent in MPI collectives (communication_wait: transfers and waiting for the other process).
# MPIRUN_ARGS adds mpirun options (e.g. "--mca mpi_yield_when_idle 1": waiting processes yield the CPU instead of spinning).
# Usage: ROUNDS=2 EPOCHS=1 [MPIRUN_ARGS=...] benchmarks/mpi-scaling.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-2}
epochs=${EPOCHS:-1}
dotnet build src/Contrastive.Cli -c Release -v q -nologo >/dev/null
cli=src/Contrastive.Cli/bin/Release/net10.0/contrastive.dll
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
field() { grep -o "\"$2\":[0-9.eE-]*" "$1/metrics.jsonl" | tail -1 | cut -d: -f2; }
for round in $(seq "$rounds"); do
  nice -n 10 dotnet "$cli" train --epochs "$epochs" --batch 256 --threads 2 --out "$out/one" >/dev/null
  nice -n 10 mpirun ${MPIRUN_ARGS:-} -np 2 dotnet "$cli" train --epochs "$epochs" --batch 256 --threads 1 --out "$out/two" >/dev/null
  one=$(field "$out/one" views_per_s); two=$(field "$out/two" views_per_s); wait=$(field "$out/two" communication_wait)
  echo "round $round: 1 process x 2 threads $one views/s, 2 processes x 1 thread $two views/s (communication $wait), ratio $(awk "BEGIN { printf \"%.3f\", $two / $one }")"
done
