"""What routes depend on: a read-only view per request, the settings, query models."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request

from armswatch.api.config import ApiSettings
from armswatch.errors import InvalidRequestError
from armswatch.store.shared_reader import SharedReader
from armswatch.store.view import View

M = TypeVar("M", bound=BaseModel)
IGNORED = frozenset({"token"})


def db_path(request: Request) -> Path:
    path: Path = request.app.state.db_path
    return path


async def settings_of(request: Request) -> ApiSettings:
    """The app's settings (async: FastAPI runs a plain function dependency on a worker
    thread, a hop that costs more than reading an attribute)."""
    settings: ApiSettings = request.app.state.settings
    return settings


async def get_view(request: Request) -> AsyncIterator[View]:
    """A read-only view of the store for one request, on the app's shared connection
    (``SharedReader``: let go when a run asks for the store). Async, so that a request
    waits for its turn in the event loop and goes to a worker thread once, for the
    route: a plain generator would take a thread to enter and another to exit."""
    reader: SharedReader = request.app.state.reader
    async with reader.request_view() as view:
        yield view


def parse_query(request: Request, model: type[M]) -> M:
    """The page's query string as ``model``: empty form fields count as absent.

    Raises InvalidRequestError listing every bad parameter.
    """
    params = {k: v for k, v in request.query_params.items() if v.strip() != "" and k not in IGNORED}
    try:
        return model.model_validate(params)
    except ValidationError as exc:
        problems = [f"[{' -> '.join(map(str, e['loc']))}] {e['msg']}" for e in exc.errors()]
        raise InvalidRequestError(
            f"invalid filter: {'; '.join(problems[:3])}", errors=problems
        ) from None
