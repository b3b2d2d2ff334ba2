"""A valid but hostile data set: every free-text field carries markup,
script, template, markdown and LaTeX payloads.

The data passes validation (so the app draws it); if any payload were
interpreted instead of shown as text, it would set ``window.__pwned`` or open
a dialog (``alert``), which the browser tests check for.

``write_hostile_dataset(folder)`` writes events.csv, geodata/places.csv and
geodata/actors.csv and returns a :class:`HostileData` with their paths and
the names used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dashboard.core import schema
from dataset_helpers import write_csv

# The payloads. Each would run script or inject markup if it were not shown as text.
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '"><img src=x onerror="window.__pwned=1">'
TEMPLATE = "${window.__pwned=1}"
BACKTICK = "`${window.__pwned=1}`"
QUOTES = "it's \"quoted\" 'single'"
CLOSE_SCRIPT = "</script><script>window.__pwned=1</script>"
JS_URL = "javascript:window.__pwned=1"
MD_LINK = "[x](javascript:alert(1))"
LATEX = "$x$"
SVG = "<svg/onload=alert(1)>"
HTML_ENTITY = "&lt;b&gt;not bold&lt;/b&gt; &amp;"
JINJA = "{{7*7}} {% if 1 %}jinja{% endif %} {#c#}"  # folium renders its output through Jinja
ALL = (SCRIPT, IMG, TEMPLATE, BACKTICK, QUOTES, CLOSE_SCRIPT, JS_URL, MD_LINK, LATEX, SVG, HTML_ENTITY, JINJA)

# Strings that must show literally somewhere when the place panel is open.
LITERALS = ("<script>window.__pwned=1</script>", "[x](javascript:alert(1))", "$x$", "${window.__pwned=1}",
            '<img src=x onerror="window.__pwned=1">', "{{7*7}}", "{% if 1 %}jinja{% endif %}")


def mix(*parts: str) -> str:
    return " ".join(parts)


# Actors: names are shown in the legend, the actor filter, the panel and tooltips.
GOV = mix("Gov", SCRIPT)
REB = mix("Reb", IMG)
SUB = mix("Sub", BACKTICK, QUOTES)
ODD = mix("Odd", MD_LINK, LATEX, CLOSE_SCRIPT, "{{7*7}}")

# Places: names are shown in tooltips, popups, the place selectbox, the URL.
P_SCRIPT = mix("Town", SCRIPT)
P_IMG = mix("Village", IMG)
P_TEMPLATE = mix("City", TEMPLATE, BACKTICK, "&place=Other&date=1999-01-01#frag+%20")
P_MD = mix("Base", MD_LINK, LATEX, QUOTES)
P_CLOSE = mix("Hill", CLOSE_SCRIPT, SVG)
P_JS = mix(JS_URL, JINJA)  # a place called "javascript:..." with template syntax

PLACE_NAMES = (P_SCRIPT, P_IMG, P_TEMPLATE, P_MD, P_CLOSE, P_JS)

# A link that is a valid http(s) URL but full of markup characters.
URL = 'https://example.org/report?q="><svg/onload=alert(1)>&x=`${window.__pwned=1}`'
URL2 = "https://example.com/a(b)<script>window.__pwned=1</script>"


@dataclass
class HostileData:
    events: Path
    places: Path
    actors: Path
    place_names: tuple = PLACE_NAMES
    actor_names: tuple = (GOV, REB, SUB, ODD)
    date: str = "2024-12-04"  # a day on which every place has a claim in effect

    def env(self) -> dict:
        return {"DASHBOARD_EVENTS": str(self.events), "DASHBOARD_PLACES": str(self.places),
                "DASHBOARD_ACTORS": str(self.actors)}


def _write(path: Path, columns, rows) -> Path:
    return write_csv(path, rows, columns)


def actors_rows() -> list[dict]:
    return [
        {"name": GOV, "parent": "", "aliases": mix("gov", SVG), "colour": "#D55E00", "description": mix(SCRIPT, MD_LINK)},
        {"name": REB, "parent": "", "aliases": "", "colour": "#56B4E9", "description": IMG},
        {"name": SUB, "parent": REB, "aliases": "", "colour": "#009E73", "description": TEMPLATE},
        {"name": ODD, "parent": "", "aliases": "", "colour": "#CC79A7", "description": LATEX},
    ]


def places_rows() -> list[dict]:
    coords = [(36.20, 37.16), (36.47, 37.09), (35.93, 36.63), (35.41, 35.94), (35.13, 36.76), (36.51, 36.87)]
    return [{"name": n, "kind": mix("city", SCRIPT), "lat": f"{lat}", "lon": f"{lon}", "aliases": "",
             "coord_source": "manual", "coord_ref": IMG, "coord_note": mix("note", SCRIPT, MD_LINK)}
            for n, (lat, lon) in zip(PLACE_NAMES, coords)]


def event(place: str, actor: str, date: str, **kw) -> dict:
    row = {
        "id": "",
        "date": date,
        "date_end": "",
        "date_precision": "day",
        "place": place,
        "actor": actor,
        "status": "controlled",
        "event": mix("captured", IMG),
        "previous_actor": "",
        "claimed_by": mix(SCRIPT, TEMPLATE),
        "source_name": mix("Source", SCRIPT, QUOTES),
        "source_url": URL,
        "published": "2024-12-04",
        "quote": mix("Quote:", *ALL),
        "quote_type": "verbatim",
        "notes": mix("Notes:", MD_LINK, LATEX, IMG, BACKTICK),
    }
    row.update(kw)
    return row


def events_rows() -> list[dict]:
    rows = [
        # government holds everything early on...
        *[event(p, GOV, "2024-11-20", event="held", notes=mix("early", SCRIPT)) for p in PLACE_NAMES],
        # ...then rebels and their sub-group take some places
        event(P_SCRIPT, REB, "2024-11-30", previous_actor=GOV),
        event(P_IMG, SUB, "2024-12-01", previous_actor=GOV, source_url=URL2, quote=mix("Second", *ALL)),
        event(P_TEMPLATE, ODD, "2024-12-02", status="contested", quote_type="summary"),
        # two reports disagree about the same day
        event(P_MD, REB, "2024-12-03", source_name=mix("Other", IMG), quote=mix("Reb says", *ALL)),
        event(P_MD, GOV, "2024-12-03", claimed_by=mix("state media", SCRIPT), quote=mix("Gov says", *ALL)),
        # an imprecise claim, shown as pending
        event(P_CLOSE, SUB, "2024-12", date_precision="month", previous_actor=GOV, published="2024-12-31"),
        event(P_JS, ODD, "2024-11-25", date_end="2024-11-27", date_precision="range", previous_actor=GOV),
    ]
    return rows


def write_hostile_dataset(folder) -> HostileData:
    folder = Path(folder)
    ev = _write(folder / "events.csv", schema.EVENT_COLUMNS, events_rows())
    pl = _write(folder / "geodata" / "places.csv", schema.PLACE_COLUMNS, places_rows())
    ac = _write(folder / "geodata" / "actors.csv", schema.ACTOR_COLUMNS, actors_rows())
    return HostileData(events=ev, places=pl, actors=ac)


def write_bad_dataset(folder) -> dict:
    """Bundled-looking places/actors plus an events file with an invalid date
    (line 2) and an unknown place (line 3). Returns paths and the expected
    FILE:LINE prefixes."""
    folder = Path(folder)
    pl = _write(folder / "geodata" / "places.csv", schema.PLACE_COLUMNS,
                [{"name": "Aleppo", "kind": "city", "lat": "36.2", "lon": "37.16", "coord_source": "geonames"}])
    ac = _write(folder / "geodata" / "actors.csv", schema.ACTOR_COLUMNS,
                [{"name": "Syrian government", "colour": "#D55E00"}, {"name": "Rebels", "colour": "#56B4E9"}])
    base = {"date_precision": "day", "actor": "Rebels", "status": "controlled", "source_name": "A report",
            "source_url": "https://example.org/a", "published": "2024-12-04", "quote": "Rebels took it."}
    ev = _write(folder / "events.csv", schema.EVENT_COLUMNS, [
        base | {"date": "2024-13-45", "place": "Aleppo"},
        base | {"date": "2024-11-30", "place": "Atlantis"},
    ])
    return {"events": ev, "places": pl, "actors": ac,
            "env": {"DASHBOARD_EVENTS": str(ev), "DASHBOARD_PLACES": str(pl), "DASHBOARD_ACTORS": str(ac)},
            "expected": (f"{ev}:2:", f"{ev}:3:"), "messages": ("not a valid date", "unknown place")}
