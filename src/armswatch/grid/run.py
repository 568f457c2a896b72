"""Run the grid through the pipeline, score every case, compare with the baseline.

How a case is scored (the decisions, in one place):

- **Tuples.** The case's expected events expand to (type, source, target) tuples as in
  GOLD.md §1 (symmetric types sorted). The case *passes* when every required tuple is
  produced and no tuple is produced that is neither required nor optional.
- **Attributes** (status, certainty, item categories) are checked separately, on the
  system event that carries the expected tuple: for required tuples that were produced,
  and for optional ones only when the system produced them. Item categories must be
  the expected set exactly. Each check counts once per tuple; the attribute accuracy
  is the share of checks that hold.
- A case passes **strictly** when its tuples pass and all its attribute checks hold.
- The grid runs the default pipeline (triage on), as users get it, in one batch.

The baseline (``tests/grid/baseline.json``, written by ``make grid-baseline``) records
the rates of the last accepted run; ``tests/grid/test_grid.py`` fails when the overall
tuple pass rate or the attribute accuracy falls below it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from armswatch.evaluate import Pair, format_pair, system_pairs
from armswatch.grid.cases import Case, ExpectedEvent
from armswatch.model import Analysis, Article, Event
from armswatch.pipeline import Analyzer

PUBLISHED = "2025-03-14"
"""The date every grid article carries (times are not scored)."""


@dataclass(frozen=True)
class AttributeCheck:
    pair: Pair
    attribute: str
    expected: str
    got: str

    @property
    def ok(self) -> bool:
        return self.expected == self.got


@dataclass
class CaseResult:
    """What the system produced for one case and how it compares."""

    case: Case
    events: list[Event]
    missing: set[Pair] = field(default_factory=set)
    spurious: set[Pair] = field(default_factory=set)
    checks: list[AttributeCheck] = field(default_factory=list)

    @property
    def tuples_pass(self) -> bool:
        return not self.missing and not self.spurious

    @property
    def strict_pass(self) -> bool:
        return self.tuples_pass and all(c.ok for c in self.checks)

    def failure_kinds(self) -> list[str]:
        """Short labels of what went wrong ("missing", "spurious", "status", …)."""
        kinds = []
        if self.missing:
            kinds.append("missing")
        if self.spurious:
            kinds.append("spurious")
        kinds += sorted({c.attribute for c in self.checks if not c.ok})
        return kinds


def score_case(case: Case, analysis: Analysis) -> CaseResult:
    """Compare one case's expected events with the analysis of its text."""
    result = CaseResult(case, list(analysis.events))
    required = set().union(*(e.pairs() for e in case.expected if not e.optional))
    optional = set().union(*(e.pairs() for e in case.expected if e.optional)) - required
    produced = set().union(*(system_pairs(e) for e in analysis.events))
    result.missing = required - produced
    result.spurious = produced - required - optional
    for expected in case.expected:
        for pair in sorted(expected.pairs() & produced):
            event = next(e for e in analysis.events if pair in system_pairs(e))
            result.checks += _check_attributes(pair, expected, event)
    return result


def _check_attributes(pair: Pair, expected: ExpectedEvent, event: Event) -> list[AttributeCheck]:
    checks = []
    if expected.status is not None:
        checks.append(AttributeCheck(pair, "status", expected.status, event.status))
    if expected.certainty is not None:
        checks.append(AttributeCheck(pair, "certainty", expected.certainty, event.certainty))
    if expected.items is not None:
        got = ",".join(sorted({i.category for i in event.items}))
        checks.append(AttributeCheck(pair, "items", ",".join(sorted(expected.items)), got))
    return checks


def run_grid(cases: Sequence[Case], analyzer: Analyzer) -> list[CaseResult]:
    """Analyse every case (one batch through ``nlp.pipe``) and score it."""
    articles = [Article(id=c.id, text=c.text, published=PUBLISHED) for c in cases]
    analyses = analyzer.analyze_many(articles, batch_size=64)
    return [score_case(c, a) for c, a in zip(cases, analyses, strict=True)]


# ------------------------------------------------------------------ summaries


