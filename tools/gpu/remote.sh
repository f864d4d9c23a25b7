#!/usr/bin/env bash
# Runs on the GPU machine, in the checkout the device tool copied there, as the commands that tools/gpu/plan.sh
# prints (see docs/training.md, "Training on a GPU window"). It travels with the tracked tree, so it costs no carry.
#
#   remote.sh stage                 unpack what this call carried: data parts (.gpu/data-*.tar, with the kit's
#                                   run.sh --data) and app chunks (.gpu/app-K-of-N, put together once all arrived,
#                                   then unpacked by the kit's run.sh and checked to start)
#   remote.sh train SECONDS_LEFT    stage, then start training in its own session (setsid: it outlives this call)
#                                   for what the window has left: SECONDS_LEFT (the budget_left_s of the previous
#                                   call's reply) minus this call's own start-up and a reserve for the end; then
#                                   watch it until WATCH_S and leave a snapshot of the run in $OUT
#   remote.sh finish                wait for the training to end, then put checkpoint (in parts of 15 MiB), model,
#                                   log, curve, console output and SHA256SUMS into $OUT
#
# The run continues the committed checkpoint (models/edsr-baseline-liif.checkpoint.safetensors, with its log) when
# there is one, else starts the config carried as .gpu/train.yaml (whose init_from is the shipped model). It runs in
# $TMP/gpu-work/repo, where ../shared/data/train is the unpacked data: the config's relative paths mean the same
# there as in the repository, and the paths the run records stay the same from one window to the next.
#
# Environment (the dry run sets them; on the GPU machine the defaults apply): LIIF_GPU_TMP (/tmp),
# LIIF_GPU_DEVICE (cuda), LIIF_GPU_TRAIN_ARGS (extra liif train arguments), LIIF_GPU_RESERVE_S (100),
# LIIF_GPU_WATCH_S (540), LIIF_GPU_SAVE_MINUTES (2).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$here"
tmp=${LIIF_GPU_TMP:-/tmp}
work=$tmp/gpu-work
run=$work/run
chunks=$tmp/gpu-stage
device=${LIIF_GPU_DEVICE:-cuda}
reserve=${LIIF_GPU_RESERVE_S:-100}
watch_s=${LIIF_GPU_WATCH_S:-540}
save_minutes=${LIIF_GPU_SAVE_MINUTES:-2}
committed=models/edsr-baseline-liif.checkpoint.safetensors
committed_log=models/edsr-baseline-liif.log.csv
say() { echo "[$(date +%H:%M:%S)] $*"; }
app() { bash .gpu/run.sh Liif.Cli "$@"; }

