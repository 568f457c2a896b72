"""``armswatch serve``: uvicorn on the app, refusing to expose the store without a token."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from armswatch.api.config import ApiSettings, bound_hosts, check_exposure
from armswatch.api.guard import redact_logs
from armswatch.errors import ServeError


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the API and dashboard until interrupted. Raises ServeError, StoreError."""
    import uvicorn

    from armswatch.api.app import make_app

    settings = ApiSettings.from_env()
    check_exposure(host, settings)
    if not 0 < port < 65536:
        raise ServeError(f"port {port} is not a TCP port (1–65535)")
    settings = replace(settings, allowed_hosts=bound_hosts(host, settings))
    app = make_app(db_path, settings)
    config = uvicorn.Config(app, host=host, port=port, log_level="info", server_header=False)
    redact_logs()  # after uvicorn.Config, which sets up the loggers this filters
    try:
        uvicorn.Server(config).run()
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
