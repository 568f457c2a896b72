"""The HTTP API and dashboard server (FastAPI): ``make_app``, ``serve``.

Routes are thin: each calls one ``armswatch.queries`` function (or the pipeline, for
``POST /api/analyze``); errors become problem details in ``api.problems`` only.
"""

from __future__ import annotations

from armswatch.api.app import make_app
from armswatch.api.config import ApiSettings
from armswatch.api.serve import serve

__all__ = ["ApiSettings", "make_app", "serve"]
