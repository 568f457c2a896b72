"""One ASGI middleware in front of every route: token, body size, security headers.

- With ``ARMSWATCH_API_TOKEN`` set, every request must carry a token: the header
  ``Authorization: Bearer <token>``, or (for browsers) the ``armswatch_token`` cookie,
  which a first visit with ``?token=<token>`` sets.
- A body over ``ARMSWATCH_API_MAX_BODY`` bytes is refused with 413, by its
  ``Content-Length`` at once, else as soon as the bytes read pass the limit.
- Every response forbids inline scripts and framing (Content-Security-Policy): article
  text is untrusted, and the dashboard's own script is a file of the package.
"""

from __future__ import annotations

import hmac
from collections.abc import MutableMapping
from typing import Any

from starlette.requests import Request
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
        if self.settings.tokens and request.query_params.get("token") in self.settings.tokens:
            send = with_cookie(send, request.query_params["token"])
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
        return any(
            hmac.compare_digest(o.encode(), t.encode())
            for o in offered
            if o
            for t in self.settings.tokens
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


def with_cookie(send: Send, token: str) -> Send:
    cookie = f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            add_headers(message, [(b"set-cookie", cookie.encode())])
        await send(message)

    return sending


def add_headers(message: MutableMapping[str, Any], headers: list[tuple[bytes, bytes]]) -> None:
    present = {name for name, _ in message.get("headers", [])}
    message["headers"] = [
        *message.get("headers", []),
        *((n, v) for n, v in headers if n not in present or n == b"set-cookie"),
    ]