@dataclass(frozen=True)
class Rate:
    n: int
    tuples: int
    strict: int

    @property
    def tuple_rate(self) -> float:
        return self.tuples / self.n if self.n else 1.0

    @property
    def strict_rate(self) -> float:
        return self.strict / self.n if self.n else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "n": self.n,
            "tuple_pass": round(self.tuple_rate, 4),
            "strict_pass": round(self.strict_rate, 4),
        }


def rate(results: Iterable[CaseResult]) -> Rate:
    done = list(results)
    return Rate(len(done), sum(r.tuples_pass for r in done), sum(r.strict_pass for r in done))


def rates_by(results: Sequence[CaseResult], key: str) -> dict[str, Rate]:
    """Rates grouped by a Case attribute (``construction``, ``type``, ``template``)."""
    groups: dict[str, list[CaseResult]] = defaultdict(list)
    for r in results:
        groups[getattr(r.case, key)].append(r)
    return {name: rate(group) for name, group in sorted(groups.items())}


def attribute_accuracy(results: Sequence[CaseResult]) -> dict[str, tuple[int, int]]:
    """Per attribute and ``all``: (checks that hold, checks)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for check in r.checks:
            for name in (check.attribute, "all"):
                counts[name][0] += check.ok
                counts[name][1] += 1
    return {name: (ok, n) for name, (ok, n) in sorted(counts.items())}


def grid_fingerprint(cases: Sequence[Case]) -> str:
    """A hash of the cases' texts and expectations: a changed grid needs a new baseline."""
    digest = hashlib.sha256()
    for case in cases:
        digest.update(case.text.encode())
        for e in case.expected:
            digest.update(e.describe().encode())
    return digest.hexdigest()[:16]


def summary(cases: Sequence[Case], results: Sequence[CaseResult]) -> dict[str, object]:
    """The figures a baseline records (JSON-ready)."""
    accuracy = attribute_accuracy(results)
    ok, n = accuracy.get("all", (0, 0))
    return {
        "grid": grid_fingerprint(cases),
        "cases": len(results),
        **rate(results).as_dict(),
        "attribute_accuracy": round(ok / n, 4) if n else 1.0,
        "attributes": {k: round(a / b, 4) for k, (a, b) in accuracy.items() if b},
        "by_construction": {k: v.as_dict() for k, v in rates_by(results, "construction").items()},
        "by_type": {k: v.as_dict() for k, v in rates_by(results, "type").items()},
    }