stage() {
  mkdir -p "$work" "$chunks"
  if compgen -G ".gpu/data-*.tar" >/dev/null; then
    bash .gpu/run.sh --data | tail -n 1 | sed "s/^/[$(date +%H:%M:%S)] data so far: /"
  fi
  for c in .gpu/app-*-of-*; do
    [ -e "$c" ] || continue
    mv "$c" "$chunks/"
    n=${c##*-of-}
    if [ "$(compgen -G "$chunks/app-*-of-$n" | wc -l)" -eq "$n" ]; then
      for k in $(seq 1 "$n"); do cat "$chunks/app-$k-of-$n"; done > .gpu/app.tar.xz
      rm -f "$chunks"/app-*
      version=$(app --version) || { echo "error: the app does not start (see above); pack it again, or with --untrimmed" >&2; exit 1; }
      say "app unpacked and starts: version $version"
      rm -f .gpu/app.tar.xz
    else
      say "app: $(compgen -G "$chunks/app-*-of-$n" | wc -l) of $n chunks here"
    fi
  done
  date +%s > "$work/last-call-end"
}

snapshot() { # copies the run's files into $OUT, the checkpoint in parts (at most 8 files of 16 MiB come back)
  local out=${OUT:?no OUT folder}
  [ -f "$run/checkpoint.safetensors" ] || { say "no checkpoint written yet"; return 0; }
  cp "$run/checkpoint.safetensors" "$work/checkpoint.copy"
  split -b 15m -d -a 1 "$work/checkpoint.copy" "$out/checkpoint.safetensors.part-"
  rm -f "$work/checkpoint.copy"
  for f in model.safetensors curve.png; do [ -f "$run/$f" ] && cp "$run/$f" "$out/"; done
  # The log grows by about 2 MB a window (one row a step); past 15 MiB it comes back compressed.
  if [ -f "$run/log.csv" ]; then
    if (( $(stat -c %s "$run/log.csv") > 15 * 1048576 )); then gzip -c "$run/log.csv" > "$out/log.csv.gz"; else cp "$run/log.csv" "$out/"; fi
  fi
  [ -f "$work/train.out" ] && cp "$work/train.out" "$out/train.out"
  (cd "$out" && cat checkpoint.safetensors.part-* | sha256sum | sed 's/-$/checkpoint.safetensors/' > SHA256SUMS \
     && sha256sum model.safetensors >> SHA256SUMS)
  say "in \$OUT: $(cd "$out" && ls | tr '\n' ' ')"
}

running() { [ -f "$work/train.pid" ] && kill -0 "$(cat "$work/train.pid")" 2>/dev/null; }

# The end of the run's output; for a crash, its first exception line too (a stack trace's last lines name no cause).
ended() { grep -m 1 -E '^(error:|Unhandled)' "$work/train.out" || true; tail -n 4 "$work/train.out"; }
progress() { grep -E "iter|saved|validation|error" "$work/train.out" 2>/dev/null | tail -n 1 || true; }

case "${1:-}" in
  stage)
    stage
    ;;
  train)
    left=${2:?usage: remote.sh train SECONDS_LEFT (the budget_left_s of the previous reply)}
    [[ $left =~ ^[0-9]+$ ]] || { echo "error: SECONDS_LEFT must be the budget_left_s of the previous reply (whole seconds), got '$left'" >&2; exit 2; }
    start=$(date +%s)
    gap=0; [ -f "$work/last-call-end" ] && gap=$(( start - $(cat "$work/last-call-end") ))
    stage
    [ -d "$tmp/gpu-data" ] || { echo "error: no training data on this machine (the staging calls did not run, or the machine was replaced)" >&2; exit 1; }
    seconds=$(( left - gap - reserve - ($(date +%s) - start) ))
    minutes=$(awk -v s="$seconds" 'BEGIN { printf "%.2f", s / 60 }')
    (( seconds >= 60 )) || { echo "error: only ${seconds}s of the window left for training" >&2; exit 1; }
    (( seconds >= 600 )) || say "warning: only $minutes min of training fit in what is left of the window"
    mkdir -p "$work/repo" "$work/shared/data"
    ln -sfn "$here/models" "$work/repo/models"
    ln -sfn "$tmp/gpu-data" "$work/shared/data/train"
    rm -rf "$run"; mkdir -p "$run"
    if [ -f "$committed" ]; then
      cp "$committed" "$run/checkpoint.safetensors"
      [ -f "$committed_log" ] && cp "$committed_log" "$run/log.csv"
      args=(train --resume "$run")
      say "continuing the committed checkpoint for $minutes min (the previous call ended ${gap}s before this one began)"
    else
      cp .gpu/train.yaml "$work/train.yaml"
      args=(train --config "$work/train.yaml" --out "$run")
      say "no committed checkpoint: a new run of .gpu/train.yaml for $minutes min (the previous call ended ${gap}s before this one began)"
    fi
    args+=(--device "$device" --max-minutes "$minutes" --save-minutes "$save_minutes" --log-every 500)
    read -r -a extra <<< "${LIIF_GPU_TRAIN_ARGS:-}"
    args+=("${extra[@]}")
    (cd "$work/repo" && setsid bash -c 'echo $$ > "$1"; shift; exec "$@"' _ "$work/train.pid" \
       bash "$here/.gpu/run.sh" Liif.Cli "${args[@]}" > "$work/train.out" 2>&1 < /dev/null &)
    for _ in $(seq 60); do [ -s "$work/train.pid" ] && break; sleep 0.5; done  # a loaded machine starts it late
    say "training started (pid $(cat "$work/train.pid")): Liif.Cli ${args[*]}"
    until ! running || (( $(date +%s) - start >= watch_s )); do
      sleep 1
      (( ($(date +%s) - start) % 60 == 0 )) && say "$(progress)"
    done
    running && say "still training; send the finish call now" || { say "training ended"; ended; }
    snapshot
    date +%s > "$work/last-call-end"
    ;;
  finish)
    [ -f "$work/train.pid" ] || { echo "error: no training on this machine (the machine was replaced?): keep the previous call's snapshot" >&2; exit 1; }
    waited=0
    # At most 500 s of waiting and 60 s for a SIGTERM'd run to save: the call stays under its 600 s.
    while running && (( waited < ${LIIF_GPU_FINISH_WAIT_S:-500} )); do
      sleep 1; waited=$(( waited + 1 ))
      (( waited % 60 == 0 )) && say "$(progress)"
    done
    if running; then
      say "still running: SIGTERM (it saves its checkpoint and stops)"
      kill -TERM "$(cat "$work/train.pid")"
      for _ in $(seq 60); do running || break; sleep 1; done
    fi
    ended
    snapshot
    ;;
  *)
    echo "usage: remote.sh stage | train SECONDS_LEFT | finish" >&2
    exit 2
    ;;
esac
