"""The server's settings, read once from ``armswatch.settings`` when the app is made."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from armswatch.errors import InvalidRequestError, ServeError
from armswatch.settings import get_setting, int_setting


@dataclass(frozen=True)
class ApiSettings:
    """Tokens (empty: off) and input limits of ``armswatch serve``."""

    token: str = ""
    ingest_token: str = ""
    max_body: int = 2_000_000
    max_text: int = 100_000
    max_articles: int = 200
    max_limit: int = 500
    cache_mb: int = 64
    """Megabytes of read answers kept until the store changes (0: none; ``api.cache``)."""
    readers: int = 2
    """Requests reading the store at once in one server process (0: any number)."""
    allowed_hosts: tuple[str, ...] = ()
    """Host names the server answers to (empty: any; ``serve`` fills it, see ``bound_hosts``)."""

    @classmethod
    def from_env(cls) -> ApiSettings:
        """The API settings of docs/settings.md (tokens and limits)."""
        return cls(
            token=get_setting("ARMSWATCH_API_TOKEN"),
            ingest_token=get_setting("ARMSWATCH_INGEST_TOKEN"),
            max_body=int_setting("ARMSWATCH_API_MAX_BODY", minimum=1024),
            max_text=int_setting("ARMSWATCH_API_MAX_TEXT", minimum=1),
            max_articles=int_setting("ARMSWATCH_API_MAX_ARTICLES", minimum=1),
            max_limit=int_setting("ARMSWATCH_API_MAX_LIMIT", minimum=1),
            cache_mb=int_setting("ARMSWATCH_API_CACHE_MB"),
            readers=int_setting("ARMSWATCH_API_READERS"),
            allowed_hosts=host_list(get_setting("ARMSWATCH_API_ALLOWED_HOSTS")),
        )

    @property
    def tokens(self) -> frozenset[str]:
        """Tokens that open every route (the ingest token is good everywhere too)."""
        return frozenset(t for t in (self.token, self.ingest_token) if t)

    def check_limit(self, limit: int, factor: int = 1) -> None:
        """InvalidRequestError when a page size is over ``max_limit`` (× ``factor``)."""
        if limit > self.max_limit * factor:
            raise InvalidRequestError(
                f"limit={limit} is over the maximum {self.max_limit * factor} "
                "(ARMSWATCH_API_MAX_LIMIT); page with offset"
            )


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def host_list(setting: str) -> tuple[str, ...]:
    """``"a.org, b.org"`` → ``("a.org", "b.org")`` (IPv6 brackets removed)."""
    return tuple(name.strip().strip("[]") for name in setting.split(",") if name.strip())


def bound_hosts(host: str, settings: ApiSettings) -> tuple[str, ...]:
    """The ``Host:`` names a server bound to ``host`` answers to: the setting if given,
    else the loopback names on loopback (a DNS-rebinding name is refused), else any.

    >>> bound_hosts("127.0.0.1", ApiSettings())
    ('127.0.0.1', 'localhost', '::1')
    """
    if settings.allowed_hosts:
        return settings.allowed_hosts
    if is_loopback(host):
        return tuple(dict.fromkeys([host.strip("[]"), *LOOPBACK_NAMES]))
    return ("*",)


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, settings: ApiSettings) -> None:
    """ServeError when serving beyond loopback without ``ARMSWATCH_API_TOKEN``."""
    if not settings.token and not is_loopback(host):
        raise ServeError(
            f"refusing to serve on {host} without a token: set ARMSWATCH_API_TOKEN (clients "
            "send `Authorization: Bearer <token>`), or serve on 127.0.0.1"
        )
