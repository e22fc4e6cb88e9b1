#!/usr/bin/env bash
# CI subset of the ns-3 comparison (docs/fidelity.md, "ns-3 at scale"), in two steps:
#  1. Sasg against ns-3 at M = 50: the committed decision-log excerpt tools/netem/ci/decisions.csv (10 workers,
#     stretched to 50 with --replicate-workers: worker w replays worker w mod 10), Top10 (326 KB) and Sparse (33 KB),
#     iterations 0 and 1 of each, 2 passes, on two networks: 100 Mbit/s, 5 ms, push and pull. (Not SGD: fifty 1.6 MB
#     uploads pushed at once overflow the 64 MB server queue once the windows have grown, the lossy regime outside the
#     model; docs/fidelity.md, "ns-3 at scale".) Fails (exit 1) when a large-payload configuration misses median
#     |err| <= 3 % or p95 <= 10 % under the wire model, or when a deliberately wrong model (payload-only, links 10 %
#     slow, twice the latency) meets the target in both (the gate would then prove nothing).
#  2. netem against ns-3 where both run (M <= 10): the netem CI subset's networks (M = 4, 100 Mbit/s, 0.5 and 5 ms,
#     push and pull; tools/netem/ci-fidelity.sh) replayed by both references (`validate-network --engine both`); fails
#     when their per-iteration times differ by more than Sasg's own target. Finished netem runs in OUTPUT_DIR/netem
#     (ci-fidelity.sh OUTPUT_DIR/netem, as .ci/run does) are reused. Prints one "SKIP" line where the machine cannot
#     emulate.
# ns-3 itself comes from Debian (tools/ns3/build.sh installs ns3 and libns3-dev); where it cannot be installed the
# script prints one "SKIP" line and exits 0.
# usage: tools/ns3/ci-ns3.sh [OUTPUT_DIR]
#   SASG="dotnet path/to/sasg.dll" overrides how the CLI is started (default: dotnet run --project tools/Cli).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:-$(mktemp -d /tmp/ns3-ci.XXXXXX)}
if ! reason=$(bash "$ROOT/tools/ns3/build.sh"); then
  echo "SKIP ns-3 fidelity (tools/ns3/ci-ns3.sh): ${reason#ns3: }"
  exit 0
fi
read -r -a sasg <<< "${SASG:-dotnet run --project $ROOT/tools/Cli --no-launch-profile --}"
status=0

echo "ns-3 fidelity: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
start=$(date +%s)
code=0
"${sasg[@]}" validate-network "$ROOT/tools/netem/ci" --engine ns3 --replicate-workers \
  --output "$OUT/ns3-m50" --workers 50 --rates 100Mbps --latencies 5ms --modes push,pull \
  --algorithms Top10,Sparse --iterations 2 --repeat 2 --budget 600s --check-target wire || code=$?
echo "ns-3 fidelity: $(( $(date +%s) - start )) s"
case $code in
  0) echo "ns-3 fidelity: target met, wrong models rejected (report: $OUT/ns3-m50/fidelity.md)" ;;
  3) echo "SKIP ns-3 fidelity (tools/ns3/ci-ns3.sh): ns-3 cannot run here"; exit 0 ;;
  4) echo "ns-3 fidelity: TARGET MISSED (report: $OUT/ns3-m50/fidelity.md)"; status=1 ;;
  5) echo "ns-3 fidelity: a WRONG MODEL MET THE TARGET, the gate proves nothing (report: $OUT/ns3-m50/fidelity.md)"; status=1 ;;
  *) echo "ns-3 fidelity: failed with status $code"; status=1 ;;
esac

if ! why=$(bash "$ROOT/tools/netem/netem.sh" check); then
  echo "SKIP netem/ns-3 agreement (tools/ns3/ci-ns3.sh): ${why#netem: }"
  exit $status
fi
bash "$ROOT/tools/netem/netem.sh" build
code=0
"${sasg[@]}" validate-network "$ROOT/tools/netem/ci" --engine both \
  --output "$OUT" --workers 4 --rates 100Mbps --latencies 0.5ms,5ms --modes push,pull \
  --algorithms SGD,Top10,Sparse --iterations 1 --repeat 5 --budget 60s > "$OUT/agreement.txt" || code=$?
grep -E 'ns-3 vs netem|DISAGREE|nothing compared' "$OUT/agreement.txt" || true
case $code in
  0) echo "netem/ns-3 agreement: within the target (report: $OUT/agreement.csv)" ;;
  3) echo "SKIP netem/ns-3 agreement (tools/ns3/ci-ns3.sh): cannot emulate on this machine" ;;
  4) echo "netem/ns-3 agreement: the references DISAGREE (report: $OUT/agreement.csv)"; status=1 ;;
  *) echo "netem/ns-3 agreement: failed with status $code"; tail -3 "$OUT/agreement.txt"; status=1 ;;
esac
exit $status
