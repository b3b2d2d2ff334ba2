"""Every format the project writes for others, registered once: its name, file suffix, MIME type
and writer; the command line's ``state``, ``export`` and ``export-map`` take them from here.

The map page's downloads are meant to as well: ``FORMATS[name]`` gives the button's ``label``, the
file name's ``suffix``, the ``mime`` type and ``render(state)`` for its data.

A format is one of three kinds, by what it is made from:

* ``view``: a day's state (``control.state_at``): CSV, JSON, GeoJSON (dashboard/exports/records.py);
  ``python -m dashboard state --format NAME`` and the map page's downloads.
* ``claims``: the data set, one row or placemark per claim: ACLED's layout (dashboard/exports/acled.py)
  and KML (dashboard/exports/kml.py); ``python -m dashboard export --format NAME``.
* ``map``: the data set on a day, as the standalone HTML map (dashboard/map/mapview.py);
  ``python -m dashboard export-map``.

A CSV format registers a ``table``, never text: the registry writes it through
dashboard/exports/csv_text.py, so no CSV the project writes can skip being made inert for spreadsheets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from dashboard.core import files
from dashboard.exports import acled, kml, records
from dashboard.exports.csv_text import inert_csv

KINDS = ("view", "claims", "map")


@dataclass(frozen=True)
class Format:
    name: str  # as the command line and the app call it
    kind: str  # one of KINDS: what the writer is given
    suffix: str  # the file name's ending, with its dot
    mime: str
    label: str  # a download button's label
    help: str  # what the file holds, for the command line's help
    table: Callable | None = None  # CSV formats: a table (csv_text.inert_csv); the registry writes it inert
    text: Callable | None = None  # other formats: the file's text

    def __post_init__(self):
        if self.kind not in KINDS or (self.table is None) == (self.text is None):
            raise ValueError(f"format {self.name!r}: kind one of {KINDS}, and either a table (CSV) or a text writer")
        if (self.suffix == ".csv" or self.mime == "text/csv") and self.table is None:
            raise ValueError(f"format {self.name!r}: a CSV format registers a table, so that it is written inert")

    @property
    def is_csv(self) -> bool:
        return self.table is not None

    def render(self, *args, **kwargs) -> str:
        """The file's text; the arguments are what its kind is made from (see the module docstring)."""
        if self.table is not None:
            return inert_csv(self.table(*args, **kwargs))
        return self.text(*args, **kwargs)

    def write(self, path, *args, **kwargs) -> str:
        """Write the file atomically (dashboard/core/files.py); returns its text."""
        text = self.render(*args, **kwargs)
        files.write_text_atomic(path, text)
        return text


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    if fmt.name in FORMATS:
        raise ValueError(f"format {fmt.name!r} is registered twice")
    FORMATS[fmt.name] = fmt
    return fmt


def of_kind(kind: str) -> dict[str, Format]:
    """The formats of one kind, in the order they were registered."""
    return {name: f for name, f in FORMATS.items() if f.kind == kind}


def standalone_html(ds, date, actors=None) -> str:
    """The map on ``date`` as one HTML file that needs no network (folium is imported only for it)."""
    from dashboard.map import mapview

    return mapview.standalone_html(ds, date, actors=actors)


register(Format("csv", "view", ".csv", "text/csv", "CSV", "one row per place", table=records.csv_table))
register(Format("json", "view", ".json", "application/json", "JSON", "one record per place", text=records.to_json))
register(Format("geojson", "view", ".geojson", "application/geo+json", "GeoJSON", "one point feature per place",
                text=records.to_geojson))
register(Format("acled", "claims", ".csv", "text/csv", "ACLED CSV", "ACLED's CSV columns", table=acled.acled_table))
register(Format("kml", "claims", ".kml", "application/vnd.google-earth.kml+xml", "KML",
                "one placemark per claim with its time span", text=kml.to_kml))
register(Format("html", "map", ".html", "text/html", "HTML map",
                "the map on a date as one self-contained HTML file", text=standalone_html))
