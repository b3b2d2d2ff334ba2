"""The claims as KML 2.2, for Google Earth's time slider.

One Placemark per claim (every row of the events table), grouped in one
Folder per place, with a ``TimeSpan``:

* ``begin`` is the day the claim takes effect: the last day of its date
  window (``end_day``), as everywhere else in the project ("recaptured in
  2016" is certain from 31 Dec 2016). Ranges too begin on their last day,
  not their first: a change reported "between 27 Nov and 2 Dec" is not
  shown as certain before 2 Dec.
* ``end`` is the day before the next claim about the same place takes effect
  on a later day; claims taking effect on the same day (disagreeing reports)
  share the same span. A place's last claims have no ``end``.

Styles: one ``<Style id="actor-N">`` per actor (N: the actor's row in the
actors table), its IconStyle colour the actor's ``#RRGGBB`` colour written as
KML's ``aabbggrr``; contested claims use ``<Style id="contested">``, grey
#7F7F7F (the map's contested colour) at icon scale 0.8, whoever they name.

The description is HTML built from :func:`html.escape`-d parts (the link is an
``<a href>`` only when it is http(s), :func:`dashboard.core.data.valid_url`); the
XML writer (ElementTree, never string concatenation) escapes it once more,
so Google Earth reads back exactly that HTML and hostile text stays text.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

import numpy as np

from dashboard.map.colours import CONTESTED_COLOUR
from dashboard.core.data import Dataset, day_to_ts, valid_url

KML_NS = "http://www.opengis.net/kml/2.2"
CONTESTED_STYLE = "contested"
CONTESTED_SCALE = "0.8"
ICON = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"  # white: tints to the style's colour
TITLE = "Syria, late 2024: who controls what, says who"


def kml_colour(rgb: str, alpha: str = "ff") -> str:
    """``#RRGGBB`` as KML's ``aabbggrr`` (lower case)."""
    h = rgb.strip().lstrip("#").lower()
    if len(h) != 6:
        raise ValueError(f"not a #RRGGBB colour: {rgb!r}")
    return f"{alpha}{h[4:6]}{h[2:4]}{h[0:2]}"


def actor_style_ids(ds: Dataset) -> dict[str, str]:
    """Actor name -> its style id (``actor-N``, N its row in the actors table)."""
    return {name: f"actor-{i}" for i, name in enumerate(ds.actors["name"].tolist())}


def _iso(day: int) -> str:
    return day_to_ts(int(day)).date().isoformat()


def time_spans(ds: Dataset) -> list[tuple[int, str, str]]:
    """(event row, begin, end) for every claim, in the placemarks' order:
    by place (the places table's order), then by the day each takes effect.
    ``end`` is "" for a place's last claims."""
    ev = ds.events
    place_rank = {n: i for i, n in enumerate(ds.places["name"].tolist())}
    rank = np.array([place_rank.get(p, len(place_rank)) for p in ev["place"].tolist()], dtype="int64")
    end_day = ev["end_day"].to_numpy(dtype="int64")
    start_day = ev["start_day"].to_numpy(dtype="int64")
    published = ev["published"].astype(str).to_numpy(dtype=object)
    places = ev["place"].astype(str).to_numpy(dtype=object)
    rows = sorted(range(len(ev)), key=lambda r: (rank[r], places[r], end_day[r], start_day[r], published[r], r))
    out = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and places[rows[j]] == places[rows[i]]:
            j += 1
        block = rows[i:j]
        days = sorted({int(end_day[r]) for r in block})
        later = {d: (days[k + 1] if k + 1 < len(days) else None) for k, d in enumerate(days)}
        for r in block:
            nxt = later[int(end_day[r])]
            out.append((r, _iso(end_day[r]), "" if nxt is None else _iso(nxt - 1)))
        i = j
    return out


