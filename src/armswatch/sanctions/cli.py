"""``armswatch rules``: list and show the rulebook, check a hypothetical event.

Each command is a thin wrapper over a library function (``load_rulebook``,
``Rulebook.entries``, ``what_if``). The library raises ``ArmswatchError``; this module
is the boundary that prints ``error: [AW0xx] message`` on stderr and exits 1.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Column, Table

from armswatch.errors import ArmswatchError, RulebookError
from armswatch.model import Finding
from armswatch.sanctions.engine import what_if
from armswatch.sanctions.explain import cited, in_force_text, provision_text
from armswatch.sanctions.query import parse_day
from armswatch.sanctions.rulebook import load_rulebook
from armswatch.sanctions.schema import Rule
from armswatch.sanctions.standing import finding_standing

rules_app = typer.Typer(
    name="rules",
    help="Inspect the sanctions rulebook and check hypothetical events against it.",
    no_args_is_help=True,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
RulebookOpt = Annotated[
    Path | None, typer.Option("--rulebook", help="A rules.yaml to use instead of the packaged one.")
]


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn an ArmswatchError into ``error: [AW0xx] message`` on stderr and exit code 1."""
    try:
        yield
    except ArmswatchError as exc:
        typer.echo(f"error: {exc}", err=True)
        if isinstance(exc, RulebookError):
            for line in exc.errors:
                typer.echo(f"  {line}", err=True)
        raise typer.Exit(1) from exc


def echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@rules_app.command("list")
def list_cli(as_json: JsonOpt = False, rulebook: RulebookOpt = None) -> None:
    """List every rulebook entry: rule id, instrument, provision and dates of force."""
    with cli_errors():
        rules = load_rulebook(rulebook).rules
    if as_json:
        echo_json([rule.model_dump(mode="json") for rule in rules])
        return
    table = Table(Column("rule", no_wrap=True), "provision", Column("in force", no_wrap=True))
    for rule in rules:
        periods = "\n".join(f"{p.start} → {p.end or ''}" for p in rule.in_force)
        marks = [m for m in ("contested" if rule.contested else "", rule.binding) if m]
        marks = [m for m in marks if m != "binding"]
        table.add_row(rule.id, escape(cited(rule)), " ".join([periods, *marks]))
    console = Console()
    console.print(table)
    ids = list(dict.fromkeys(rule.id for rule in rules))
    un = sum(1 for i in ids if i.startswith("un."))
    eu = sum(1 for i in ids if i.startswith("eu."))
    console.print(f"{len(ids)} rules ({un} UN, {eu} EU) in {len(rules)} entries")


@rules_app.command("show")
def show_cli(
    rule: Annotated[str, typer.Argument(help="Rule id, e.g. un.iran.missile_uav.")],
    as_json: JsonOpt = False,
    rulebook: RulebookOpt = None,
) -> None:
    """Show every entry of one rule id with its scope, dates of force and source."""
    with cli_errors():
        entries = load_rulebook(rulebook).entries(rule)
    if as_json:
        echo_json([entry.model_dump(mode="json") for entry in entries])
        return
    console = Console()
    for entry in entries:
        console.print(entry_table(entry))


def entry_table(rule: Rule) -> Table:
    """One entry as a two-column table."""
    table = Table(title=f"{rule.id}: {escape(rule.instrument)}", show_header=False)
    rows = {
        "provision": provision_text(rule),
        "prohibits": rule.prohibits,
        "direction": f"{rule.direction} (target {rule.target})",
        "items": ", ".join(rule.items) or "-",
        "bound": rule.bound,
        "event types": ", ".join(rule.event_types)
        + (f" (subtypes: {', '.join(rule.subtypes)})" if rule.subtypes else ""),
        "in force": in_force_text(rule).removeprefix("in force "),
        "contested": (rule.contested_note or "yes") if rule.contested else "no",
        "note": rule.note or "",
        "source": rule.source,
    }
    for key, value in rows.items():
        table.add_row(key, escape(value))
    return table


@rules_app.command("check")
def check_cli(
    event_type: Annotated[str, typer.Option("--type", help="Event type, e.g. arms_transfer.")],
    source: Annotated[list[str], typer.Option("--from", help="Source actor key (repeatable).")],
    target: Annotated[list[str], typer.Option("--to", help="Target actor key (repeatable).")],
    items: Annotated[
        list[str] | None,
        typer.Option("--items", help="Item categories, repeatable or comma-separated."),
    ] = None,
    day: Annotated[str | None, typer.Option("--date", help="Event date YYYY-MM-DD.")] = None,
    subtype: Annotated[str | None, typer.Option("--subtype", help="e.g. training.")] = None,
    region: Annotated[
        str | None,
        typer.Option("--region", help="Where the recipient is: a region id, e.g. darfur, goma."),
    ] = None,
    as_json: JsonOpt = False,
    rulebook: RulebookOpt = None,
) -> None:
    """Which rules would a hypothetical event fall under on a date (and in a region)?"""
    categories = [part.strip() for value in items or [] for part in value.split(",") if part]
    with cli_errors():
        book = load_rulebook(rulebook)
        on = parse_day(day) if day else None
        findings = what_if(
            event_type, source, target, categories, on, subtype, rulebook=book, region=region
        )
    if as_json:
        echo_json([finding.model_dump(mode="json") for finding in findings])
        return
    print_findings(findings, day)


def print_findings(findings: list[Finding], day: str | None) -> None:
    console = Console()
    if not findings:
        when = f"on {day}" if day else "at any date"
        console.print(f"No finding: no rule in force {when} covers this event.")
        return
    for finding in findings:
        state = finding_standing(
            finding.rule, finding.instrument, finding.provision, finding.in_force
        )
        flag = ", contested" if finding.contested else ""
        console.print(f"[bold]{finding.rule}[/bold] ({escape(state)}{flag})")
        console.print(escape(finding.explanation), highlight=False)
        console.print(f"source: {escape(finding.citation or '-')}", highlight=False, soft_wrap=True)
