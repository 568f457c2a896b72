"""Routes made from the page table: for each ``ReadPage``, its JSON twin and its page.

Both endpoints have the same parameters (the read-only view, the settings, and the
page's query model or its ``key``), so FastAPI parses and validates them once, the same
way, and documents the twin in OpenAPI; the only difference is the renderer.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel
from starlette.requests import Request

from armswatch.api.config import ApiSettings
from armswatch.api.deps import get_view, settings_of
from armswatch.api.pages import PAGES, ReadPage
from armswatch.api.problems import PROBLEM_RESPONSES
from armswatch.api.review_panel import ledger_context
from armswatch.store.view import View
from armswatch.web.render import render

ViewDep = Annotated[View, Depends(get_view)]
SettingsDep = Annotated[ApiSettings, Depends(settings_of)]
Key = Annotated[str, Path(min_length=1, max_length=200)]
KIND = inspect.Parameter.KEYWORD_ONLY


def parameters(page: ReadPage, with_request: bool) -> list[inspect.Parameter]:
    """The endpoint's parameters: view, settings, then ``key`` or ``query``."""
    found = [
        inspect.Parameter("view", KIND, annotation=ViewDep),
        inspect.Parameter("settings", KIND, annotation=SettingsDep),
    ]
    if page.keyed:
        found.append(inspect.Parameter("key", KIND, annotation=Key))
    elif page.query is not None:
        found.append(inspect.Parameter("query", KIND, annotation=Annotated[page.query, Query()]))
    if with_request:
        found.insert(0, inspect.Parameter("request", KIND, annotation=Request))
    return found


def document(page: ReadPage, view: View, settings: ApiSettings, arg: Any) -> BaseModel:
    """The page's document: its ``queries`` function on the parsed query (or key)."""
    limit = getattr(arg, "limit", None)
    if isinstance(limit, int):
        settings.check_limit(limit)
    return page.load(view, arg)


def signed(
    function: Callable[..., Any], params: list[inspect.Parameter], returns: Any
) -> Callable[..., Any]:
    """``function`` with the signature FastAPI reads its parameters from."""
    setattr(function, "__signature__", inspect.Signature(params, return_annotation=returns))  # noqa: B010
    return function


def twin_endpoint(page: ReadPage) -> Callable[..., Any]:
    def endpoint(**kwargs: Any) -> Response:
        arg = kwargs.get("key", kwargs.get("query"))
        return json_response(document(page, kwargs["view"], kwargs["settings"], arg))

    endpoint.__name__ = f"{page.name}_json"
    endpoint.__doc__ = page.summary
    return signed(endpoint, parameters(page, with_request=False), page.model)


def json_response(data: BaseModel) -> Response:
    """``data`` as JSON, serialised by pydantic once. FastAPI would dump the model,
    validate the dump against the route's model again, serialise it and encode it with
    ``json``: three more passes over the answer, 6 ms of a page of 50 events' 12
    (``bench/api_load.py``). The route still declares the model, for OpenAPI."""
    return Response(data.model_dump_json(), media_type="application/json")


def page_endpoint(page: ReadPage) -> Callable[..., Any]:
    def endpoint(**kwargs: Any) -> HTMLResponse:
        request: Request = kwargs["request"]
        settings: ApiSettings = kwargs["settings"]
        key = kwargs.get("key")
        data = document(page, kwargs["view"], settings, key or kwargs.get("query"))
        if page.standalone is not None:
            html, headers = page.standalone(data)
            return HTMLResponse(html, headers=headers)
        context = page.context(data, settings.max_limit * 10) if page.context else {}
        if page.reviewed and key is not None:  # review panel and "what changed" (ledger)
            context["ledger"] = ledger_context(kwargs["view"], key, request, settings)
        html = render(
            page.template, request, data, api=page.twin(key), title=page.title(data), **context
        )
        return HTMLResponse(html)

    endpoint.__name__ = f"{page.name}_page"
    return signed(endpoint, parameters(page, with_request=True), HTMLResponse)


def make_routers() -> tuple[APIRouter, APIRouter]:
    """The JSON twins (``/api/…``, in OpenAPI) and the pages (HTML, not in OpenAPI)."""
    twins = APIRouter(responses=PROBLEM_RESPONSES)
    pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
    for page in PAGES:
        twins.add_api_route(
            page.api,
            twin_endpoint(page),
            methods=["GET"],
            response_model=page.model,
            tags=[page.tag],
            summary=page.name.capitalize(),
            description=page.summary,
        )
        pages.add_api_route(page.path, page_endpoint(page), methods=["GET"])
    return twins, pages
