#!/usr/bin/env python3
"""Prints the protocol comparison of docs/reproduction.md from results folders (issue 14, point 8).

Usage: python3 tools/scripts/protocol-table.py [--also ACCURACY] SYNC_FOLDER OTHER_FOLDER...

Every figure comes from each folder's summary.json (final accuracy, uploads, wasted bytes, staleness percentiles,
seconds to the scenario's stop.targetAccuracy) and scenario.json (the protocol). The last column is the method's
simulated seconds to the target divided by the same method's seconds in the first (synchronous) folder. With
--also, two more columns give the simulated seconds to that accuracy (the first evaluation in metrics.csv at or above
it) and the same ratio.
"""
import csv
import json
import os
import sys


def load(folder):
    with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    with open(os.path.join(folder, "scenario.json"), encoding="utf-8") as f:
        scenario = json.load(f)
    return summary, scenario


def seconds_to(folder, label, accuracy):
    with open(os.path.join(folder, "metrics.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["algorithm"] == label and float(row["test_accuracy"]) >= accuracy:
                return float(row["simulated_seconds"])
    return None


def ratio_of(seconds, reference, index):
    if seconds is None:
        return ""
    if index == 0:
        return "1"
    return f"{seconds / reference:.3f}" if reference else ""


def main(folders, also):
    reference = {}
    second = {}
    print("| protocol | method | server updates | final accuracy | simulated s (run) | uploads | applied | dropped late "
          "| wasted bytes | staleness p50 / p99 | updates to target | s to target | s to target / synchronous |"
          + (f" s to {also} | s to {also} / synchronous |" if also else ""))
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|" + ("---:|---:|" if also else ""))
    for index, folder in enumerate(folders):
        summary, scenario = load(folder)
        protocol = scenario.get("protocol", {"kind": "synchronous"})
        kind = protocol["kind"] + "".join(f", {k} {v}" for k, v in protocol.items() if k != "kind")
        for method in summary["algorithms"]:
            label = method["label"]
            timed = method.get("protocol")
            hit = method["toTarget"]
            seconds = hit["simulatedSeconds"] if hit else None
            extra = seconds_to(folder, label, also) if also else None
            if index == 0:
                reference[label] = seconds
                second[label] = extra
            staleness = f"{timed['staleness']['p50']} / {timed['staleness']['p99']}" if timed else "0 / 0 (rounds)"
            print("| " + " | ".join([
                kind,
                label,
                str(method["iterations"]),
                f"{method['finalTestAccuracy']:.4f}",
                f"{method['simulatedSeconds']:.1f}",
                str(method["uploads"]),
                str(timed["appliedMessages"]) if timed else str(method["uploads"]),
                str(timed["droppedLate"]) if timed else "0",
                str(timed["wastedBytes"]) if timed else "0",
                staleness,
                str(hit["iteration"]) if hit else "not reached",
                f"{seconds:.1f}" if seconds is not None else "not reached",
                ratio_of(seconds, reference.get(label), index),
            ] + ([f"{extra:.1f}" if extra is not None else "not reached", ratio_of(extra, second.get(label), index)] if also else [])) + " |")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    also_accuracy = None
    if arguments[:1] == ["--also"]:
        also_accuracy = float(arguments[1])
        arguments = arguments[2:]
    if not arguments:
        sys.exit(__doc__)
    main(arguments, also_accuracy)
