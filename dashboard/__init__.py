"""Sourced conflict-control map of the late-2024 Syria offensive.

The core modules (schema, data, control, mapview, geocode, quotes, export,
synth, ingest, acled) import no streamlit; ``dashboard/app.py`` is the UI and
``python -m dashboard`` the command line over the same functions.
"""

__version__ = "0.1.0"
