#!/usr/bin/env bash
# GPU check of the embedding model: parity CUDA vs CPU (cosine >= 0.9999) and texts/s for batch sizes
# 32-1024 on each. Needs an NVIDIA GPU, its driver, CUDA 12 + cuDNN 9, and onnxruntime-node's CUDA
# provider (ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node); see docs/models.md.
# Without them it stops at once with one sentence and exit code 1.
#
#   bench/gpu-check.sh [--model use-lite] [--batches 32,64,128,256,512,1024] [--texts 8192] [--write]
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | sed 's/^/gpu-check: GPU: /' >&2 || true
fi
# The check itself (and its preflight) is TypeScript run from the sources, so it needs no build.
exec timeout 900 npx tsx bench/gpu-check.ts "$@"
