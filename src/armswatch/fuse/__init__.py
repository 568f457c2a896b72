"""Cross-article incidents: one real-world fact however many articles repeat it.

- ``update_incidents(store_or_connection, article_keys)``: fuse newly stored events
  (``armswatch run`` calls it now and then, see ``run.fusing``); ``rebuild_incidents(db)``;
- ``list_incidents(view, …)`` → ``IncidentSummary`` list; ``get_incident(view, id)`` →
  ``IncidentStory`` (reports over time, provenance chains, sources, findings) or None.

Matching rules (``rules.py``), provenance (``provenance.py``), independent sources
(``independence.py``) and the corroboration score (``score.py``) each explain their
results in words. See ``docs/incidents.md``.
"""

from __future__ import annotations

from armswatch.fuse.models import Claim, IncidentStory, IncidentSummary, Reason, Source
from armswatch.fuse.read import get_incident, list_incidents
from armswatch.fuse.update import FuseReport, rebuild_incidents, update_incidents

__all__ = [
    "Claim",
    "FuseReport",
    "IncidentStory",
    "IncidentSummary",
    "Reason",
    "Source",
    "get_incident",
    "list_incidents",
    "rebuild_incidents",
    "update_incidents",
]
