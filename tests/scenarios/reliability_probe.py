#!/usr/bin/env python3
"""Run the API rows of issue 7's catalogue (tests/reliability_cases.py) in real NEURON.

Each row runs in a fresh NEURON 9.0.2 process after the catalogue's prelude,
with a timeout (NEURON hangs or crashes on several), through the harness of
bad_input_probe.py.  Rows that use neuronlite-only names (neuronlite.io) are
skipped.  Writes NEURON_RELIABILITY.json next to this file: a list of
{code, outcome, exc_type, message, result}, in catalogue order.

    python tests/scenarios/reliability_probe.py [--python PY] [--timeout 10]
"""
import argparse
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import bad_input_probe as probe  # noqa: E402
from reliability_cases import CASES, PRELUDE  # noqa: E402

#: Names only neuronlite (or the test) provides: such rows have no NEURON outcome.
NEURONLITE_ONLY = ("io.", "EVIL_PICKLE", "WORKDIR", "BAD_CSV", "BAD_JSON")


def neuron_outcomes(python, timeout, jobs):
    probe.PRELUDES["reliability"] = PRELUDE
    runnable = [c for c in CASES if not any(name in c.code for name in NEURONLITE_ONLY)]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        records = list(pool.map(
            lambda c: probe.run_case(python, timeout, (c.category, "reliability", c.code)),
            runnable))
    keys = ("code", "outcome", "exc_type", "message", "result")
    return [{key: record.get(key) for key in keys} for record in records]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=probe.default_python())
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    records = neuron_outcomes(args.python, args.timeout, args.jobs)
    with open(os.path.join(HERE, "NEURON_RELIABILITY.json"), "w") as out:
        json.dump(records, out, indent=1)
        out.write("\n")
    counts = {}
    for record in records:
        counts[record["outcome"]] = counts.get(record["outcome"], 0) + 1
    print("%d rows: %s" % (len(records), ", ".join("%s %d" % kv for kv in sorted(counts.items()))))


if __name__ == "__main__":
    main()
