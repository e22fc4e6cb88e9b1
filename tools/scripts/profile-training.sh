#!/usr/bin/env bash
# Where an SGD and a SASG run of Fashion-MNIST spend their time: each cut (one method, 2 epochs, -j 1) runs once under
# dotnet-trace (sampled thread time) and once under dotnet-counters (GC pauses); tools/scripts/profile-breakdown.py
# prints the shares by kind of work, of the training loop and of the whole run, and the GC line gives the share of
# the run's wall time spent in GC pauses.
# Usage: tools/scripts/profile-training.sh [sasg.dll]   (default: a Release build of this checkout)
# Needs dotnet-trace and dotnet-counters on PATH or in ${SASG_DOTNET_TOOLS:-$HOME/.dotnet/tools}:
#   dotnet tool install --tool-path ~/.dotnet/tools dotnet-trace; dotnet tool install --tool-path ~/.dotnet/tools dotnet-counters
# Everything goes to ${SASG_PROFILE_DIR:-results/profile}.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PATH:${SASG_DOTNET_TOOLS:-$HOME/.dotnet/tools}"
for tool in dotnet-trace dotnet-counters; do
  command -v "$tool" >/dev/null || { echo "profile-training.sh: $tool not found; install it with: dotnet tool install --tool-path ~/.dotnet/tools $tool" >&2; exit 2; }
done
out="$(mkdir -p "${SASG_PROFILE_DIR:-results/profile}" && cd "${SASG_PROFILE_DIR:-results/profile}" && pwd)"
dll="${1:-}"
if [ -z "$dll" ]; then
  dotnet build tools/Cli -c Release --artifacts-path "$out/art" -v q -nologo >/dev/null
  dll="$out/art/bin/Cli/release/sasg.dll"
fi
python3 tools/scripts/fashion-cuts.py "$out"
for cut in sgd-2ep sasg-2ep; do
  rm -rf "$out/$cut" "$out/$cut-gc"
  dotnet-trace collect --profile dotnet-sampled-thread-time -o "$out/$cut.nettrace" \
    -- dotnet "$dll" run "$out/$cut.json" -j 1 -o "$out/$cut" >"$out/$cut.log" 2>&1
  dotnet-trace convert --format speedscope -o "$out/$cut" "$out/$cut.nettrace" >/dev/null
  SECONDS=0
  dotnet-counters collect --counters System.Runtime --format csv -o "$out/$cut-gc.csv" \
    -- dotnet "$dll" run "$out/$cut.json" -j 1 -o "$out/$cut-gc" >>"$out/$cut.log" 2>&1
  wall=$SECONDS
  echo "## $cut (load average $(uptime | sed 's/.*load average: //'))"
  python3 tools/scripts/profile-breakdown.py "$out/$cut.speedscope.json"
  # dotnet.gc.pause.time is reported per interval; its sum is the run's GC pause time.
  awk -F, -v wall="$wall" '/dotnet.gc.pause.time/ { pause += $NF } END { printf "GC pauses: %.2f s of a %d s run (%.1f %%)\n\n", pause, wall, 100 * pause / wall }' "$out/$cut-gc.csv"
done
