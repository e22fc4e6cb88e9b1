#!/usr/bin/env bash
# Training speed of this checkout against another commit (default: main), side by side in one run, on cuts of
# scenarios/sasg-fashion-mnist-fc.json: start-up (a 1-iteration SGD run), seconds per epoch of SGD and of SASG on one
# method at a time (-j 1, two epochs less the 1-iteration run, halved), and with --full the 4-method 20-epoch
# comparison with -j 2 (wall time and peak memory). Old and new alternate (taking turns to go first), so both see the same load; every figure is
# printed with the new/old ratio and the load average.
# The gradient floor is measured in the same run, before the runs and after each round: this checkout's
# BenchmarkDotNet step (FlatModel.ComputeGradient, analytic, one thread), times 6,000 gradients per SGD epoch and
# 12,000 per SASG epoch (two per worker step); each round's epochs are set against the step measured right after them,
# and the median over rounds is printed ("x floor"; the "floor" column is at the rounds' median step, so s / floor
# need not equal it). The issue's aims, set on a machine whose step took 234.8 us, are printed as
# given and scaled by the rounds' median step.
# Usage: tools/scripts/bench-training.sh [--base REF] [--full] [--repeat N]
# Everything (both builds, the scenarios, the results folders) goes to ${SASG_BENCH_DIR:-results/bench}.
set -euo pipefail
cd "$(dirname "$0")/../.."
base=main full=0 repeat=1
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base="$2"; shift 2 ;;
    --full) full=1; shift ;;
    --repeat) repeat="$2"; shift 2 ;;
    *) echo "bench-training.sh: unknown option '$1' (use --base REF, --full, --repeat N)" >&2; exit 2 ;;
  esac
done
git rev-parse --verify --quiet "$base^{commit}" >/dev/null || { echo "bench-training.sh: '$base' is not a commit; give --base a branch, tag or commit" >&2; exit 2; }
# What is measured, named before the builds (a branch may move while the bench runs).
new_id="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src tools || echo '+changes')"
old_id="$base ($(git rev-parse --short "$base"))"
out="$(mkdir -p "${SASG_BENCH_DIR:-results/bench}" && cd "${SASG_BENCH_DIR:-results/bench}" && pwd)"

# Two Release builds: the base from 'git archive' (its own folder and artifacts), the new one from this tree.
rm -rf "$out/old-src" && mkdir -p "$out/old-src"
git archive "$base" | tar -x -C "$out/old-src"
dotnet build "$out/old-src/tools/Cli" -c Release --artifacts-path "$out/old-art" -v q -nologo >/dev/null
dotnet build tools/Cli -c Release --artifacts-path "$out/new-art" -v q -nologo >/dev/null
old="$out/old-art/bin/Cli/release/sasg.dll"
new="$out/new-art/bin/Cli/release/sasg.dll"

# The floor: microseconds of one gradient step, from the benchmark's table (the mean of its 'analytic' row).
floor() {
  dotnet run -c Release --project tests/Benchmarks --artifacts-path "$out/bench-art" -- \
    --filter '*TrainingStepBenchmarks.FlatComputeGradient' --artifacts "$out/bdn" >"$out/floor.log" 2>&1 \
    || { tail -20 "$out/floor.log" >&2; exit 1; }
  python3 - "$out/floor.log" <<'PY'
import re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"\|\s*'FlatModel.ComputeGradient \(analytic\)'.*?\|\s*([0-9.,]+) (us|ms)\s*\|", line)
    if m:
        value = float(m.group(1).replace(",", ""))
        print(value * (1000 if m.group(2) == "ms" else 1))
        break
else:
    sys.exit("bench-training.sh: no step time in the benchmark's output")
PY
}
step_before=$(floor)

# The cuts: one method each, 1 iteration or 2 epochs.
python3 tools/scripts/fashion-cuts.py "$out"

# One run: run <dll> <scenario> <parallel> <folder>; leaves "wall-seconds peak-KB cpu-seconds" in $out/time.txt
# (CPU = user + system: on a loaded machine it moves much less than the wall time).
run() {
  rm -rf "$4"
  /usr/bin/time -f "%e %M %U %S" -o "$out/time.txt" dotnet "$1" run "$out/$2.json" -j "$3" -o "$4" >/dev/null 2>"$out/run.log" \
    || { cat "$out/run.log" >&2; exit 1; }
}

