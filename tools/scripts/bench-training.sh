#!/usr/bin/env bash
# Training speed of this checkout against another commit (default: main), side by side in one run, on cuts of
# scenarios/sasg-fashion-mnist-fc.json: start-up (a 1-iteration SGD run), seconds per epoch of SGD and of SASG on one
# method at a time (-j 1, two epochs less the 1-iteration run, halved), and with --full the 4-method 20-epoch
# comparison with -j 2 (wall time and peak memory). Old and new alternate, so both see the same load; every figure is
# printed with the new/old ratio and the load average.
# The gradient floor is measured in the same run, before and after the runs: this checkout's BenchmarkDotNet step
# (FlatModel.ComputeGradient, analytic, one thread), times 6,000 gradients per SGD epoch and 12,000 per SASG
# epoch (two per worker step); the issue's aims, set on a machine whose step took 234.8 us, are printed as given and
# scaled by today's step.
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

declare -A sum
add() { sum[$1]=$(python3 -c "print(${sum[$1]:-0} + $2)"); }
for ((r = 1; r <= repeat; r++)); do
  for side in old new; do
    dll=${!side}
    run "$dll" sgd-1it 1 "$out/$side-sgd-1it" && read -r t1 m1 u1 s1 < "$out/time.txt"
    run "$dll" sgd-2ep 1 "$out/$side-sgd-2ep" && read -r t2 _ u2 s2 < "$out/time.txt"
    run "$dll" sasg-2ep 1 "$out/$side-sasg-2ep" && read -r t3 _ u3 s3 < "$out/time.txt"
    add "$side.start" "$t1"; add "$side.mem1" "$m1"; add "$side.startcpu" "$u1 + $s1"
    add "$side.sgd" "($t2 - $t1) / 2"; add "$side.sasg" "($t3 - $t1) / 2"
    add "$side.sgdcpu" "($u2 + $s2 - $u1 - $s1) / 2"; add "$side.sasgcpu" "($u3 + $s3 - $u1 - $s1) / 2"
    if [ "$full" = 1 ]; then
      run "$dll" full 2 "$out/$side-full" && read -r t4 m4 u4 s4 < "$out/time.txt"
      add "$side.full" "$t4"; add "$side.mem" "$m4"; add "$side.fullcpu" "$u4 + $s4"
    fi
  done
done

step_after=$(floor)
echo "bench-training: new = $new_id, old = $old_id, $repeat round(s), load average $(uptime | sed 's/.*load average: //'), $(nproc) cores"
echo "gradient step (FlatModel.ComputeGradient, analytic, 1 thread): $step_before us before the runs, $step_after us after"
row() { python3 -c "o=${sum[old.$1]}/$repeat; n=${sum[new.$1]}/$repeat; print(f'| {\"$2\":44} | {o * $3:9.2f} | {n * $3:9.2f} | {n / o:7.2f} |')"; }
echo "| figure                                       |       old |       new | new/old |"
echo "|----------------------------------------------|-----------|-----------|---------|"
row start "start-up: 1-iteration SGD run (s wall)" 1
row startcpu "  the same, CPU s (user + system)" 1
row mem1 "  peak memory of that run (MB)" 1/1024
row sgd "SGD, -j 1 (s wall per epoch)" 1
row sgdcpu "  the same, CPU s per epoch" 1
row sasg "SASG, -j 1 (s wall per epoch)" 1
row sasgcpu "  the same, CPU s per epoch" 1
if [ "$full" = 1 ]; then
  row full "4 methods, 20 epochs, -j 2 (s wall)" 1
  row fullcpu "  the same, CPU s" 1
  row mem "  peak memory of that run (MB)" 1/1024
fi
# Against the floor and the aims (new code): the floor is the mean of the two step measurements.
python3 - "$step_before" "$step_after" "${sum[new.sgd]}" "${sum[new.sasg]}" "${sum[new.full]:-0}" "$repeat" <<'PY'
import sys
before, after, sgd, sasg, full, repeat = (float(v) for v in sys.argv[1:])
step = (before + after) / 2
scale = step / 234.8
sgd, sasg, full = sgd / repeat, sasg / repeat, full / repeat
print()
print(f"| new code against the floor (step {step:.1f} us; aims scaled by {scale:.2f}) | s | floor | x floor | aim | scaled aim |")
print("|---|---:|---:|---:|---:|---:|")
print(f"| SGD epoch, -j 1 | {sgd:.2f} | {6000 * step / 1e6:.2f} | {sgd / (6000 * step / 1e6):.2f} | 2.8 | {2.8 * scale:.2f} |")
print(f"| SASG epoch, -j 1 | {sasg:.2f} | {12000 * step / 1e6:.2f} | {sasg / (12000 * step / 1e6):.2f} | 4.5 | {4.5 * scale:.2f} |")
if full:
    print(f"| 4 methods, 20 epochs, -j 2 | {full:.1f} | | | 150 | {150 * scale:.1f} |")
PY
