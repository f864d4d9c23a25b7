#!/usr/bin/env bash
# One command to prepare a 15-minute GPU window that trains the shipped default model (docs/training.md, "Training
# on a GPU window"): packs everything that must travel into .gpu/ (ignored) and prints the remote commands to send,
# back to back, with the carry list of each and a timeline.
#
# Usage (from anywhere in the repository): bash tools/gpu/plan.sh [options]
#   --config FILE       the training config (default configs/train_edsr-baseline-liif_all-photos.yaml); its folders
#                       must lie in ../shared/data/train/
#   --untrimmed         pack the whole .NET runtime (about twice the trimmed app) in case the trimmed app misbehaves
#   --transfer-mbs N    assumed transfer rate to the machine, MB/s, for the timeline (default 10)
#   --cold-start-s N    assumed start-up of the machine, s, for the timeline (default 90)
#   for the dry run (tools/gpu/dry-run.sh): --stage DIR, --data-root DIR, --app FILE (a packed app to use as is),
#   --run-sh FILE (instead of the kit's run.sh), --capacity-mib N (instead of what fits beside the tracked tree)
#
# How it fits (the kit's limits, ../shared/gpu/README.md): each remote command sends the tracked tree plus what it
# carries, 64 MiB in all; one command runs at most 10 minutes; the machine keeps /tmp for 30 s after a command, so the
# commands go back to back; the window is 15 minutes from the request, cold start and transfers included. So:
# - the app is published self-contained and trimmed (framework assemblies only, TrimMode=partial: 21.5 MiB of xz,
#   6 of them the default model the library embeds, instead of about twice that), and the training images travel as
#   the trainer uses them (images under 192 px left out, PNG as lossless WebP: 122 -> 106 MB;
#   tools/gpu/stage-training-data.cs). JPEG photos cannot shrink without loss, and a subset would give up data, so
#   everything travels, in as few calls as the room beside the tracked tree allows (three today: about 43 MiB each);
# - training starts in the call that brings the last data part, not before: the trainer reads its whole data set
#   once (in memory), and a run that changed its data on the way could not be resumed exactly; starting one call
#   earlier would win about 20 s of a 10-minute run;
# - the training call's budget is what the window has left (the budget_left_s of the previous reply) minus its own
#   start-up and a reserve for the end, so slow transfers shorten the training instead of overrunning the window;
# - that call watches the training for 9 minutes and returns a snapshot (checkpoint, model, log), and the last call
#   waits for the end and collects the final files: a window lost between the two still leaves the snapshot.
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
kit=${LIIF_GPU_KIT:-$root/../shared/gpu}
config=configs/train_edsr-baseline-liif_all-photos.yaml
stage=.gpu
data_root=""
app_file=""
run_sh=""
capacity_mib=""
trimmed=1
mbs=10
cold_s=90
while [ $# -gt 0 ]; do
  case $1 in
    --config) config=${2:?}; shift 2 ;;
    --untrimmed) trimmed=0; shift ;;
    --transfer-mbs) mbs=${2:?}; shift 2 ;;
    --cold-start-s) cold_s=${2:?}; shift 2 ;;
    --stage) stage=${2:?}; shift 2 ;;
    --data-root) data_root=${2:?}; shift 2 ;;
    --app) app_file=${2:?}; shift 2 ;;
    --run-sh) run_sh=${2:?}; shift 2 ;;
    --capacity-mib) capacity_mib=${2:?}; shift 2 ;;
    *) echo "error: unknown option '$1' (see the top of tools/gpu/plan.sh)" >&2; exit 2 ;;
  esac
done
[ -f "$config" ] || { echo "error: config '$config' not found" >&2; exit 1; }
for f in pack.sh pack-data.sh run.sh; do
  [ -f "$kit/$f" ] || { echo "error: the GPU kit is not at $kit (../shared/gpu beside the repository; or set LIIF_GPU_KIT)" >&2; exit 1; }
done
mkdir -p "$stage"
stage=$(cd "$stage" && pwd)
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
size() { stat -c %s "$1"; }

# The kit's scripts write into the .gpu/ of the git repository they run in and add it to .git/info/exclude, which
# fails in a worktree (.git is a file there): they run in a scratch repository, and what they write is moved here.
# Their closing hints about carry and sizes are left out: this plan prints its own.
in_scratch_repo() {
  local scratch; scratch=$(mktemp -d)
  (cd "$scratch" && git init -q && "$@") 2>&1 | sed '/^each remote command/d; /^device run:/d' >&2
  echo "$scratch"
}

# 1. The app: published once, again when a source file is newer than the package.
if [ -n "$app_file" ]; then
  cp "$app_file" "$stage/app.tar.xz"
  flavour=given