# Every round's figures go to rounds.tsv (round, side, figure, value); the table gives each side's median over the
# rounds and the median of the rounds' new/old ratios: on a machine whose speed drifts over minutes (a shared VM) a
# round's old and new runs, which follow each other, see nearly the same machine, and the median is not pulled by a
# round that ran slow. The sides take turns going first (old then new in odd rounds, new then old in even ones), so
# that a machine slowing down or speeding up within rounds does not favour the side that always runs first.
rounds="$out/rounds.tsv"
: > "$rounds"
record() { python3 -c "print($1, '$2', '$3', $4, sep='\t')" >> "$rounds"; }
for ((r = 1; r <= repeat; r++)); do
  sides="old new"
  if ((r % 2 == 0)); then sides="new old"; fi
  for side in $sides; do
    dll=${!side}
    run "$dll" sgd-1it 1 "$out/$side-sgd-1it" && read -r t1 m1 u1 s1 < "$out/time.txt"
    run "$dll" sgd-2ep 1 "$out/$side-sgd-2ep" && read -r t2 _ u2 s2 < "$out/time.txt"
    run "$dll" sasg-2ep 1 "$out/$side-sasg-2ep" && read -r t3 _ u3 s3 < "$out/time.txt"
    record "$r" "$side" start "$t1"; record "$r" "$side" mem1 "$m1"; record "$r" "$side" startcpu "$u1 + $s1"
    record "$r" "$side" sgd "($t2 - $t1) / 2"; record "$r" "$side" sasg "($t3 - $t1) / 2"
    record "$r" "$side" sgdcpu "($u2 + $s2 - $u1 - $s1) / 2"; record "$r" "$side" sasgcpu "($u3 + $s3 - $u1 - $s1) / 2"
    if [ "$full" = 1 ]; then
      run "$dll" full 2 "$out/$side-full" && read -r t4 m4 u4 s4 < "$out/time.txt"
      record "$r" "$side" full "$t4"; record "$r" "$side" mem "$m4"; record "$r" "$side" fullcpu "$u4 + $s4"
    fi
  done
  step=$(floor) || exit 1
  record "$r" new step "$step"
done

echo "bench-training: new = $new_id, old = $old_id, $repeat round(s), load average $(uptime | sed 's/.*load average: //'), $(nproc) cores"
echo "gradient step (FlatModel.ComputeGradient, analytic, 1 thread): $step_before us before the runs, after each round: $(awk -F'\t' '$3 == "step" { printf "%s%s", sep, $4; sep = ", " }' "$rounds") us"
# The table, and the new code against the floor and the aims.
python3 - "$rounds" "$full" <<'PY'
import statistics, sys
from collections import defaultdict
path, full = sys.argv[1], sys.argv[2] == "1"
values = defaultdict(dict)
for line in open(path):
    r, side, key, value = line.split("\t")
    values[(side, key)][int(r)] = float(value)
def median(side, key):
    return statistics.median(values[(side, key)].values())
def ratio(key):
    return statistics.median(values[("new", key)][r] / values[("old", key)][r] for r in values[("new", key)])
rows = [("start", "start-up: 1-iteration SGD run (s wall)", 1), ("startcpu", "  the same, CPU s (user + system)", 1),
        ("mem1", "  peak memory of that run (MB)", 1 / 1024), ("sgd", "SGD, -j 1 (s wall per epoch)", 1),
        ("sgdcpu", "  the same, CPU s per epoch", 1), ("sasg", "SASG, -j 1 (s wall per epoch)", 1),
        ("sasgcpu", "  the same, CPU s per epoch", 1)]
if full:
    rows += [("full", "4 methods, 20 epochs, -j 2 (s wall)", 1), ("fullcpu", "  the same, CPU s", 1),
             ("mem", "  peak memory of that run (MB)", 1 / 1024)]
print("| figure (median of the rounds)               |       old |       new | new/old |")
print("|----------------------------------------------|-----------|-----------|---------|")
for key, name, unit in rows:
    print(f"| {name:44} | {median('old', key) * unit:9.2f} | {median('new', key) * unit:9.2f} | {ratio(key):7.2f} |")
# Each round's epoch against the step measured right after that round, then the median over rounds.
steps = values[("new", "step")]
step = statistics.median(steps.values())
scale = step / 234.8
def times_floor(key, gradients):
    return statistics.median(values[("new", key)][r] / (gradients * steps[r] / 1e6) for r in steps)
sgd, sasg = median("new", "sgd"), median("new", "sasg")
print()
print(f"| new code against the floor (median step {step:.1f} us; aims scaled by {scale:.2f}) | s | floor | x floor | aim | scaled aim |")
print("|---|---:|---:|---:|---:|---:|")
print(f"| SGD epoch, -j 1 | {sgd:.2f} | {6000 * step / 1e6:.2f} | {times_floor('sgd', 6000):.2f} | 2.8 | {2.8 * scale:.2f} |")
print(f"| SASG epoch, -j 1 | {sasg:.2f} | {12000 * step / 1e6:.2f} | {times_floor('sasg', 12000):.2f} | 4.5 | {4.5 * scale:.2f} |")
if full:
    print(f"| 4 methods, 20 epochs, -j 2 | {median('new', 'full'):.1f} | | | 150 | {150 * scale:.1f} |")
PY
