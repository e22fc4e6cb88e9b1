#!/usr/bin/env bash
# Runs the papers' scenarios at full size and prints, for each, the wall time and the report table that
# docs/reproduction.md quotes. Usage: tools/scripts/reproduce.sh [scenario names...] (default: all of them).
# Results go to ${SASG_REPRO_DIR:-results/repro}/<name>/; the program is built once in Release.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${SASG_REPRO_DIR:-results/repro}"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  names=(default lag-synthetic-linear-uniform lag-synthetic-logistic lag-synthetic-logistic-as-stored lag-uci-linear
         lag-uci-logistic lag-uci-logistic-as-stored lag-uci-logistic-m18 lag-uci-logistic-m18-as-stored
         sasg-mnist10k-fc sasg-fashion-mnist-fc noniid-mixed noniid-dirichlet)
fi
# The commit (and whether the tree had changes) of the one build every scenario below runs.
built="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src tools || echo '+changes')"
dotnet build tools/Cli -c Release -o "$out/.bin" >/dev/null
mkdir -p "$out"
failed=()
for name in "${names[@]}"; do
  file="scenarios/$name.json"
  [ -f "$file" ] || { echo "reproduce.sh: $file not found; names are the files in scenarios/ without .json" >&2; exit 2; }
  SECONDS=0
  if ! dotnet "$out/.bin/sasg.dll" run "$file" --output "$out/$name" > "$out/$name.log" 2>&1; then
    # One failed scenario must not cost the others: say so, and fail at the end.
    printf '## %s: FAILED after %d s (see %s)\n\n' "$name" "$SECONDS" "$out/$name.log"
    failed+=("$name")
    continue
  fi
  printf '## %s: %d s wall (git %s, load average %s)\n\n' "$name" "$SECONDS" "$built" "$(uptime | sed 's/.*load average: //')"
  sed -n '/^| algorithm/,$p' "$out/$name/report.md"
  echo
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "reproduce.sh: failed: ${failed[*]}" >&2
  exit 1
fi
