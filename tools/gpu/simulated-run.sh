#!/usr/bin/env bash
# Stands in for ../shared/gpu/run.sh in the dry run (tools/gpu/dry-run.sh): the same interface and the same layout
# (data unpacked into gpu-data/, the app into gpu-app/app/), under $LIIF_GPU_TMP instead of /tmp, and without the
# CUDA libtorch lookup: the dry run's stand-in app starts the local build on the CPU.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=${LIIF_GPU_TMP:?LIIF_GPU_TMP: the simulated machine\'s /tmp}
if [ "${1:-}" = --data ]; then
  mkdir -p "$tmp/gpu-data"
  for t in "$here"/data-*.tar; do [ -e "$t" ] && tar xf "$t" -C "$tmp/gpu-data" && echo "unpacked $(basename "$t")"; done
  du -sh "$tmp/gpu-data"; exit 0
fi
app=$tmp/gpu-app
if [ -e "$here/app.tar.xz" ] && { [ ! -d "$app/app" ] || [ "$here/app.tar.xz" -nt "$app/.stamp" ]; }; then
  rm -rf "$app"; mkdir -p "$app"; tar xJf "$here/app.tar.xz" -C "$app"; touch "$app/.stamp"
fi
[ -d "$app/app" ] || { echo "no app: carry .gpu/app.tar.xz in this call or an earlier one" >&2; exit 1; }
exe=$1; shift
exec "$app/app/$exe" "$@"
