"""The ledger on the dashboard: the review panel and "what changed" of event and incident
pages (``ledger_context``), and ``POST /review``, where the panel's buttons post.

A review from the browser is a write: it needs the write token (``ARMSWATCH_INGEST_TOKEN``)
as the dashboard's cookie (open the dashboard once with ``?token=<it>``). The form also
carries a token derived from it (``form_token``), and a request that comes from another
site (``Origin`` or ``Sec-Fetch-Site``) is refused: with the cookie's SameSite=Strict,
three locks against cross-site request forgery.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.requests import Request

from armswatch.api.config import ApiSettings
from armswatch.api.guard import COOKIE
from armswatch.api.ledger import ReviewIn, write_review
from armswatch.errors import AuthError, InvalidRequestError
from armswatch.ledger.history import history_of
from armswatch.ledger.review import reviews
from armswatch.store.view import View

router = APIRouter(include_in_schema=False)
FORM_PURPOSE = b"armswatch review form"


def form_token(settings: ApiSettings) -> str:
    """The token the review form carries: an HMAC of the write token (empty without one)."""
    if not settings.ingest_token:
        return ""
    return hmac.new(settings.ingest_token.encode(), FORM_PURPOSE, hashlib.sha256).hexdigest()


def holds_write_token(request: Request, settings: ApiSettings) -> bool:
    offered = request.cookies.get(COOKIE, "")
    token = settings.ingest_token
    return bool(token and offered) and hmac.compare_digest(offered.encode(), token.encode())


def ledger_context(
    view: View, subject: str, request: Request, settings: ApiSettings
) -> dict[str, Any]:
    """What the review panel and the "what changed" section of a page show."""
    found = reviews(view.con, ids=[subject])
    return {
        "subject": subject,
        "review": found[0] if found else None,
        "changes": history_of(view.con, subject),
        "can_review": holds_write_token(request, settings),
        "form_token": form_token(settings),
        "back": request.url.path,
    }


def same_site(request: Request) -> bool:
    """False when the browser says the request comes from another site.

    The dashboard's ``Referrer-Policy: no-referrer`` (``api.guard``) makes browsers send
    ``Origin: null`` with its own form posts; then only ``Sec-Fetch-Site: same-origin``
    vouches for the form.
    """
    fetch_site = request.headers.get("sec-fetch-site")
    if (fetch_site or "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin == "null":
        return fetch_site == "same-origin"
    return origin is None or urlsplit(origin).netloc == request.url.netloc


@router.post("/review")
async def review_form(request: Request) -> RedirectResponse:
    """A review button: record the review, then back to the page (303)."""
    settings: ApiSettings = request.app.state.settings
    fields = {k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8")).items()}
    if not holds_write_token(request, settings):
        raise AuthError(
            "reviews from the dashboard need the write token: set ARMSWATCH_INGEST_TOKEN and "
            "open the dashboard once with ?token=<it>"
        )
    expected = form_token(settings)
    offered = fields.pop("form_token", "")
    if not same_site(request) or not hmac.compare_digest(offered.encode(), expected.encode()):
        raise AuthError("the review form did not come from this dashboard")
    back = fields.pop("back", "/")
    try:
        body = ReviewIn.model_validate({k: v for k, v in fields.items() if v.strip()})
    except ValidationError as exc:
        raise InvalidRequestError(f"review form: {exc.errors()[0]['msg']}") from None
    write_review(request, body)
    target = back if back.startswith(("/events/", "/incidents/")) else "/"
    return RedirectResponse(f"{target}#review", status_code=303)
