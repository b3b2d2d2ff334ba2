"""Propose events from a new article, then append reviewed rows safely.

Kept so that ``from dashboard import ingest`` goes on working; the code lives in
:mod:`dashboard.extraction` (reading an article into proposed rows),
:mod:`dashboard.accepting` (``accept``) and :mod:`dashboard.evaluation`
(``rediscovery``, ``add-source-eval``). The commands are in :mod:`dashboard.cli`.
"""

from dashboard.accepting import accept
from dashboard.evaluation import read_sources_table, rediscovery
from dashboard.extraction import REVIEW_COLUMNS, find_dates, propose_rows, read_inputs, sentences, write_proposals

__all__ = ["REVIEW_COLUMNS", "accept", "find_dates", "propose_rows", "read_inputs", "read_sources_table",
           "rediscovery", "sentences", "write_proposals"]
