"""Start-up: how long the engine takes to load the knowledge base and compile it, without
the spaCy model's own load (issue 11: target ≤ 0.5 s).

    python bench/startup.py [--repeat N]

Each repeat is a fresh process (spaCy's vocabulary caches the words of the patterns, so a
second compile in one process would flatter). Prints the median wall and CPU time of:
reading and validating the YAML files (``load_kb``), the model's load (reported, not
counted), and building an ``Analyzer`` on the loaded model (gazetteer matchers, triage,
frames, headline caser). CPU time is the fairer figure on a shared machine.
Run it from a worktree with ``PYTHONPATH=src``; ``--baseline OTHER/src`` interleaves runs
of another tree (the machine's load changes between runs) and prints the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

from rich.console import Console
from rich.table import Table

ONE_RUN = """
import json, time
def now(): return time.perf_counter(), time.process_time()
started = now()
import spacy
import armswatch.pipeline as pipeline
from armswatch.kb import DATA_DIR, load_kb_from
imported = now()
kb = load_kb_from(DATA_DIR)
loaded = now()
nlp = spacy.load(pipeline.MODEL_NAME)
model = now()
pipeline.spacy.load = lambda name: nlp  # the model is loaded: time only what armswatch adds
pipeline.Analyzer(kb=kb)
built = now()
steps = {"imports": (started, imported), "load_kb": (imported, loaded),
         "spacy_model": (loaded, model), "compile": (model, built)}
out = {name: b[0] - a[0] for name, (a, b) in steps.items()}
out |= {f"{name}_cpu": b[1] - a[1] for name, (a, b) in steps.items()}
print(json.dumps(out))
"""
PARTS = ("imports", "load_kb", "compile", "spacy_model")


def one_run(pythonpath: str | None) -> dict[str, float]:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    out = subprocess.run([sys.executable, "-c", ONE_RUN], capture_output=True, text=True,
                         check=True, env=env)  # fmt: skip
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def median(runs: list[dict[str, float]], part: str, suffix: str = "") -> float:
    """The median wall time of ``part`` (``suffix="_cpu"``: its CPU time, which the other
    processes of a shared machine do not inflate)."""
    if part == "engine":
        return statistics.median(r[f"load_kb{suffix}"] + r[f"compile{suffix}"] for r in runs)
    return statistics.median(r[f"{part}{suffix}"] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", help="PYTHONPATH of another tree to compare with")
    args = parser.parse_args()
    runs: list[dict[str, float]] = []
    baseline: list[dict[str, float]] = []
    for _ in range(args.repeat):
        runs.append(one_run(None))
        if args.baseline:
            baseline.append(one_run(args.baseline))
    table = Table(title=f"Start-up, median of {args.repeat} fresh processes (s)")
    table.add_column("step")
    table.add_column("this tree", justify="right")
    table.add_column("CPU", justify="right")
    if baseline:
        table.add_column("baseline", justify="right")
        table.add_column("ratio", justify="right")
    for part in (*PARTS, "engine"):
        label = "knowledge base (load_kb + compile)" if part == "engine" else part
        row = [label, f"{median(runs, part):.3f}", f"{median(runs, part, '_cpu'):.3f}"]
        if baseline:
            base = median(baseline, part)
            row += [f"{base:.3f}", f"{median(runs, part) / base:.2f}"]
        table.add_row(*row)
    Console().print(table)


if __name__ == "__main__":
    main()
