"""Item-level exceptions (``item_exceptions`` of a rule entry) applied to the days a rule
reaches one party, one item category at a time.

An exception for the ``government`` overrides the government treatment for its items
(Somalia 2013-2023: heavy weapons stayed banned while other supplies to the government
needed only notification); one for ``everyone`` takes its items out of the embargo
(non-lethal materiel). For categories the exception only ``possibly`` concerns (the item
vocabulary cannot tell a heavy weapon or a non-lethal item) the text decides nothing:
an exception that may bring them *into* the embargo makes those days conditional (with
its ``scope`` as the condition); one that may take them *out* leaves the finding as it
is, with the ``scope`` as a caveat (a report of "weapons" is rarely of non-lethal kit).
"""

from __future__ import annotations

from armswatch.sanctions.schema import GovernmentMode, ItemException, Rule
from armswatch.sanctions.windows import Window, intersect_all, merge

TARGETING: frozenset[GovernmentMode] = frozenset({"none", "approval"})
Noted = tuple[Window, str]


def exceptions_for(rule: Rule, category: str, recipients: str) -> list[tuple[ItemException, bool]]:
    """The rule's exceptions for ``recipients`` that concern ``category``, each with
    whether it certainly does (``items``) or only possibly (``possibly``)."""
    return [
        (exc, category in exc.items)
        for exc in rule.item_exceptions
        if exc.recipients == recipients and (category in exc.items or category in exc.possibly)
    ]


def subtract(windows: list[Window], removed: list[Window]) -> list[Window]:
    """The days of ``windows`` outside ``removed``."""
    kept: list[Window] = []
    for window in merge(windows):
        pieces = [window]
        for cut in merge(removed):
            pieces = [p for piece in pieces for p in split(piece, cut)]
        kept += pieces
    return kept


def split(window: Window, cut: Window) -> list[Window]:
    """What is left of ``window`` after removing ``cut`` (0, 1 or 2 windows)."""
    if window.intersect(cut) is None:
        return [window]
    left = [Window(window.start, cut.start)] if window.start < cut.start else []
    if cut.end is None or (window.end is not None and window.end <= cut.end):
        return left
    return [*left, Window(cut.end, window.end)]


def condition(exc: ItemException, category: str) -> str:
    """Why a possibly-concerned category leaves the finding open."""
    doubt = f" ({exc.unconfirmed}: UNCONFIRMED)" if exc.unconfirmed else ""
    return (
        f"{exc.instrument}: {exc.scope}{doubt}; whether the {category.replace('_', ' ')} "
        f"reported falls under this cannot be told from the text."
    )


def caveat(exc: ItemException, category: str) -> str:
    """The note of an exception that may take a category out of the embargo."""
    doubt = f" ({exc.unconfirmed}: UNCONFIRMED)" if exc.unconfirmed else ""
    return (
        f"{exc.instrument}: {exc.scope}{doubt}; if the {category.replace('_', ' ')} "
        f"reported was such materiel, this finding does not apply."
    )


def government_days(
    rule: Rule, category: str, targeted: list[Window]
) -> tuple[list[Window], list[Noted], list[Noted]]:
    """The days on which the government is targeted for ``category`` once the
    government exceptions are applied, the conditional days they add (a category that
    may be banned on days it is otherwise not), and notes (a category that may be
    exempt on days it is otherwise banned: the finding stands, with the caveat)."""
    conditional: list[Noted] = []
    notes: list[Noted] = []
    for exc, certain in exceptions_for(rule, category, "government"):
        days = Window(exc.start, exc.end)
        if exc.mode in TARGETING and certain:
            targeted = merge([*targeted, days])
        elif exc.mode in TARGETING:
            conditional += [(w, condition(exc, category)) for w in subtract([days], targeted)]
        elif certain:
            targeted = subtract(targeted, [days])
        else:
            notes += [(w, caveat(exc, category)) for w in intersect_all(targeted, [days])]
    return targeted, conditional, notes


def everyone_days(
    rule: Rule, category: str, firm: list[Window], conditional: list[Noted]
) -> tuple[list[Window], list[Noted], list[Noted]]:
    """``firm`` and ``conditional`` days without those the exceptions for everyone take
    out for ``category``, and notes for the days they may take it out (a generic
    ``military_equipment`` may be non-lethal: the finding stands, with the caveat)."""
    notes: list[Noted] = []
    for exc, certain in exceptions_for(rule, category, "everyone"):
        days = Window(exc.start, exc.end)
        if certain:
            firm = subtract(firm, [days])
            conditional = [(w, t) for cw, t in conditional for w in subtract([cw], [days])]
        else:
            notes += [(w, caveat(exc, category)) for w in intersect_all(firm, [days])]
    return firm, conditional, notes