else
  flavour=$([ "$trimmed" = 1 ] && echo trimmed || echo untrimmed)
  if [ ! -f "$stage/app.tar.xz" ] || [ "$(cat "$stage/app.flavour" 2>/dev/null)" != "$flavour" ] || \
     [ -n "$(find src Directory.Build.props Directory.Packages.props build -newer "$stage/app.tar.xz" -type f \
             \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' \) -print -quit)" ]; then
    echo "packing the app ($flavour; a minute or two) ..." >&2
    publish=()
    # Trimming removes the framework code the app does not use. TrimMode=partial trims only the framework's own
    # assemblies (marked trimmable), never TorchSharp or ours, whose reflection (module fields, JSON records) stays
    # intact; reflection-based JSON is kept on explicitly.
    [ "$trimmed" = 1 ] && publish=(-p:PublishTrimmed=true -p:TrimMode=partial -p:JsonSerializerIsReflectionEnabledByDefault=true
                                   -p:SuppressTrimAnalysisWarnings=true -p:EnableTrimAnalyzer=false -p:TreatWarningsAsErrors=false)
    scratch=$(in_scratch_repo bash "$kit/pack.sh" "$root/src/Liif.Cli/Liif.Cli.csproj" "${publish[@]}")
    mv "$scratch/.gpu/app.tar.xz" "$stage/app.tar.xz"
    rm -rf "$scratch"
    echo "$flavour" > "$stage/app.flavour"
  fi
fi
rm -f "$stage/run.sh" "$stage/train.yaml"   # the kit's run.sh is read-only: copies keep that
cp "${run_sh:-$kit/run.sh}" "$stage/run.sh"
cp "$config" "$stage/train.yaml"

# 1b. The packed app must train before it travels: a window is no place to find that trimming removed something. It
#     carries no libtorch (the GPU machine's PyTorch provides it), so here it runs on the CPU libtorch of the NuGet
#     cache: two steps of the tiny config, then one more resumed (a given --app is the dry run's stand-in: not checked).
if [ -z "$app_file" ]; then
  libtorch=$(dirname "$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}/libtorch-cpu-linux-x64" -name libtorch_cpu.so -print -quit 2>/dev/null)")
  check=$(mktemp -d)
  tar -xJf "$stage/app.tar.xz" -C "$check"
  mkdir "$check/images"
  for f in $(ls "$root"/../shared/data/train/T91/*.png | head -4); do cp "$f" "$check/images/"; done
  cli=$(find "$check" -name Liif.Cli -type f -print -quit)
  if ! (cd "$check" && LD_LIBRARY_PATH=$libtorch "$cli" train --config "$root/configs/test_tiny-liif.yaml" --data images \
          --set train_dataset.wrapper.args.inp_size=8 --max-iterations 2 --out run >log 2>&1 &&
        LD_LIBRARY_PATH=$libtorch "$cli" train --resume run --max-iterations 1 >>log 2>&1); then
    tail -n 5 "$check/log" >&2
    echo "error: the packed app does not train here (above); pack it again with --untrimmed" >&2
    rm -rf "$check"; exit 1
  fi
  rm -rf "$check"
  echo "the packed app trains (2 steps and a resumed one on the CPU)" >&2
fi

# 2. The training images as the trainer uses them.
stage_args=(--config "$config" --out "$stage/images")
[ -n "$data_root" ] && stage_args+=(--data-root "$data_root")
dotnet run tools/gpu/stage-training-data.cs -- "${stage_args[@]}"

# 3. Room per call: 64 MiB less the tracked tree (as it is now: a committed checkpoint makes it larger), any
#    untracked file git does not ignore (it travels too), the small files every call carries, and 1 MiB to spare.
tracked=$(git ls-files -z | xargs -0 cat | wc -c)
untracked=$(git ls-files -z --others --exclude-standard | xargs -0 -r cat | wc -c)
(( untracked < 102400 )) || echo "warning: $(mib "$untracked") MiB of untracked files that git does not ignore travel with every call" >&2
small=$(( $(size "$stage/run.sh") + $(size "$stage/train.yaml") ))
if [ -n "$capacity_mib" ]; then
  capacity=$(( capacity_mib * 1048576 ))
else
  capacity=$(( 64 * 1048576 - tracked - untracked - small - 1048576 ))
fi
(( capacity >= 1048576 )) || { echo "error: the tracked tree leaves no room to carry anything ($(mib "$tracked") MiB)" >&2; exit 1; }

# 4. Parts no larger than that room: the data by the kit's pack-data.sh, the app cut in chunks if it must be.
rm -f "$stage"/data-*.tar "$stage"/app-*-of-*
scratch=$(in_scratch_repo bash "$kit/pack-data.sh" $(( capacity / 1048576 )) "$stage"/images/*/)
mv "$scratch"/.gpu/data-*.tar "$stage/"
rm -rf "$scratch"
app_size=$(size "$stage/app.tar.xz")
chunks=$(( (app_size + capacity - 1) / capacity ))
(cd "$stage" && split -n "$chunks" -d -a 1 app.tar.xz app-chunk- && i=1 && for c in app-chunk-*; do mv "$c" "app-$i-of-$chunks"; i=$(( i + 1 )); done)

