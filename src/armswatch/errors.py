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


class SettingError(ArmswatchError):
    """An ``ARMSWATCH_*`` environment variable has an invalid value (see docs/settings.md)."""

    code = "AW003"


class AnalysisError(ArmswatchError):
    """An article could not be analysed (reported and skipped; please report it with the text)."""

    code = "AW004"


class OutputError(ArmswatchError):
    """An output file or folder (``-o``, ``--out``) cannot be written: no such folder,
    read-only, permission denied, or a folder where a file was expected."""

    code = "AW005"

    @classmethod
    def of(cls, path: object, exc: OSError) -> OutputError:
        """The one-line error for an OSError met while writing ``path``."""
        reasons = {
            FileNotFoundError: "its folder does not exist",
            IsADirectoryError: "it is a folder",
            NotADirectoryError: "a part of the path is not a folder",
            PermissionError: "permission denied",
        }
        reason = reasons.get(type(exc)) or (exc.strerror or str(exc)).lower()
        return cls(f"cannot write {path}: {reason}")


class StoreError(ArmswatchError):
    """The database cannot be opened, migrated or written (bad file, newer schema, I/O error)."""

    code = "AW040"


class StoreLockedError(StoreError):
    """The database file is in use by another process; wait for it or use another ``--db``."""

    code = "AW041"


class DiskFullError(StoreError):
    """No space left (disk or file-size limit) while writing; the open batch was rolled back."""

    code = "AW042"


class QueryError(StoreError):
    """A SQL query on the database failed (syntax, unknown table, or an attempted write)."""

    code = "AW043"


class ExportError(StoreError):
    """An export cannot be written (unknown table or format, or the target is not empty)."""

    code = "AW044"


class WorkerError(ArmswatchError):
    """An analysis worker process died during a run; stored batches are kept, run it again."""

    code = "AW045"


class NotFoundError(ArmswatchError):
    """An article, event, finding, incident, actor or rule that the store does not hold."""

    code = "AW050"


class InvalidRequestError(ArmswatchError):
    """A request parameter or body is invalid (unknown value, bad date, out of range)."""

    code = "AW051"


class AuthError(ArmswatchError):
    """A request lacks the API token, or carries a wrong one (``ARMSWATCH_API_TOKEN``)."""

    code = "AW052"


class RequestTooLargeError(ArmswatchError):
    """A request body or article text is over its limit (``ARMSWATCH_API_MAX_BODY``, ``…_TEXT``)."""

    code = "AW053"


class ServeError(ArmswatchError):
    """The server cannot start as asked (no token for a non-loopback address, bad port)."""

    code = "AW054"


class DossierError(ArmswatchError):
    """A dossier cannot be made (unknown actor code or format, or nothing on the dyad)."""

    code = "AW060"


class ClusterError(ArmswatchError):
    """The Dask cluster cannot be started or reached (``--scheduler``), or it lost a partition."""

    code = "AW046"


class ParquetError(StoreError):
    """A Parquet folder to load is missing, incomplete, or not written by the Dask engine."""

    code = "AW047"


class FetchError(ArmswatchError):
    """A URL cannot be fetched: not http(s), refused by the SSRF guard or robots.txt, an HTTP
    error, a wrong content type, too large or too slow (the source shows it; others go on)."""

    code = "AW070"


class WatchlistError(ArmswatchError):
    """A watchlist file (YAML) is malformed; the message names the file, line and rule."""

    code = "AW071"


class SourceError(ArmswatchError):
    """A watched source is unknown, or cannot be added (bad URL or kind)."""

    code = "AW072"
