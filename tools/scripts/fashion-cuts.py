#!/usr/bin/env python3
"""Writes the cuts of scenarios/sasg-fashion-mnist-fc.json that the speed scripts run into the folder given:
sgd-1it.json (SGD, 1 iteration), sgd-2ep.json and sasg-2ep.json (one method, 2 epochs) and full.json (unchanged).
Usage: fashion-cuts.py FOLDER (run from the checkout's root)."""

import json
import sys


def main(out):
    with open("scenarios/sasg-fashion-mnist-fc.json", encoding="utf-8") as file:
        full = json.load(file)
    full.pop("$schema", None)

    def cut(name, label, training):
        scenario = json.loads(json.dumps(full))
        scenario["name"] = name
        scenario["algorithms"] = [a for a in scenario["algorithms"] if a.get("label", a["name"]) == label]
        scenario["training"].pop("epochs")
        scenario["training"].update(training)
        write(name, scenario)

    def write(name, scenario):
        with open(f"{out}/{name}.json", "w", encoding="utf-8") as file:
            json.dump(scenario, file, indent=1)

    cut("sgd-1it", "SGD", {"iterations": 1})
    cut("sgd-2ep", "SGD", {"epochs": 2})
    cut("sasg-2ep", "SASG", {"epochs": 2})
    write("full", full)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