def description_html(claim: dict) -> str:
    """The placemark's description as HTML; every value escaped."""
    e = lambda v: html.escape(str(v if v is not None else ""), quote=True)  # noqa: E731
    quote_head = ("Summary (not a quote from the report)" if claim.get("quote_type") == "summary"
                  else "Quote (verbatim)")
    parts = [
        f"<p><b>{e(claim['actor'])}</b>: {e(claim['status'])}"
        + (f" ({e(claim['event'])})" if claim.get("event") else "") + "</p>",
        f"<p>Date: {e(claim['date_label'])}</p>",
        f"<p>{quote_head}:</p><blockquote dir=\"auto\">{e(claim['quote'])}</blockquote>",
        f"<p>Publisher: {e(claim['source_name'])}<br/>Published: {e(claim['published'])}"
        + (f"<br/>A copy of {e(claim['copy_of'])}'s report" if claim.get("copy_of") else "")
        + (f"<br/>Claimed by: {e(claim['claimed_by'])}" if claim.get("claimed_by") else "") + "</p>",
    ]
    url = claim.get("source_url", "")
    if valid_url(url):
        parts.append(f'<p>Link: <a href="{e(url)}">{e(url)}</a></p>')
    elif url:
        parts.append(f"<p>Link (not http(s), not linked): {e(url)}</p>")
    return "\n".join(parts)


def _sub(parent, tag: str, text: str | None = None, **attrib) -> ET.Element:
    el = ET.SubElement(parent, f"{{{KML_NS}}}{tag}", attrib)
    if text is not None:
        el.text = text
    return el


def _style(doc, style_id: str, colour: str, scale: str) -> None:
    style = _sub(doc, "Style", id=style_id)
    icon_style = _sub(style, "IconStyle")
    _sub(icon_style, "color", kml_colour(colour))
    _sub(icon_style, "scale", scale)
    _sub(_sub(icon_style, "Icon"), "href", ICON)


def to_kml(ds: Dataset) -> str:
    """The data set's claims as a KML 2.2 document (text, UTF-8 declared)."""
    ET.register_namespace("", KML_NS)
    ev = ds.events
    root = ET.Element(f"{{{KML_NS}}}kml")
    doc = _sub(root, "Document")
    _sub(doc, "name", TITLE)
    if len(ev):
        span = f"{ds.first_day.date().isoformat()} to {ds.last_day.date().isoformat()}"
    else:
        span = "no claims"
    _sub(doc, "description",
         f"Sourced claims of who controls or contests each place, one placemark per claim: "
         f"{len(ev)} claims about {ev['place'].nunique()} places from {ev['source_url'].nunique()} reports, "
         f"{span}. Each claim is shown from the day it takes effect (the last day of its date window) "
         f"until the day before the place's next claim; contested claims are grey.")
    styles = actor_style_ids(ds)
    for name, colour in zip(ds.actors["name"].tolist(), ds.actors["colour"].tolist()):
        _style(doc, styles[name], colour, "1.0")
    _style(doc, CONTESTED_STYLE, CONTESTED_COLOUR, CONTESTED_SCALE)
    places = ds.places.set_index("name")
    folder, folder_place = None, None
    cols = ["id", "place", "actor", "status", "event", "date_label", "quote", "quote_type", "source_name",
            "published", "claimed_by", "source_url"] + (["copy_of"] if "copy_of" in ev.columns else [])
    recs = ev[cols].to_dict("records")
    for row, begin, end in time_spans(ds):
        claim = recs[row]
        if claim["place"] != folder_place:
            folder, folder_place = _sub(doc, "Folder"), claim["place"]
            _sub(folder, "name", claim["place"])
        pm = _sub(folder, "Placemark")
        _sub(pm, "name", claim["place"])
        _sub(pm, "description", description_html(claim))
        ts = _sub(pm, "TimeSpan")
        _sub(ts, "begin", begin)
        if end:
            _sub(ts, "end", end)
        contested = claim["status"] == "contested"
        _sub(pm, "styleUrl", "#" + (CONTESTED_STYLE if contested else styles.get(claim["actor"], CONTESTED_STYLE)))
        extended = _sub(pm, "ExtendedData")
        for key in ("id", "actor", "status", "date_label"):
            _sub(_sub(extended, "Data", name="claim_id" if key == "id" else key), "value", str(claim[key]))
        if claim["place"] in places.index:
            lat, lon = places.at[claim["place"], "lat"], places.at[claim["place"], "lon"]
            _sub(_sub(pm, "Point"), "coordinates", f"{float(lon)!r},{float(lat)!r},0")
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
