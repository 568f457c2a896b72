"""How a finding stands, in the words every view uses (lists, stories, dossiers, exports,
alerts, the CLI).

A finding under a political embargo (``binding: political``, the EU's 1989 China
declaration) is never shown as a breach or as "in force": its scope is each member
state's to interpret, so every view says it is *contrary to the EU's political embargo*.
A finding under an embargo resting partly on national commitments (``binding: partial``,
EU Syria after 2013) says so. The stored finding carries only its rule, instrument and
provision; the binding force is looked up in the rulebook entry it cites.

>>> standing("political", None)
"contrary to the EU's political embargo"
>>> standing("binding", True)
'in force'
"""

from __future__ import annotations

from armswatch.sanctions.rulebook import load_rulebook
from armswatch.sanctions.schema import Binding

POLITICAL = "contrary to the EU's political embargo"
PARTIAL = "contrary to national commitments (binding force UNCONFIRMED)"
IN_FORCE = {True: "in force", False: "not in force", None: "undecided"}
"""Binding rules: True, False, or null (the date or a condition leaves it open)."""


def finding_binding(
    rule: str, instrument: str | None = None, provision: str | None = None
) -> Binding:
    """The binding force of the rulebook entry a finding cites: ``binding``, ``political``
    or ``partial``. The entry is the one of the rule (a former id names its current rule)
    with the finding's instrument and provision; when none or several fit, the first entry
    of the rule; ``binding`` for a rule the rulebook does not know.

    rule (str): the finding's rule id. instrument, provision (str | None): as stored (the
        provision may carry " (number unconfirmed)").
    """
    book = load_rulebook()
    current = book.canonical_id(rule)
    entries = [r for r in book.rules if r.id == current]
    cited = [
        r
        for r in entries
        if (instrument is None or r.instrument == instrument)
        and (provision is None or provision.startswith(r.provision))
    ]
    chosen = cited or entries
    return chosen[0].binding if chosen else "binding"


def standing(binding: Binding, in_force: bool | None) -> str:
    """The label of a finding: ``contrary to the EU's political embargo`` (political),
    ``contrary to national commitments (binding force UNCONFIRMED)`` (partial), else
    ``in force``, ``not in force`` or ``undecided`` (in_force null)."""
    if binding == "political":
        return POLITICAL
    if binding == "partial":
        return PARTIAL
    return IN_FORCE[in_force]


def finding_standing(
    rule: str, instrument: str | None, provision: str | None, in_force: bool | None
) -> str:
    """``standing`` of a stored finding, its binding force looked up in the rulebook."""
    return standing(finding_binding(rule, instrument, provision), in_force)


def obligation_verb(binding: Binding) -> str:
    """What a rule entry does to its subject, for "<provision> prohibits …": a political
    embargo *calls for*, national commitments *restrict*, law *prohibits*."""
    return {"political": "calls for", "partial": "restricts"}.get(binding, "prohibits")
