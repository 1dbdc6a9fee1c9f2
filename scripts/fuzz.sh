#!/bin/sh
# Seeded mutation fuzzing of every parser a user reaches (tests/Contrastive.Fuzzing.Tests) at a benchmark's scale:
# INPUTS inputs per parser (default 10000), then a table of accepted / rejected / failed counts per parser, the slowest
# input and the most bytes one input allocated. Usage: scripts/fuzz.sh [INPUTS]
set -eu
cd "$(dirname "$0")/.."
inputs="${1:-10000}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
dotnet build tests/Contrastive.Fuzzing.Tests -c Release >/dev/null
status=0
CONTRASTIVE_FUZZ_INPUTS="$inputs" CONTRASTIVE_FUZZ_REPORT="$report" \
    dotnet test tests/Contrastive.Fuzzing.Tests -c Release --no-build || status=$?
echo
echo "| parser | inputs | accepted | rejected (clear error) | failures | slowest input | most allocated by one input |"
echo "|---|---|---|---|---|---|---|"
sort "$report" | awk -F'\t' '{ printf "| %s | %d | %d | %d | %d | %d ms | %.1f MB |\n", $1, $2, $3, $4, $5, $6, $7 / 1048576 }'
exit "$status"
