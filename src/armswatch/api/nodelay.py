"""uvicorn's HTTP protocol for ``serve --workers``: answers sent without waiting for an ACK.

With ``--workers``, uvicorn hands each worker process the listening socket, and the
connections a worker accepts lack the ``TCP_NODELAY`` that asyncio sets on the others. A
response is written as its headers, then its body; without ``TCP_NODELAY`` the body waits
until the client acknowledges the headers, which a client delays by 40 ms: every
keep-alive request took 40 ms more with two workers than with one (``bench/api_load.py
--workers 2``). Imported by uvicorn by name, in each worker.
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

TCP = (socket.AF_INET, socket.AF_INET6)


class NoDelayHttp(HttpToolsProtocol):
    """httptools' protocol that sets ``TCP_NODELAY`` on each connection it is given."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in TCP:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
