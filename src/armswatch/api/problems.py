"""Errors as RFC 9457 problem details, translated at this one boundary.

Every error response of the API is ``application/problem+json``: ``type``, ``title``,
``status``, ``detail`` and ``instance``, plus the project's envelope ``ok: false``,
``error`` (the message), ``errors`` (every problem found) and ``code`` (``AW0xx``,
docs/errors.md). Dashboard pages get the same problem rendered as an HTML page.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response

from armswatch import errors

log = logging.getLogger("armswatch.api")
MEDIA_TYPE = "application/problem+json"
STATUS: dict[type[errors.ArmswatchError], int] = {
    errors.NotFoundError: 404,
    errors.UnknownRuleError: 404,
    errors.InvalidRequestError: 422,
    errors.RuleQueryError: 422,
    errors.InputError: 422,
    errors.NoInputError: 422,
    errors.DossierError: 422,
    errors.QueryError: 400,
    errors.AuthError: 401,
    errors.RequestTooLargeError: 413,
    errors.StoreLockedError: 503,
}
HTTP_CODES = {404: errors.NotFoundError.code, 401: errors.AuthError.code, 413: "AW053"}


class Problem(BaseModel):
    """An error response (RFC 9457 problem details with the armswatch envelope)."""

    type: str = Field(description="``urn:armswatch:error:AW0xx`` (see docs/errors.md).")
    title: str = Field(description="The HTTP status phrase.")
    status: int
    detail: str = Field(description="What went wrong and what to do.")
    instance: str | None = Field(default=None, description="The request path.")
    code: str = Field(description="The armswatch error code, AW0xx.")
    ok: Literal[False] = False
    error: str = Field(description="Same as ``detail``.")
    errors: list[str] = Field(default_factory=list, description="Every problem found.")


PROBLEM_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {
        "model": Problem,
        "content": {MEDIA_TYPE: {}},
        "description": HTTPStatus(status).phrase,
    }
    for status in (400, 401, 404, 413, 422, 503)
}


def make_problem(status: int, code: str, detail: str, problems: list[str], path: str) -> Problem:
    return Problem(
        type=f"urn:armswatch:error:{code}",
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=path,
        code=code,
        error=detail,
        errors=problems or [detail],
    )


def status_of(exc: errors.ArmswatchError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def wants_html(request: Request) -> bool:
    """Dashboard pages (not ``/api/…``) asked for by a browser get an HTML error page."""
    path = request.url.path
    return not path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def respond(request: Request, problem: Problem) -> Response:
    headers = {}
    if problem.status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="armswatch"'
    if problem.status == 503:
        headers["Retry-After"] = "5"
    if wants_html(request):
        from armswatch.web.render import render_error

        return HTMLResponse(render_error(request, problem), problem.status, headers)
    return JSONResponse(
        problem.model_dump(mode="json"), problem.status, headers, media_type=MEDIA_TYPE
    )


async def armswatch_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, errors.ArmswatchError)
    status = status_of(exc)
    if status >= 500:
        log.error("%s %s: %s", request.method, request.url.path, exc)
    problem = make_problem(status, exc.code, exc.message, exc.errors, request.url.path)
    return respond(request, problem)


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [
        f"[{' -> '.join(str(p) for p in e.get('loc', ()))}] {e.get('msg', 'invalid')}"
        for e in exc.errors()
    ]
    detail = f"invalid request: {'; '.join(problems[:3])}"
    code = errors.InvalidRequestError.code
    return respond(request, make_problem(422, code, detail, problems, request.url.path))


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = HTTP_CODES.get(exc.status_code, "AW051" if exc.status_code < 500 else "AW000")
    detail = str(exc.detail) if exc.detail else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 404:
        detail = f"no such page or endpoint: {request.url.path} (see /openapi.json)"
    problem = make_problem(exc.status_code, code, detail, [], request.url.path)
    response = respond(request, problem)
    response.headers.update(exc.headers or {})
    return response


async def unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
    detail = f"internal error ({type(exc).__name__}); please report it with the request"
    return respond(request, make_problem(500, "AW000", detail, [], request.url.path))


def install(app: FastAPI) -> None:
    """Register the handlers: every error the app can raise becomes one problem."""
    app.add_exception_handler(errors.ArmswatchError, armswatch_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)
