"""Exports: the view as CSV, JSON, GeoJSON, KML, ACLED and the coverage summary, every CSV inert in spreadsheets."""
