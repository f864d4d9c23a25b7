#!/usr/bin/env bash
# The GPU plan on this machine, without a GPU: tools/gpu/plan.sh prepares a window with stand-ins (a few training
# images of ../shared/data/train, a tiny LIIF config with the GPU config's keys, an app that starts the local build),
# and the commands it prints run here one after the other, each in a simulated remote checkout (the tracked tree plus
# that call's carry) with its own $OUT, the machine's /tmp simulated by a folder kept for the whole window. The kit's
# run.sh is simulated (tools/gpu/simulated-run.sh: no CUDA), and the training stops after 2 iterations on the CPU.
# Two windows: the first starts a new run, the second continues the checkpoint the first brought back, as if
# committed. tools/gpu/fetch.sh puts each window's files together. The room per call is made small, so that the app
# travels in chunks and the data in several parts, as they would beside a larger tracked tree.
#
# Usage (from the repository root): bash tools/gpu/dry-run.sh [--cli-dll PATH] [--keep DIR]
#   --cli-dll  the Liif.Cli.dll to run (default: ./liif's build, .build/cli/Liif.Cli.dll)
#   --keep     copy each window's fetched run folder to DIR/window-1, DIR/window-2
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
cli_dll=$root/.build/cli/Liif.Cli.dll
keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --cli-dll) cli_dll=${2:?}; shift 2 ;;
    --keep) keep=${2:?}; shift 2 ;;
    *) echo "error: unknown option '$1'" >&2; exit 2 ;;
  esac
done
train=$root/../shared/data/train
[ -d "$train/McMaster18" ] && [ -d "$train/BSD200" ] || { echo "error: ../shared/data/train not found" >&2; exit 1; }
[ -f "$cli_dll" ] || ./liif --help >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Stand-ins: 4 photos (JPEG, one held out) and 3 PNG images; a tiny model with the GPU config's other keys.
mkdir -p "$tmp/data/Photos" "$tmp/data/Scans"
cp "$train"/McMaster18/0[1-4].jpg "$tmp/data/Photos/"
cp "$train"/BSD200/$(ls "$train/BSD200" | head -n 1) "$train"/BSD200/$(ls "$train/BSD200" | sed -n 2p) "$train"/BSD200/$(ls "$train/BSD200" | sed -n 3p) "$tmp/data/Scans/"
cat > "$tmp/tiny.yaml" <<'YAML'
train_dataset:
  dataset:
    name: image-folder
    args: {root_path: [../shared/data/train/Photos, ../shared/data/train/Scans], repeat: 2, cache: in_memory}
  wrapper:
    name: sr-implicit-downsampled
    args: {inp_size: 16, scale_max: 2, augment: true, sample_q: 64}
  batch_size: 4
val_dataset:
  dataset: {name: image-folder, args: {root_path: [../shared/data/train/Photos/04.jpg]}}
  wrapper: {name: sr-downsampled-whole, args: {scale: 2}}
model:
  name: liif
  args:
    encoder_spec: {name: edsr-baseline, args: {n_resblocks: 1, n_feats: 8, no_upsampling: true}}
    imnet_spec: {name: mlp, args: {out_dim: 3, hidden_list: [16, 16]}}
optimizer: {name: adam, args: {lr: 1.e-3}}
epoch_max: 1000000
budget_lr_decay: {fraction: 0.25, floor: 0}
ema_decay: 0.999
epoch_val: 1
epoch_save: 0
workers: 2
YAML

# The stand-in app: a launcher of the local build, packed as the kit packs an app, with 1.5 MB of noise so that
# it travels in two chunks.
mkdir -p "$tmp/pack/app"
printf '#!/bin/sh\nexec dotnet "%s" "$@"\n' "$cli_dll" > "$tmp/pack/app/Liif.Cli"
chmod +x "$tmp/pack/app/Liif.Cli"
head -c 1500000 /dev/urandom > "$tmp/pack/app/padding"
(cd "$tmp/pack" && tar cf - app | xz -1 > "$tmp/app.tar.xz")

bash tools/gpu/plan.sh --config "$tmp/tiny.yaml" --data-root "$tmp/data" --stage "$tmp/stage" --app "$tmp/app.tar.xz" \
  --run-sh tools/gpu/simulated-run.sh --capacity-mib 1 | tee "$tmp/plan.txt"
grep -q "remote.sh train" "$tmp/plan.txt"

checkout=$tmp/remote
mkdir -p "$checkout"
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$checkout"  # what the device tool sends
export LIIF_GPU_DEVICE=cpu LIIF_GPU_TRAIN_ARGS="--max-iterations 2" LIIF_GPU_SAVE_MINUTES=1
for window in 1 2; do
  export LIIF_GPU_TMP=$tmp/machine-$window
  mkdir -p "$LIIF_GPU_TMP"
  call=0
  while IFS=$'\t' read -r carry command timeout; do
    call=$(( call + 1 ))
    rm -rf "$checkout/.gpu"; mkdir -p "$checkout/.gpu"
    [ "$carry" = - ] || for path in $carry; do cp "$tmp/stage/${path#.gpu/}" "$checkout/$path"; done
    export OUT=$tmp/out-$window-$call
    mkdir -p "$OUT"
    echo "--- window $window, call $call: $command"
    (cd "$checkout" && timeout "$timeout" bash -c "${command/SECONDS_LEFT/900}")
  done < "$tmp/stage/steps.tsv"
  bash tools/gpu/fetch.sh "$OUT" --out "$tmp/fetched-$window"
  [ -n "$keep" ] && mkdir -p "$keep" && rm -rf "$keep/window-$window" && cp -r "$tmp/fetched-$window" "$keep/window-$window"
  # As if the GPU session committed what came back: the next window continues it.
  cp "$tmp/fetched-$window/checkpoint.safetensors" "$checkout/models/edsr-baseline-liif.checkpoint.safetensors"
  cp "$tmp/fetched-$window/log.csv" "$checkout/models/edsr-baseline-liif.log.csv"
done
echo "dry run: two windows planned, run and fetched"
