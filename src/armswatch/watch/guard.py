"""The SSRF guard: armswatch fetches only public http(s) addresses unless told otherwise.

A URL given to ``armswatch watch`` or ``sources add`` could name the machine itself, the
local network or a cloud metadata address. ``checked_addresses`` resolves a host once,
refuses it when **any** address it resolves to is loopback, private, link-local,
multicast, reserved or unspecified, and returns the addresses: the fetcher then connects
to one of those very addresses (so a name cannot resolve to a public address for the
check and to a private one for the connection). Every redirect hop is checked again.
``ARMSWATCH_FETCH_ALLOW_PRIVATE=1`` (or ``--allow-private``) lifts the guard for tests
and intranets.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from armswatch.errors import FetchError
from armswatch.settings import get_setting

SCHEMES = ("http", "https")
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def private_allowed() -> bool:
    """``ARMSWATCH_FETCH_ALLOW_PRIVATE`` is set to 1 (or true/yes)."""
    return get_setting("ARMSWATCH_FETCH_ALLOW_PRIVATE").strip().lower() in {"1", "true", "yes"}


def check_scheme(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL; FetchError for any other URL.

    >>> check_scheme("https://example.org/feed")
    ('https', 'example.org', 443)
    """
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: the URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"{url}: invalid port") from None
    return parts.scheme, parts.hostname, port


def is_public(address: IpAddress) -> bool:
    """An address that is none of loopback, private, link-local, multicast, reserved.

    >>> [is_public(ipaddress.ip_address(a)) for a in ("93.184.216.34", "10.0.0.1")]
    [True, False]
    >>> [is_public(ipaddress.ip_address(a)) for a in ("::ffff:127.0.0.1", "169.254.169.254")]
    [False, False]
    """
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public(address.ipv4_mapped)
    refused = (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )
    return address.is_global and not refused


def resolve(host: str, port: int) -> list[IpAddress]:
    """Every address ``host`` resolves to (an IP literal: itself); FetchError if none."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"{host}: cannot resolve the host name ({exc})") from None
    found: list[IpAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address not in found:
            found.append(address)
    if not found:
        raise FetchError(f"{host}: the host name resolves to no address")
    return found


def checked_addresses(url: str, allow_private: bool) -> list[IpAddress]:
    """The addresses to connect to for ``url``, all of them checked; FetchError when the
    scheme is not http(s) or (unless ``allow_private``) any address is not public."""
    _, host, port = check_scheme(url)
    addresses = resolve(host, port)
    if not allow_private:
        refused = [str(a) for a in addresses if not is_public(a)]
        if refused:
            raise FetchError(
                f"{url}: refused, {host} resolves to a non-public address ({', '.join(refused)}); "
                "set ARMSWATCH_FETCH_ALLOW_PRIVATE=1 (or --allow-private) to allow it"
            )
    return addresses
