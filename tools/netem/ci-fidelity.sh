#!/usr/bin/env bash
# CI subset of the network fidelity check (docs/fidelity.md): M = 4, 100 Mbit/s, one-way latency 0.5 and 5 ms,
# push and pull, three payload sizes from a real decision log (dense 1.6 MB, top-10 % 326 KB, top-1 % 33 KB),
# 5 passes each. Each run also times a payload-free command and reply before every iteration; what those take beyond
# 2D is the emulator's own overhead in that run, and it is subtracted from each iteration once per command-and-reply
# exchange before comparing (docs/fidelity.md, "Harness overhead").
# Prints one line per configuration, one line on the wrong models, and a verdict. Fails (exit 1) when a
# large-payload configuration misses median |err| <= 3 % or p95 <= 10 % under the wire model, or when a deliberately
# wrong model (payload-only, links 10 % slow, twice the latency) meets the target everywhere (the gate would then
# prove nothing); prints one "SKIP" line and exits 0 where the machine cannot emulate (not root, no namespaces,
# missing packages: run tools/scripts/install-netem-deps.sh first).
# usage: tools/netem/ci-fidelity.sh [OUTPUT_DIR]
#   SASG="dotnet path/to/sasg.dll" overrides how the CLI is started (default: dotnet run --project tools/Cli).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:-$(mktemp -d /tmp/fidelity-ci.XXXXXX)}
if ! reason=$(bash "$ROOT/tools/netem/netem.sh" check); then
  echo "SKIP network fidelity (tools/netem/ci-fidelity.sh): ${reason#netem: }"
  exit 0
fi
bash "$ROOT/tools/netem/netem.sh" build
status=0
read -r -a sasg <<< "${SASG:-dotnet run --project $ROOT/tools/Cli --no-launch-profile --}"
echo "network fidelity: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
"${sasg[@]}" validate-network "$ROOT/tools/netem/ci" \
  --output "$OUT" --workers 4 --rates 100Mbps --latencies 0.5ms,5ms --modes push,pull \
  --algorithms SGD,Top10,Sparse --iterations 1 --repeat 5 --budget 60s --check-target wire || status=$?
case $status in
  0) echo "network fidelity: target met, wrong models rejected (report: $OUT/fidelity.md)" ;;
  3) echo "SKIP network fidelity (tools/netem/ci-fidelity.sh): cannot emulate on this machine"; exit 0 ;;
  4) echo "network fidelity: TARGET MISSED (report: $OUT/fidelity.md)"; exit 1 ;;
  5) echo "network fidelity: a WRONG MODEL MET THE TARGET, the gate proves nothing (report: $OUT/fidelity.md)"; exit 1 ;;
  *) echo "network fidelity: failed with status $status"; exit 1 ;;
esac
