#!/usr/bin/env bash
# Checks an ONNX export in ONNX Runtime: exports RUN_DIR's encoder, runs it on the first N Fashion-MNIST test images
# with onnxruntime-node, and prints the largest difference from `contrastive embed` on the same images.
# Needs node + npm (onnxruntime-node is installed into a cache directory with --ignore-scripts; the package carries
# libonnxruntime for linux-x64), Debian's python3-numpy and dataset-fashion-mnist. Usage: check.sh RUN_DIR [N]
set -euo pipefail
run=${1:?usage: check.sh RUN_DIR [N]}
count=${2:-500}
here=$(cd "$(dirname "$0")" && pwd)
cli=(dotnet run --project "$here/../../src/Contrastive.Cli" -c Release --)
cache=${ONNX_CHECK_CACHE:-$HOME/.cache/contrastive-onnx-check}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -d "$cache/node_modules/onnxruntime-node" ] || (mkdir -p "$cache" && cd "$cache" && npm install --silent --ignore-scripts onnxruntime-node >/dev/null)
"${cli[@]}" export --model "$run" --data fashion-mnist --out "$work/model.onnx"
"${cli[@]}" embed --model "$run" --data fashion-mnist --split test --out "$work/embed.npy"
/usr/bin/python3 - "$work" "$count" <<'PY'
import gzip, sys, numpy as np
work, n = sys.argv[1], int(sys.argv[2])
raw = gzip.open('/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz').read()[16:]
np.save(f'{work}/input.npy', (np.frombuffer(raw, np.uint8).reshape(-1, 1, 28, 28)[:n] / np.float32(255)).astype(np.float32))
PY
NODE_PATH="$cache/node_modules" node "$here/run.js" "$work/model.onnx" "$work/input.npy" "$work/ort.npy"
/usr/bin/python3 - "$work" "$count" <<'PY'
import sys, numpy as np
work, n = sys.argv[1], int(sys.argv[2])
ort, embed = np.load(f'{work}/ort.npy'), np.load(f'{work}/embed.npy')[:n]
print(f'ONNX Runtime vs contrastive embed on {n} test images: max |diff| {np.abs(ort - embed).max():.3e}, max |value| {np.abs(embed).max():.3f}')
PY
