"""``armswatch serve``: uvicorn on the app, refusing to expose the store without a token."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from armswatch.api.config import ApiSettings, bound_hosts, check_exposure
from armswatch.api.guard import redact_logs
from armswatch.errors import ServeError
from armswatch.settings import get_setting

if TYPE_CHECKING:
    from fastapi import FastAPI


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve the API and dashboard until interrupted. Raises ServeError, StoreError.

    workers (int): server processes on one socket (uvicorn's ``--workers``). Each has
        its own read-only connection and answer cache; more than one uses more CPUs for
        the requests' Python part (docs/api.md, "Under load").
    """
    import uvicorn

    from armswatch.api import heap
    from armswatch.api.app import make_app

    settings = ApiSettings.from_env()
    check_exposure(host, settings)
    if not 0 < port < 65536:
        raise ServeError(f"port {port} is not a TCP port (1–65535)")
    if workers < 1:
        raise ServeError(f"--workers {workers}: give at least 1")
    settings = replace(settings, allowed_hosts=bound_hosts(host, settings))
    app = make_app(db_path, settings)  # the store is checked here, in this process
    options = {"host": host, "port": port, "log_level": "info", "server_header": False}
    if workers > 1:
        # worker processes make their own app (``app_from_environment``) from the
        # environment: the store and the host names checked above are handed down there
        os.environ["ARMSWATCH_DB"] = str(Path(db_path).resolve())
        os.environ["ARMSWATCH_API_ALLOWED_HOSTS"] = ",".join(settings.allowed_hosts)
        options["http"] = "armswatch.api.nodelay:NoDelayHttp"
        uvicorn.run(f"{__name__}:app_from_environment", factory=True, workers=workers, **options)  # type: ignore[arg-type]
        return
    config = uvicorn.Config(app, **options)  # type: ignore[arg-type]
    redact_logs()  # after uvicorn.Config, which sets up the loggers this filters
    heap.settle()
    try:
        uvicorn.Server(config).run()
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def app_from_environment() -> FastAPI:
    """The app of one ``serve --workers`` process: the store ``ARMSWATCH_DB`` with the
    settings of the environment (``serve`` put the bound host names there)."""
    from armswatch.api import heap
    from armswatch.api.app import make_app

    redact_logs()  # uvicorn has set up this process's loggers before it calls the factory
    app = make_app(get_setting("ARMSWATCH_DB"), ApiSettings.from_env())
    heap.settle()
    return app
