#!/usr/bin/env bash
# Replay throughput, side by side: 50 networks replayed by 50 processes of `sasg replay` (one network each, as before
# batch replay) and N networks by one `sasg replay --uplink ... --output` (one process, in parallel over the cores).
#   tools/scripts/replay-throughput.sh <sasg> <results> [N] [old-sasg]
# <results> is a results folder, e.g. from `sasg run tools/scripts/replay-throughput.json --output <results>`
# (100 workers x 1,000 iterations, 3 methods; decisions.csv, which the code before decisions.parquet reads too).
# [old-sasg], when given, runs the per-network loop with that binary too (the code before batch replay).
# Wall-clock seconds include every process's start-up.
set -euo pipefail
sasg="$1"; results="$2"; n="${3:-200}"; old="${4:-}"
uplinks="$(seq 1 "$n" | awk '{ printf "%s%dMbps", (NR > 1 ? "," : ""), $1 * 5 }')"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

loop() {
  local binary="$1" k=50 start end
  start=$(date +%s.%N)
  for i in $(seq 1 "$k"); do "$binary" replay "$results" --uplink "$((i * 5))Mbps" > /dev/null; done
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v k="$k" -v label="$2" 'BEGIN { printf "%s: %d networks, one process each: %.2f s, %.0f networks/min\n", label, k, e - s, k * 60 / (e - s) }'
}

[ -n "$old" ] && loop "$old" "per-network sasg replay (old binary)"
loop "$sasg" "per-network sasg replay"
start=$(date +%s.%N)
"$sasg" replay "$results" --uplink "$uplinks" --output "$out/batch" > /dev/null
end=$(date +%s.%N)
rows=$(($(wc -l < "$out/batch/replays.csv") - 1))
awk -v s="$start" -v e="$end" -v k="$rows" 'BEGIN { printf "batch sasg replay: %d networks, one process: %.2f s, %.0f networks/min\n", k, e - s, k * 60 / (e - s) }'
nproc; uptime
