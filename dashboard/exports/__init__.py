"""Exports: one registry of the formats written for others (CSV, JSON, GeoJSON, KML, ACLED, the standalone HTML map), every CSV inert in spreadsheets, and the coverage summary."""
