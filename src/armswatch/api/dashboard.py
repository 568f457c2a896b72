"""The dashboard's pages that are not read pages of the page table (``api.pages``).

``/findings/{id}`` redirects to the incident (or event) page of the finding; ``/about``
lists the API from its OpenAPI document; ``/favicon.ico``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from starlette.requests import Request

from armswatch.api.deps import get_view
from armswatch.queries.events import finding_rows
from armswatch.store.view import View
from armswatch.web.render import STATIC, render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
ViewDep = Annotated[View, Depends(get_view)]


@router.get("/findings/{finding_id}")
def finding_page(view: ViewDep, finding_id: str) -> RedirectResponse:
    rows = finding_rows(view, [finding_id])
    if not rows:
        return RedirectResponse("/", status_code=303)
    row = rows[0]
    target = f"/incidents/{row.incident}" if row.incident else f"/events/{row.event}"
    return RedirectResponse(target, status_code=303)


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


@router.get("/about")
def about_page(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    endpoints = [
        (method.upper(), path, op.get("summary", ""), op.get("description", ""))
        for path, methods in spec["paths"].items()
        for method, op in methods.items()
    ]
    html = render(
        "about.html", request, None, api="/openapi.json", title="API", endpoints=endpoints
    )
    return HTMLResponse(html)
