#!/usr/bin/env python3
"""Prints the protocol comparison of docs/reproduction.md from results folders (issue 14, point 8).

Usage: python3 tools/scripts/protocol-table.py SYNC_FOLDER OTHER_FOLDER...

Every figure comes from each folder's summary.json (final accuracy, uploads, wasted bytes, staleness percentiles,
seconds to the scenario's stop.targetAccuracy) and scenario.json (the protocol). The last column is the method's
simulated seconds to the target divided by the same method's seconds in the first (synchronous) folder.
"""
import json
import os
import sys


def load(folder):
    with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    with open(os.path.join(folder, "scenario.json"), encoding="utf-8") as f:
        scenario = json.load(f)
    return summary, scenario


def main(folders):
    reference = {}
    print("| protocol | method | server updates | final accuracy | simulated s (run) | uploads | applied | dropped late "
          "| wasted bytes | staleness p50 / p99 | updates to target | s to target | s to target / synchronous |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for index, folder in enumerate(folders):
        summary, scenario = load(folder)
        protocol = scenario.get("protocol", {"kind": "synchronous"})
        kind = protocol["kind"] + "".join(f", {k} {v}" for k, v in protocol.items() if k != "kind")
        for method in summary["algorithms"]:
            label = method["label"]
            timed = method.get("protocol")
            hit = method["toTarget"]
            seconds = hit["simulatedSeconds"] if hit else None
            if index == 0:
                reference[label] = seconds
            ratio = "" if seconds is None or not reference.get(label) else f"{seconds / reference[label]:.3f}"
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
                ratio if index > 0 else ("1" if seconds is not None else ""),
            ]) + " |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
