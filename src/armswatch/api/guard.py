"""One ASGI middleware in front of every route: token, body size, security headers.

- With ``ARMSWATCH_API_TOKEN`` set, every request must carry a token: the header
  ``Authorization: Bearer <token>``, or (for browsers) the ``armswatch_token`` cookie.
  A visit with ``?token=<token>`` is answered with a redirect to the same URL without
  it that sets the cookie (HttpOnly, SameSite=Strict), so the token stays out of the
  browser's history and of later log lines; ``redact_logs`` removes tokens from the
  server's log lines. Either token (``ARMSWATCH_API_TOKEN``, ``ARMSWATCH_INGEST_TOKEN``)
  opens every read route; only the ingest token opens ``POST /api/ingest``.
- A body over ``ARMSWATCH_API_MAX_BODY`` bytes is refused with 413, by its
  ``Content-Length`` at once, else as soon as the bytes read pass the limit.
- Every response forbids inline scripts and framing (Content-Security-Policy): article
  text is untrusted, and the dashboard's own script is a file of the package.
"""

from __future__ import annotations

import hmac
import logging
import re
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armswatch.api.config import ApiSettings
from armswatch.api.problems import make_problem, respond
from armswatch.errors import AuthError, RequestTooLargeError

COOKIE = "armswatch_token"
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class BodyTooLarge(RequestTooLargeError):
    """Raised from ``receive`` when a streamed body passes the limit."""

    code = RequestTooLargeError.code


class Guard:
    def __init__(self, app: ASGIApp, settings: ApiSettings) -> None:
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        send = with_headers(send)
        problem = self.refusal(request)
        if problem is not None:
            await respond(request, problem)(scope, receive, send)
            return
        offered = request.query_params.get("token", "")
        if offered and request.method in ("GET", "HEAD") and self.is_token(offered):
            # exchanged once for a cookie: the token leaves the URL (history, logs, Referer)
            await token_exchange(request, offered)(scope, receive, send)
            return
        await self.app(scope, self.limited(receive), send)

    def refusal(self, request: Request) -> Any:
        """The problem to answer with instead of the route, if any."""
        path = request.url.path
        if self.settings.tokens and not self.authorised(request):
            detail = (
                "this server needs a token: send `Authorization: Bearer <token>` "
                "(browsers: open the page once with ?token=<token>)"
            )
            return make_problem(401, AuthError.code, detail, [], path)
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.settings.max_body:
            detail = (
                f"request body of {length} bytes is over the limit of {self.settings.max_body} "
                "(ARMSWATCH_API_MAX_BODY)"
            )
            return make_problem(413, RequestTooLargeError.code, detail, [], path)
        return None

    def authorised(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        offered = [
            header[7:].strip() if header[:7].lower() == "bearer " else "",
            request.cookies.get(COOKIE, ""),
            request.query_params.get("token", ""),
        ]
        return any(self.is_token(o) for o in offered)

    def is_token(self, offered: str) -> bool:
        """Whether ``offered`` is one of the server's tokens (compared in constant time)."""
        return bool(offered) and any(
            hmac.compare_digest(offered.encode(), t.encode()) for t in self.settings.tokens
        )

    def limited(self, receive: Receive) -> Receive:
        seen = 0
        limit = self.settings.max_body

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(
                        f"request body is over the limit of {limit} bytes (ARMSWATCH_API_MAX_BODY)"
                    )
            return message

        return counted


def with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            add_headers(message, HEADERS)
        await send(message)

    return sending


def token_exchange(request: Request, token: str) -> Response:
    """The answer to ``?token=`` (already checked by ``authorised``): a redirect to the same
    URL without it, setting the token as an HttpOnly, SameSite=Strict cookie."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
    target = request.url.path + (f"?{urlencode(kept)}" if kept else "")
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    response.headers["cache-control"] = "no-store"
    return response


TOKEN_IN_TEXT = re.compile(r"(?i)((?:[?&]|\b)token=|bearer\s+|armswatch_token=)[^&\s\"';]+")


def redact(text: str) -> str:
    """``text`` with every token (``token=…``, ``Bearer …``, the cookie) replaced.

    >>> redact("GET /events?actor=PRK&token=s3cret HTTP/1.1")
    'GET /events?actor=PRK&token=[redacted] HTTP/1.1'
    """
    return TOKEN_IN_TEXT.sub(r"\1[redacted]", text)


class RedactTokens(logging.Filter):
    """A logging filter that redacts tokens from a record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True


LOGGERS = ("uvicorn", "uvicorn.access", "uvicorn.error", "armswatch")


def redact_logs() -> None:
    """Install ``RedactTokens`` on the server's loggers and their handlers (idempotent)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        targets: list[logging.Logger | logging.Handler] = [logger, *logger.handlers]
        for target in targets:
            if not any(isinstance(f, RedactTokens) for f in target.filters):
                target.addFilter(RedactTokens())


def add_headers(message: MutableMapping[str, Any], headers: list[tuple[bytes, bytes]]) -> None:
    present = {name for name, _ in message.get("headers", [])}
    message["headers"] = [
        *message.get("headers", []),
        *((n, v) for n, v in headers if n not in present or n == b"set-cookie"),
    ]