def write_baseline(path: Path, figures: dict[str, object]) -> None:
    path.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def read_baseline(path: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def regressions(baseline: dict[str, object], now: dict[str, object]) -> list[str]:
    """Lines naming every figure below its baseline (overall and per construction)."""
    lines = []
    for name in ("tuple_pass", "attribute_accuracy"):
        was, is_ = float(baseline[name]), float(now[name])  # type: ignore[arg-type]
        if is_ < was - 1e-9:
            lines.append(f"overall {name}: {is_:.4f} < baseline {was:.4f}")
    old = baseline.get("by_construction", {})
    new = now.get("by_construction", {})
    assert isinstance(old, dict) and isinstance(new, dict)
    for construction, figures in sorted(old.items()):
        current = new.get(construction)
        if current and current["tuple_pass"] < figures["tuple_pass"] - 1e-9:
            lines.append(
                f"{construction}: tuple pass {current['tuple_pass']:.4f}"
                f" < baseline {figures['tuple_pass']:.4f}"
            )
    return lines


# ------------------------------------------------------------------ failures


def describe_events(events: Iterable[Event]) -> str:
    parts = []
    for e in events:
        items = ",".join(sorted({i.category for i in e.items}))
        pairs = "; ".join(format_pair(p) for p in sorted(system_pairs(e)))
        parts.append(f"{pairs} status={e.status} certainty={e.certainty} items={items or '-'}")
    return " | ".join(parts) or "nothing"


def failure_lines(result: CaseResult) -> list[str]:
    """The sentence, what was expected and what the system gave."""
    case = result.case
    lines = [f"{case.id} [{case.construction}] {case.text}"]
    lines.append("  expected: " + ("; ".join(e.describe() for e in case.expected) or "nothing"))
    lines.append("  got:      " + describe_events(result.events))
    if result.missing:
        lines.append("  missing:  " + "; ".join(format_pair(p) for p in sorted(result.missing)))
    if result.spurious:
        lines.append("  spurious: " + "; ".join(format_pair(p) for p in sorted(result.spurious)))
    for check in result.checks:
        if not check.ok:
            lines.append(f"  {check.attribute}: expected {check.expected}, got {check.got or '-'}")
    return lines


def failure_classes(results: Sequence[CaseResult]) -> list[tuple[str, int, CaseResult]]:
    """Failures grouped by construction and what went wrong, across event types (a class
    is a mechanism to fix, not a sentence), largest first, each with its first example;
    the name lists the event types it hits."""
    groups: Counter[str] = Counter()
    types: dict[str, Counter[str]] = defaultdict(Counter)
    example: dict[str, CaseResult] = {}
    for r in results:
        if r.strict_pass:
            continue
        name = f"{r.case.construction} / {'+'.join(r.failure_kinds())}"
        groups[name] += 1
        types[name][r.case.type] += 1
        example.setdefault(name, r)
    return [
        (
            f"{name} ({', '.join(f'{t} {k}' for t, k in types[name].most_common())})",
            n,
            example[name],
        )
        for name, n in groups.most_common()
    ]


# ------------------------------------------------------------------ report


def render_report(
    cases: Sequence[Case],
    results: Sequence[CaseResult],
    baseline: dict[str, object] | None = None,
    max_failures: int = 100,
    max_classes: int = 20,
) -> list[str]:
    """The text ``make grid`` prints: rates per construction and type, attribute
    accuracy, the largest failure classes and the failures themselves."""
    now = summary(cases, results)
    total = rate(results)
    lines = [
        f"grid: {len(results)} cases, tuple pass {total.tuple_rate:.1%}"
        f" ({total.tuples}/{total.n}), strict pass {total.strict_rate:.1%},"
        f" attribute accuracy {now['attribute_accuracy']:.1%}"
    ]
    old_constructions = (baseline or {}).get("by_construction", {})
    assert isinstance(old_constructions, dict)
    for title, key in (("construction", "construction"), ("event type", "type")):
        lines += ["", f"{'by ' + title:<28} {'n':>5} {'tuples':>7} {'strict':>7}  baseline"]
        for name, r in rates_by(results, key).items():
            was = (
                old_constructions.get(name, {}).get("tuple_pass") if key == "construction" else None
            )
            mark = f"  {was:.1%}" if was is not None else ""
            if was is not None and round(r.tuple_rate, 4) < was - 1e-9:
                mark += "  ▼"
            lines.append(f"{name:<28} {r.n:>5} {r.tuple_rate:>7.1%} {r.strict_rate:>7.1%}{mark}")
    by_predicate = rates_by([r for r in results if r.case.predicate], "predicate")
    lines += ["", f"{'by predicate (worst first)':<52} {'n':>5} {'tuples':>7}"]
    for name, r in sorted(by_predicate.items(), key=lambda item: item[1].tuple_rate)[:25]:
        lines.append(f"{name:<52} {r.n:>5} {r.tuple_rate:>7.1%}")
    lines += ["", "attribute accuracy (checks on produced expected tuples)"]
    for name, (ok, n) in attribute_accuracy(results).items():
        lines.append(f"  {name:<12} {ok / n:.1%} ({ok}/{n})")
    if baseline is not None:
        lines += [
            "",
            f"baseline: tuple pass {baseline['tuple_pass']}, attribute accuracy "
            f"{baseline['attribute_accuracy']}",
        ]
        if baseline.get("grid") != now["grid"]:
            lines.append("  the grid changed since the baseline: run `make grid-baseline`")
        lines += ["  below baseline: " + line for line in regressions(baseline, now)]
    classes = failure_classes(results)
    lines += ["", f"largest failure classes ({len(classes)} in all)"]
    for name, n, example in classes[:max_classes]:
        lines.append(f"{n:>5}  {name}")
        lines.append(f"       e.g. {example.case.text}")
    failed = [f for f in results if not f.strict_pass]
    lines += ["", f"failures ({len(failed)}; first {min(max_failures, len(failed))})"]
    for failure in failed[:max_failures]:
        lines += failure_lines(failure)
    return lines
