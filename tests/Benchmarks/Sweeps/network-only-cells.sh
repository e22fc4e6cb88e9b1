#!/usr/bin/env bash
# Times the network-only cells of a sweep, side by side for two builds of sasg, and checks they write the same bytes.
#   bash tests/Benchmarks/Sweeps/network-only-cells.sh <scenario> <work folder> <sasg A> <sasg B> [sweep options...]
# <sasg A|B> are commands, e.g. "dotnet /tmp/art-main/bin/Cli/release/sasg.dll". Build B runs the whole sweep once
# (untimed); then each build, in turn, gets a fresh folder holding only that sweep's trained cell and runs the sweep:
# every other cell is a replay (network-only), which is what is timed. Prints wall, user and system seconds, the load
# average before and after, and the files that differ (summary.json compared without its "sasg" build block).
set -euo pipefail
scenario=$1; work=$2; a=$3; b=$4; shift 4
mkdir -p "$work"
rm -rf "$work/full"
$b sweep "$scenario" --dir "$work/full" "$@" > "$work/full.log"
trained=$(dirname "$(grep -l ' trained$' "$work"/full/cells/*/done | head -1)")
for build in A B; do
  sasg=$a; [[ $build == B ]] && sasg=$b
  folder="$work/$build"
  rm -rf "$folder" && mkdir -p "$folder/cells"
  cp "$work/full/manifest.json" "$work/full/scenario.json" "$work/full/scenario-source.json" "$folder/"
  cp -r "$trained" "$folder/cells/"
  echo "$build: $sasg; load before $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "$build: %e s wall, %U s user, %S s system" $sasg sweep "$scenario" --dir "$folder" "$@" 2>&1 | tail -2
  echo "$build: load after $(cut -d' ' -f1-3 /proc/loadavg)"
done
python3 - "$work/A" "$work/B" <<'PY'
import json, os, sys
a, b = sys.argv[1], sys.argv[2]
def files(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs if not f.endswith(".lock"))
def content(path):
    if path.endswith("summary.json"):
        data = json.load(open(path)); data.pop("sasg", None); return json.dumps(data)
    return open(path, "rb").read()
fa, fb = files(a), files(b)
common = sorted(set(fa) & set(fb))
differ = [f for f in common if content(os.path.join(a, f)) != content(os.path.join(b, f))]
print(f"{len(common)} files in both, {len(differ)} differ; only in A: {sorted(set(fa) - set(fb))}; only in B: {sorted(set(fb) - set(fa))}")
for f in differ[:10]: print("differs:", f)
PY
