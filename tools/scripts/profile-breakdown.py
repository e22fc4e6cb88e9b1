#!/usr/bin/env python3
"""Shares of a `sasg run` profile by kind of work, from dotnet-trace's speedscope export.

Usage: profile-breakdown.py TRACE.speedscope.json

The trace is dotnet-trace's sampled thread time (`--profile dotnet-sampled-thread-time`) of a run with `-j 1`, so the
whole run is on one managed thread; the busiest thread is the one read. Each stretch of time is given to the first
category below whose frame is on its stack, and the shares are printed of the training loop (AlgorithmRunner.Loop)
and of the whole run. Shares, not seconds: on a loaded machine they hold where seconds do not.
"""

import collections
import json
import sys

# (category, patterns): a stretch of time goes to the first category one of whose patterns a frame of its stack
# matches; a pattern is a tuple of fragments that must all be in the same frame.
CATEGORIES = [
    ("evaluation", [("AlgorithmRunner`1[", "].Evaluate(")]),
    ("gradient (libtorch forward + backward)", [("FlatModel`1[", "].ComputeGradient")]),
    ("parameter load into the model", [("ModelState`1[", "].Load(")]),
    ("minibatch draw", [("ModelGradientSource`1[", "].NextBatch(")]),
    ("encoding", [("Sasg.Learning.Encoding.", ".Encode")]),
    ("decoding", [("Sasg.Learning.Encoding.", ".Decode")]),
    ("aggregation (receive, update)", [("DistributedAlgorithm`1[", "].Receive("), ("Payload`1[", "].CopyFrom("),
                                       ("].Update()",), ("SynchronousTrainer`1[", "].FinishIteration(")]),
    # What is left of a worker's step once the above is taken out: the algorithm's rule, whose frame the JIT often
    # inlines into StepWorker (so the copy of a dense gradient into the upload shows under StepWorker).
    ("worker rule (copy, top-k, error feedback, trigger)", [("].WorkerStep(",), ("SynchronousTrainer`1[", "].StepWorker(")]),
    ("simulation (NetSim round)", [("ParameterServerRound.RunRound(",)]),
    ("decisions and metrics", [("AlgorithmRunner`1[", "].Loop(")]),
    ("start-up (data, tensors, model)", [("ScenarioPlanner.Plan(",), ("AlgorithmRunner`1[",), ("TorchSharp!",)]),
    ("results and plots", [("Sasg.Experiments.Results.",)]),
]
LOOP = ("AlgorithmRunner`1[", "].Loop(")


def matches(names, patterns):
    return any(all(fragment in name for fragment in pattern) for name in names for pattern in patterns)

def main(path):
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    frames = [f["name"] for f in data["shared"]["frames"]]
    profile = max(data["profiles"], key=lambda p: len(p["events"]))
    totals = collections.Counter()
    loop_totals = collections.Counter()
    stack = []
    last = None
    cache = {}
    for event in profile["events"]:
        if last is not None and stack:
            span = event["at"] - last
            key = tuple(stack)
            if key not in cache:
                names = [frames[i] for i in stack]
                category = next((c for c, needles in CATEGORIES if matches(names, needles)), "other")
                cache[key] = (category, matches(names, [LOOP]))
            category, in_loop = cache[key]
            totals[category] += span
            if in_loop:
                loop_totals[category] += span
        last = event["at"]
        if event["type"] == "O":
            stack.append(event["frame"])
        else:
            stack.pop()
    whole = sum(totals.values())
    loop = sum(loop_totals.values())
    print(f"{'category':55} {'loop %':>7} {'run %':>7}")
    for category, _ in CATEGORIES + [("other", [])]:
        if totals[category] == 0:
            continue
        share_loop = 100 * loop_totals[category] / loop if loop else 0.0
        print(f"{category:55} {share_loop:7.1f} {100 * totals[category] / whole:7.1f}")
    print(f"{'training loop, of the run':55} {'':7} {100 * loop / whole:7.1f}")
    print(f"sampled: {whole / 1000:.1f} s of thread time (wall, not CPU: includes waiting for a core)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
