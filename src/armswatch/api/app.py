"""``make_app(db_path, settings)``: the FastAPI app serving the API and the dashboard."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from armswatch import __version__
from armswatch.api import dashboard, ledger, problems, review_panel, routes, write
from armswatch.api.cache import AnswerCache, CachedReads
from armswatch.api.config import ApiSettings
from armswatch.api.endpoints import make_routers
from armswatch.api.guard import Guard
from armswatch.api.spec import install_spec
from armswatch.store.shared_reader import SharedReader
from armswatch.store.view import open_view
from armswatch.watch import web as watch_web
from armswatch.web.render import STATIC

if TYPE_CHECKING:
    from armswatch.pipeline import Analyzer

DESCRIPTION = """The armswatch ledger: findings, events, incidents, articles, actors, the actor
network and the sanctions rulebook, read from a DuckDB store built by `armswatch run`.
Every dashboard page has its JSON twin here (same function, same data). Errors are
`application/problem+json` (RFC 9457) with the armswatch envelope (`ok`, `error`,
`errors`, `code`)."""


def make_app(
    db_path: str | Path, settings: ApiSettings | None = None, analyzer: Analyzer | None = None
) -> FastAPI:
    """The app over the store at ``db_path``; StoreError now if it cannot be read.

    settings (ApiSettings | None): tokens and limits (default: from the environment).
    analyzer (Analyzer | None): for ``/api/analyze`` and ``/api/ingest`` (default: the
        default analyzer, loaded on first use).
    """
    path = Path(db_path)
    open_view(path).close()
    app = FastAPI(
        title="armswatch",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
    )
    app.state.db_path = path
    app.state.settings = settings or ApiSettings.from_env()
    app.state.reader = SharedReader(path, readers=app.state.settings.readers)
    app.state.analyzer = analyzer
    problems.install(app)
    install_spec(app, app.state.settings)
    twins, pages = make_routers()
    app.include_router(routes.router)
    app.include_router(twins)
    app.include_router(write.router)
    app.include_router(pages)
    app.include_router(dashboard.router)
    app.include_router(ledger.router)  # /api/reviews, /api/history/{id}
    app.include_router(review_panel.router)  # POST /review (the pages' review buttons)
    app.include_router(watch_web.api_router)  # /api/sources, /api/alerts
    app.include_router(watch_web.page_router)  # /sources, /alerts, /alerts.atom
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.state.answers = AnswerCache(app.state.settings.cache_mb * 2**20)
    reads = [  # the JSON reads: the page table's twins and the remaining API routes
        getattr(route, "endpoint", None) for route in [*routes.router.routes, *twins.routes]
    ]
    app.add_middleware(CachedReads, path=path, cache=app.state.answers, endpoints=reads)
    app.add_middleware(Guard, settings=app.state.settings)  # outside the cache: auth first
    if app.state.settings.allowed_hosts:  # outermost: a rebinding name gets 400, nothing else
        app.add_middleware(
            TrustedHostMiddleware, allowed_hosts=list(app.state.settings.allowed_hosts)
        )
    return app
