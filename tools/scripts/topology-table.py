#!/usr/bin/env python3
"""Prints the topology comparison of docs/reproduction.md from a sweep folder (issue 18, point 2).

Usage: python3 tools/scripts/topology-table.py SWEEP_FOLDER

The sweep must have the axes data.workers, network.uplink and network.topology.kind (scenarios/
topology-comparison.json). Two Markdown tables:

1. simulated seconds to the scenario's stop target (sweep.csv's seconds_to_target), one row per (M, link rate), one
   column per (method, topology) that runs; "-" where the target was not reached;
2. per (M, method, topology): rounds to the target and the payload bytes the run carried over every hop (summary.json
   carriedBytes of the cell at the first link rate; the bytes do not depend on the rate), and the time to the target
   at each rate divided by the same method's on the star.
"""
import csv
import json
import os
import sys

WORKERS, UPLINK, KIND = "data.workers", "network.uplink", "network.topology.kind"


def main(folder):
    with open(os.path.join(folder, "sweep.csv"), encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["stop_reason"] != "not-applicable"]
    workers = list(dict.fromkeys(r[WORKERS] for r in rows))
    uplinks = list(dict.fromkeys(r[UPLINK] for r in rows))
    kinds = list(dict.fromkeys(r[KIND] for r in rows))
    methods = list(dict.fromkeys(r["algorithm"] for r in rows))
    by = {(r[WORKERS], r[UPLINK], r[KIND], r["algorithm"]): r for r in rows}
    columns = [(m, k) for m in methods for k in kinds if any(key[2:] == (k, m) for key in by)]

    def seconds(m_workers, uplink, kind, method):
        row = by.get((m_workers, uplink, kind, method))
        return float(row["seconds_to_target"]) if row and row["seconds_to_target"] else None

    print("| M | link rate | " + " | ".join(f"{m} {k}" for m, k in columns) + " |")
    print("|---:|---|" + "---:|" * len(columns))
    for w in workers:
        for u in uplinks:
            cells = [seconds(w, u, k, m) for m, k in columns]
            print(f"| {int(w):,} | {u} | " + " | ".join("-" if s is None else f"{s:,.2f}" for s in cells) + " |")

    print()
    print("| M | method | topology | rounds to target | carried GB | "
          + " | ".join(f"time / star's at {u}" for u in uplinks) + " |")
    print("|---:|---|---|---:|---:|" + "---:|" * len(uplinks))
    for w in workers:
        for m in methods:
            for k in kinds:
                row = by.get((w, uplinks[0], k, m))
                if row is None:
                    continue
                with open(os.path.join(folder, "cells", row["cell_id"], "summary.json"), encoding="utf-8") as f:
                    summary = json.load(f)
                carried = next(a.get("carriedBytes", a["uploadBytes"]) for a in summary["algorithms"] if a["label"] == m)
                ratios = []
                for u in uplinks:
                    s, star = seconds(w, u, k, m), seconds(w, u, "star", m)
                    ratios.append("-" if s is None or not star else f"{s / star:.3f}")
                rounds = row["iteration_to_target"] or "-"
                print(f"| {int(w):,} | {m} | {k} | {rounds} | {carried / 1e9:,.2f} | " + " | ".join(ratios) + " |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
