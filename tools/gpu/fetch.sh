#!/usr/bin/env bash
# Puts together what a GPU window brought back (the files of the last remote command, tools/gpu/remote.sh finish):
# the checkpoint from its parts, checked against SHA256SUMS, beside the model, log, curve and console output.
#
# Usage (from the repository root): bash tools/gpu/fetch.sh FILES_DIR [--out RUN_DIR] [--install]
#   FILES_DIR  where the device tool put the files (its files_at)
#   --out      the run folder to fill (default runs/gpu-YYYYMMDD-HHMM); `liif train --resume RUN_DIR` continues it
#              only on a machine with the same data paths (the GPU layout), but `liif eval -m RUN_DIR/model.safetensors`
#              works anywhere
#   --install  also copy them over the shipped model's files in models/ (model, resumable checkpoint, log, curve),
#              ready to re-evaluate and commit
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
files=${1:?usage: fetch.sh FILES_DIR [--out RUN_DIR] [--install]}; shift
out=$root/runs/gpu-$(date +%Y%m%d-%H%M); install=0
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=${2:?}; shift 2 ;;
    --install) install=1; shift ;;
    *) echo "error: unknown option '$1'" >&2; exit 2 ;;
  esac
done
compgen -G "$files/checkpoint.safetensors.part-*" >/dev/null || { echo "error: no checkpoint parts in $files" >&2; exit 1; }
mkdir -p "$out"
cat "$files"/checkpoint.safetensors.part-* > "$out/checkpoint.safetensors"
for f in model.safetensors log.csv curve.png train.out; do [ -f "$files/$f" ] && cp "$files/$f" "$out/$f"; done
[ -f "$files/log.csv.gz" ] && gunzip -c "$files/log.csv.gz" > "$out/log.csv"
(cd "$out" && sha256sum --quiet -c "$files/SHA256SUMS") || { echo "error: the files do not match SHA256SUMS: fetch them again" >&2; exit 1; }
echo "run folder: $out ($(du -h "$out/checkpoint.safetensors" | cut -f1) checkpoint, sums checked)"
if [ "$install" = 1 ]; then
  cp "$out/model.safetensors" "$root/models/edsr-baseline-liif.safetensors"
  cp "$out/checkpoint.safetensors" "$root/models/edsr-baseline-liif.checkpoint.safetensors"
  [ -f "$out/log.csv" ] && cp "$out/log.csv" "$root/models/edsr-baseline-liif.log.csv"
  [ -f "$out/curve.png" ] && cp "$out/curve.png" "$root/models/edsr-baseline-liif.curve.png"
  echo "installed in models/: edsr-baseline-liif.safetensors, .checkpoint.safetensors, .log.csv, .curve.png"
fi