# 5. Calls: each app chunk in a call of its own, in order, then every data part into the first call it fits
#    (largest first); training starts in the last call.
declare -a call_items call_bytes
for k in $(seq 1 "$chunks"); do
  call_items+=("app-$k-of-$chunks"); call_bytes+=("$(size "$stage/app-$k-of-$chunks")")
done
for part in $(cd "$stage" && ls -S data-*.tar); do
  b=$(size "$stage/$part"); placed=0
  for i in "${!call_items[@]}"; do
    if (( call_bytes[i] + b <= capacity )) && (( $(wc -w <<< "${call_items[i]}") < 6 )); then
      call_items[i]="${call_items[i]} $part"; call_bytes[i]=$(( call_bytes[i] + b )); placed=1; break
    fi
  done
  (( placed )) || { call_items+=("$part"); call_bytes+=("$b"); }
done
n=${#call_items[@]}
# Every call must fit the kit's limit with the tree that travels beside it: refuse a plan that would be cut off in the window.
for i in "${!call_items[@]}"; do
  total=$(( call_bytes[i] + tracked + untracked + small ))
  (( total <= 64 * 1048576 )) || { echo "error: call $(( i + 1 )) would send $(mib "$total") MiB (limit 64 MiB): ${call_items[i]}" >&2; exit 1; }
done

# 6. The plan, for people (stdout) and for the dry run ($stage/steps.tsv: carry (- for none), command, timeout, one
#    call a line).
steps=$stage/steps.tsv; : > "$steps"
t=$cold_s
clock() { printf "%d:%02d" $(( $1 / 60 )) $(( $1 % 60 )); }
transfer() { awk -v b="$1" -v r="$mbs" 'BEGIN { printf "%d", b / 1e6 / r + 5 }'; }
echo "GPU window plan: $(basename "$config"), app $(mib "$app_size") MiB ($flavour), training images $(du -sm "$stage/images" | cut -f1) MiB in $(ls "$stage"/data-*.tar | wc -l) parts"
echo "every call also sends the tracked tree: $(mib "$tracked") MiB; room left for its carry: $(mib "$capacity") MiB"
echo "Send these $(( n + 1 )) calls back to back (the machine keeps /tmp only 30 s after a call); give_back right after the last."
echo
for i in $(seq 0 $(( n - 1 ))); do
  carry=".gpu/run.sh"; for item in ${call_items[i]}; do carry="$carry .gpu/$item"; done
  if (( i == n - 1 )); then
    carry="$carry .gpu/train.yaml"
    command="bash tools/gpu/remote.sh train SECONDS_LEFT"; timeout=600
  else
    command="bash tools/gpu/remote.sh stage"; timeout=180
  fi
  bytes=$(( tracked + call_bytes[i] + small ))
  secs=$(transfer "$bytes")
  printf '%s\t%s\t%s\n' "$carry" "$command" "$timeout" >> "$steps"
  json=$(sed 's/[^ ]*/"&"/g; s/ /, /g' <<< "$carry")
  echo "call $(( i + 1 )): carry [$json]"
  echo "        command: $command    (timeout_s $timeout; $(mib "$bytes") MiB to send)"
  t=$(( t + secs ))
done
left=$(( 900 - t ))
train_s=$(( left - 100 ))
echo "        SECONDS_LEFT: the budget_left_s of the reply to call $(( n - 1 > 0 ? n - 1 : 1 )) ($( (( n > 1 )) && echo "about $left" || echo "900 less the start-up")); training gets that less ~100 s for its start and the end"
printf '%s\t%s\t%s\n' - "bash tools/gpu/remote.sh finish" 600 >> "$steps"  # - : nothing to carry
echo "call $(( n + 1 )): carry []"
echo "        command: bash tools/gpu/remote.sh finish    (timeout_s 600)"
echo "then:   bash tools/gpu/fetch.sh FILES_AT --install   (FILES_AT: the folder of the last reply's files)"
echo
echo "Timeline (assumed: cold start ${cold_s} s, ${mbs} MB/s, 5 s a call):"
echo "  0:00  request; the machine starts"
t=$cold_s
for i in $(seq 0 $(( n - 1 ))); do
  secs=$(transfer $(( tracked + call_bytes[i] + small )))
  echo "  $(clock "$t")  call $(( i + 1 )): $([ $(( i )) -eq $(( n - 1 )) ] && echo "last data; training starts" || echo "stages ${call_items[i]// /, }") (~${secs} s)"
  t=$(( t + secs ))
done
echo "  $(clock $(( t + 25 )))  training runs ~$(clock "$train_s") (min:s) with checkpoints every 2 min; the call returns a snapshot at $(clock $(( t + 540 )))"
echo "  $(clock $(( t + 540 + 20 )))  call $(( n + 1 )) waits for the end, collects and returns checkpoint, model, log"
echo "  $(clock $(( t + 25 + train_s + 30 )))  give_back ($(clock $(( 900 - t - 25 - train_s - 30 ))) to spare)"
if (( train_s < 600 )); then
  echo "warning: under 10 minutes of training with these assumptions" >&2
fi
