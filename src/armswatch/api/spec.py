"""The OpenAPI document, made to say what this server enforces.

The page-size maxima come from the settings (``ARMSWATCH_API_MAX_LIMIT``; ×10 for CSV),
with a token configured every operation requires the ``bearer`` scheme, and the query
parameters of the read pages say that an empty value is taken as absent (as a blank
form field is: ``queries.params.QueryModel``).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from armswatch.api.config import ApiSettings


def install_spec(app: FastAPI, settings: ApiSettings) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            adjust(spec, settings)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


EMPTY = {"type": "string", "pattern": r"^\s*$", "description": "Empty: the same as absent."}


def lenient_paths() -> frozenset[str]:
    """The operations whose query is a ``QueryModel`` (empty values count as absent)."""
    from armswatch.api.pages import PAGES

    return frozenset(p.api for p in PAGES if p.query) | {"/api/events.csv", "/api/findings.csv"}


def adjust(spec: dict[str, Any], settings: ApiSettings) -> None:
    lenient = lenient_paths()
    for path, operations in spec.get("paths", {}).items():
        factor = 10 if path.endswith(".csv") else 1
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("name") == "limit" and parameter.get("in") == "query":
                    limit = settings.max_limit * factor
                    parameter["schema"]["maximum"] = min(limit, parameter["schema"]["maximum"])
                optional = parameter.get("in") == "query" and not parameter.get("required")
                if path in lenient and optional:
                    parameter["schema"] = {"anyOf": [parameter["schema"], EMPTY]}
                    parameter["allowEmptyValue"] = True
            if settings.tokens:
                operation["security"] = [{"bearer": []}]
    if settings.tokens:
        schemes = spec.setdefault("components", {}).setdefault("securitySchemes", {})
        schemes["bearer"] = {"type": "http", "scheme": "bearer"}
