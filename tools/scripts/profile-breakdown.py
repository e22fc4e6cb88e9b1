#!/usr/bin/env python3
"""Shares of a `sasg run` profile by kind of work, from dotnet-trace's speedscope export.

Usage: profile-breakdown.py TRACE.speedscope.json [--frame TEXT ...]

The trace is dotnet-trace's sampled thread time (`--profile dotnet-sampled-thread-time`) of a run with `-j 1`, so the
whole run is on one managed thread; the busiest thread is the one read. Each stretch of time is given to the first
category below whose frame is on its stack, and the shares are printed of the training loop (AlgorithmRunner.Loop)
and of the whole run. Shares, not seconds: on a loaded machine they hold where seconds do not. Each --frame TEXT adds
a line with the share of the loop and of the run whose stacks hold a frame containing TEXT (a method the categories
split, such as TopKSelector.SelectPerBlock or MemmoveInternal).
"""

import collections
import json
import os
import sys

# (category, patterns): a stretch of time goes to the first category one of whose patterns a frame of its stack
# matches; a pattern is a tuple of fragments that must all be in the same frame. A third item, when there is one, is a
# pattern that another frame of the stack must match as well.
CATEGORIES = [
    # The runner's Evaluate is one call of MethodEvaluator's, which the JIT may inline away: both frames count.
    ("evaluation", [("AlgorithmRunner`1[", "].Evaluate("), ("MethodEvaluator`1[", "].Evaluate(")]),
    # ComputeGradient, ComputeGradientInto (a dense upload) and ComputeAsideGradient (a stale iterate) keep their frames.
    ("gradient (libtorch forward + backward)", [("FlatModel`1[", "].ComputeGradient"), ("FlatModel`1[", "].ComputeAsideGradient")]),
    ("parameter load into the model", [("ModelState`1[", "].Load")]),
    ("minibatch draw", [("ModelGradientSource`1[", "].NextBatch("), ("MinibatchSampler.Next",), ("TorchSharp.DisposeScope",)]),
    ("encoding", [("Sasg.Learning.Encoding.", ".Encode")]),
    ("decoding", [("Sasg.Learning.Encoding.", ".Decode")]),
    ("aggregation (receive, sum, update)", [("DistributedAlgorithm`1[", "].Receive("), ("Payload`1[", "].CopyFrom("),
                                            ("Payload`1[", "].AddTo("), ("].Update()",), ("].WorkerDone(",),
                                            ("SynchronousTrainer`1[", "].FinishIteration(")]),
    # The algorithm's rule; the JIT often inlines its frames into the trainer's step or the round itself.
    ("worker rule (top-k, error feedback, trigger)", [("].WorkerStep(",), ("SynchronousTrainer`1[", "].Step"),
                                                      ("Sasg.Learning.Sparsification.",), ("ErrorFeedbackSparsifier",),
                                                      ("VectorMath.SquaredDistance",), ("UploadIterates",)]),
    # Memory copies whose own frame was inlined into the round (parameter loads, gradient copies into payloads).
    ("copies inlined into the round", [("MemmoveInternal",)], ("ParameterServerRound.RunRound(",)),
    ("simulation (NetSim round)", [("ParameterServerRound.RunRound(",)]),
    ("decisions and metrics", [("AlgorithmRunner`1[", "].Loop(")]),
    ("start-up (data, tensors, model)", [("ScenarioPlanner.Plan(",), ("AlgorithmRunner`1[",), ("TorchSharp!",)]),
    ("results and plots", [("Sasg.Experiments.Results.",)]),
]
LOOP = ("AlgorithmRunner`1[", "].Loop(")


def matches(names, patterns):
    return any(all(fragment in name for fragment in pattern) for name in names for pattern in patterns)

def main(path, probes):
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    frames = [f["name"] for f in data["shared"]["frames"]]
    profile = max(data["profiles"], key=lambda p: len(p["events"]))
    totals = collections.Counter()
    loop_totals = collections.Counter()
    probe_totals = collections.Counter()
    probe_loop = collections.Counter()
    stack = []
    last = None
    cache = {}
    for event in profile["events"]:
        if last is not None and stack:
            span = event["at"] - last
            key = tuple(stack)
            if key not in cache:
                names = [frames[i] for i in stack]
                category = next(
                    (c[0] for c in CATEGORIES if matches(names, c[1]) and (len(c) < 3 or matches(names, [c[2]]))),
                    "other")
                cache[key] = (category, matches(names, [LOOP]),
                              [p for p in probes if any(p in name for name in names)])
            category, in_loop, hits = cache[key]
            totals[category] += span
            if in_loop:
                loop_totals[category] += span
            for probe in hits:
                probe_totals[probe] += span
                if in_loop:
                    probe_loop[probe] += span
        last = event["at"]
        if event["type"] == "O":
            stack.append(event["frame"])
        else:
            stack.pop()
    whole = sum(totals.values())
    loop = sum(loop_totals.values())
    print(f"{'category':55} {'loop %':>7} {'run %':>7}")
    for category in [c[0] for c in CATEGORIES] + ["other"]:
        if totals[category] == 0:
            continue
        share_loop = 100 * loop_totals[category] / loop if loop else 0.0
        print(f"{category:55} {share_loop:7.1f} {100 * totals[category] / whole:7.1f}")
    print(f"{'training loop, of the run':55} {'':7} {100 * loop / whole:7.1f}")
    for probe in probes:
        share_loop = 100 * probe_loop[probe] / loop if loop else 0.0
        print(f"{'frame ' + probe:55} {share_loop:7.1f} {100 * probe_totals[probe] / whole:7.1f}")
    print(f"sampled: {whole / 1000:.1f} s of thread time (wall, not CPU: includes waiting for a core)")


def usage_error(message):
    print(f"profile-breakdown.py: {message}; usage: profile-breakdown.py TRACE.speedscope.json [--frame TEXT ...]",
          file=sys.stderr)
    sys.exit(2)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if not arguments or arguments[0].startswith("--"):
        usage_error("give the trace first (dotnet-trace convert --format speedscope writes it)")
    probes = []
    rest = arguments[1:]
    while rest:
        if rest[0] != "--frame":
            usage_error(f"unknown argument '{rest[0]}' (only --frame TEXT may follow the trace)")
        if len(rest) < 2 or not rest[1]:
            usage_error("--frame needs the text of a frame name, for example --frame MemmoveInternal")
        probes.append(rest[1])
        rest = rest[2:]
    if not os.path.isfile(arguments[0]):
        usage_error(f"'{arguments[0]}' is not a file")
    main(arguments[0], probes)
