#!/usr/bin/env bash
# Packs `sasg` as a .NET tool, installs it into a temporary tool folder, and runs it from a folder outside the
# checkout: `sasg --version`, then a 20-iteration run of the shipped UCI sets (TorchSharp's native library and
# data/lag-uci must come with the tool). Exit 0 when all three work. Used by .ci/run; takes a few minutes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet pack "$root/tools/Cli" -c Release --artifacts-path "$work/artifacts" -o "$work/package" -v q
# Only the package just made: a nuget.config that clears every other source, and this checkout's version.
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")"
printf '<configuration><packageSources><clear /><add key="local" value="%s" /></packageSources></configuration>\n' \
  "$work/package" > "$work/nuget.config"
dotnet tool install sasg --version "$version" --tool-path "$work/tool" --configfile "$work/nuget.config"
mkdir "$work/elsewhere"
cd "$work/elsewhere"
"$work/tool/sasg" --version
python3 - "$root/scenarios/lag-uci-linear.json" > tiny.json <<'PY'
import json, sys
scenario = json.load(open(sys.argv[1]))
scenario.pop("$schema", None)
scenario.pop("stop", None)
scenario["name"] = "tool-check"
scenario["training"]["iterations"] = 20
scenario["outputs"] = {"trace": False, "plots": False}
print(json.dumps(scenario))
PY
"$work/tool/sasg" run tiny.json > run.log
test -s results/tool-check/metrics.csv
echo "sasg tool: packed, installed and run from $work/elsewhere"
