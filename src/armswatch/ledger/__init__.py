"""The ledger over time: stable ids, the extractor's fingerprint, re-analysis, history, review.

- ``ids``: content-derived ids of events and findings (FollowTheMoney/zavod ``make_id``);
- ``fingerprint``: which extractor (version, knowledge base, rulebook) made an analysis;
- ``reanalyze``: run stored texts again and update events, findings, incidents in place;
- ``history``: one row per change to an event, finding, incident or review;
- ``review``: an analyst's verdict on an event or incident, kept across re-analysis.

This module imports nothing, so the store can use ``ledger.ids`` without a cycle.
See ``docs/ledger.md``.
"""
