"""``python -m armswatch.grid``: run the behavioural grid and print the report.

python -m armswatch.grid                                  # report, compared with the baseline
python -m armswatch.grid --write-baseline tests/grid/baseline.json
python -m armswatch.grid --construction passive --type meeting --failures 1000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from armswatch.grid.cases import default_cases
from armswatch.grid.run import (
    read_baseline,
    regressions,
    render_report,
    run_grid,
    summary,
    write_baseline,
)

DEFAULT_BASELINE = Path("tests/grid/baseline.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m armswatch.grid", description=__doc__)
    parser.add_argument(
        "--baseline",
        type=Path,
        default=DEFAULT_BASELINE,
        help="compare with this baseline (default: %(default)s)",
    )
    parser.add_argument(
        "--write-baseline",
        type=Path,
        metavar="PATH",
        help="record this run's figures as the new baseline",
    )
    parser.add_argument("--construction", help="only cases of this construction")
    parser.add_argument("--type", help="only cases of this event type")
    parser.add_argument("--template", help="only cases whose template id contains this")
    parser.add_argument("--failures", type=int, default=100, help="failures to list")
    parser.add_argument("--classes", type=int, default=20, help="failure classes to list")
    parser.add_argument("--no-triage", action="store_true", help="parse every sentence")
    args = parser.parse_args(argv)

    from armswatch.pipeline import default_analyzer

    cases = list(default_cases())
    selected = [
        c
        for c in cases
        if (args.construction is None or c.construction == args.construction)
        and (args.type is None or c.type == args.type)
        and (args.template is None or args.template in c.template)
    ]
    if args.write_baseline and len(selected) != len(cases):
        parser.error("--write-baseline records the whole grid: drop the filters")
    analyzer = default_analyzer().with_triage(not args.no_triage)
    started = time.perf_counter()
    results = run_grid(selected, analyzer)
    seconds = time.perf_counter() - started
    baseline = read_baseline(args.baseline) if args.baseline.is_file() else None
    whole = len(selected) == len(cases)
    for line in render_report(
        selected, results, baseline if whole else None, args.failures, args.classes
    ):
        print(line)
    print(f"\n{len(selected)} cases analysed in {seconds:.1f} s")
    if args.write_baseline:
        write_baseline(args.write_baseline, summary(cases, results))
        print(f"baseline written to {args.write_baseline}")
        return 0
    fallen = regressions(baseline, summary(cases, results)) if whole and baseline else []
    if any(line.startswith("overall") for line in fallen):  # as tests/grid/test_grid.py
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
