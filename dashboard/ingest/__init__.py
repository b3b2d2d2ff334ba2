"""Ingest: an article's sentences and dates, proposing claims, geocoding, ACLED in, review and accept."""
