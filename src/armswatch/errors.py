"""Errors with greppable codes. Every error armswatch raises is an ``ArmswatchError``.

The CLI and the API translate them at one boundary; library code only raises.
Codes are documented in ``docs/errors.md`` (a test keeps the two in step).
"""

from __future__ import annotations


class ArmswatchError(Exception):
    """Base class: ``code`` is stable, the message says what went wrong and what to do."""

    code = "AW000"

    def __init__(self, message: str, *, errors: list[str] | None = None) -> None:
        self.message = message
        self.errors = errors or []
        super().__init__(f"[{self.code}] {message}")


class InputError(ArmswatchError):
    """An article or input file cannot be read (one bad record, reported and skipped)."""

    code = "AW001"


class NoInputError(ArmswatchError):
    """Nothing at all could be read from the given inputs."""

    code = "AW002"


class KnowledgeBaseError(ArmswatchError):
    """A knowledge-base data file (actors, weapons, triggers) is malformed."""

    code = "AW010"


class RulebookError(ArmswatchError):
    """The sanctions rulebook is malformed."""

    code = "AW020"


class GoldError(ArmswatchError):
    """A gold annotation folder is missing or malformed."""

    code = "AW030"


class UnknownRuleError(ArmswatchError):
    """A rule id that the rulebook does not define."""

    code = "AW021"


class RuleQueryError(ArmswatchError):
    """A rules query (``armswatch rules check``) names an unknown event type or category."""

    code = "AW022"
