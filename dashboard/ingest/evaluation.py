"""How well ``propose_rows`` reads articles (``add-source-eval``).

Three measures: against hand labels (a folder with LABELS.json: recall and
precision, :func:`label_eval`); on every report an editor has read, split into a
fixed development half and test half (:func:`split_eval`: LABELS.json where a
report has labels, else the rows of events.csv taken from it); or, for a folder
without labels, how many rows of events.csv it finds again from their source
texts (:func:`rediscovery`).

The split is fixed by report number (:func:`half`): odd numbers are the
development half, even numbers the test half. Rules are tuned on the
development half only; the test half says whether they generalise."""

from __future__ import annotations

import json
import re
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from dashboard.core import data
from dashboard.core.control import actor_lineage, compatible
from dashboard.core.names import AliasIndex, normalise
from dashboard.ingest.extraction import BACKGROUND_DAYS, propose_rows


def read_sources_table(path) -> list[dict]:
    """Rows of the markdown table in SOURCES.md: file, publisher, url, published."""
    header, out = None, []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.lstrip().startswith("|") or re.fullmatch(r"[\s|:-]+", line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
            continue
        row = dict(zip(header, cells))
        link = re.search(r"https?://\S+", row.get("link to use", row.get("link", "")))
        pub = re.search(r"\d{4}-\d{2}-\d{2}", row.get("published", ""))
        if row.get("file") and link and pub:
            out.append({"file": row["file"], "publisher": re.sub(r"\s*\(.*$", "", row.get("publisher", "")).strip(),
                        "url": link.group().rstrip(").,"), "published": pub.group()})
    return out


def _windows(rows) -> list[tuple[int, int]]:
    df = pd.DataFrame(rows, columns=["date", "date_end", "date_precision"]).fillna("").astype(str)
    start, end, bad = data.period_bounds(df["date"], df["date_end"], df["date_precision"])
    return [(None, None) if b else (int(s), int(e)) for s, e, b in zip(start, end, bad)]


def _tables(events_path, places_path):
    """The places, actors and events rows (paths resolved as the CLI does) and the actors' lineage."""
    events_path, places_path, actors_path = data.resolve_paths(events_path, places_path)
    _, places_rows = data.read_rows(places_path)
    _, actors_rows = data.read_rows(actors_path)
    _, events = data.read_rows(events_path)
    lineage = actor_lineage(pd.DataFrame(actors_rows, columns=["name", "parent"]).fillna("")
                            .apply(lambda col: col.str.strip()))
    return places_rows, actors_rows, events, lineage


def rediscovery(seeds_dir, events_path, places_path=None) -> dict:
    """Share of the data's rows that propose_rows finds again from the seed texts.

    A row is rediscovered when a proposal from the same article (matched by link)
    names the same place, a compatible actor (the same, or one is the other's
    ancestor, e.g. Rebels and HTS) and a date window within a day of the row's."""
    seeds_dir = Path(seeds_dir)
    places_rows, actors_rows, events, lineage = _tables(events_path, places_path)

    def line(a):
        return lineage.get(a, (a,))

    def same(p, r, pw, rw):
        return (p["place"] == r["place"] and (p["actor"] in line(r["actor"]) or r["actor"] in line(p["actor"]))
                and None not in pw + rw and pw[0] <= rw[1] + 1 and pw[1] >= rw[0] - 1)

    articles, totals = [], {"rows": 0, "rediscovered": 0, "proposals": 0, "not_in_data": 0}
    for src in read_sources_table(seeds_dir / "SOURCES.md"):
        text = (seeds_dir / src["file"]).read_text(encoding="utf-8")
        props, _ = propose_rows(text, url=src["url"], publisher=src["publisher"], published=src["published"],
                                places_rows=places_rows, actors_rows=actors_rows, keep_background=True)
        rows = [r for r in events if r.get("source_url", "").strip() == src["url"]]
        pw, rw = _windows(props), _windows(rows)
        found = sum(any(same(p, r, pw[j], rw[i]) for j, p in enumerate(props)) for i, r in enumerate(rows))
        extra = sum(not any(same(p, r, pw[j], rw[i]) for i, r in enumerate(rows)) for j, p in enumerate(props))
        art = {"file": src["file"], "publisher": src["publisher"], "rows": len(rows), "rediscovered": found,
               "proposals": len(props), "not_in_data": extra}
        articles.append(art)
        for k in totals:
            totals[k] += art[k]
    totals["share"] = totals["rediscovered"] / totals["rows"] if totals["rows"] else 0.0
    return dict(totals, articles=articles)


# ---------------------------------------------------------------- labelled reports (LABELS.json)

_GENERIC_PLACE_WORDS = re.compile(r"\s+(?:province|countryside|region|area|city|outskirts|district|outpost|summit|peak)$")


def _norm_name(s: str) -> str:
    """A label's place name compared by its words (a generic last word is then cut: "Daraa province")."""
    return normalise(s, spaces=True)


class PlaceNames:
    """Label place names read through the places table: the name or an alias, then
    the name before a parenthesis ("Hama (outskirts)" -> Hama), then each part of
    "A and B", then without a generic last word ("Daraa province" -> Daraa). A name
    the table does not know stays itself, compared by its normalised spelling."""

    def __init__(self, places_rows):
        self.lookup = AliasIndex(places_rows, key=_norm_name)

    def resolve(self, name: str) -> set[str]:
        head = re.sub(r"\s*\(.*$", "", str(name)).strip()
        tries = [name, head, *re.split(r"\s+and\s+|\s*,\s*", head)]
        out = set()
        for t in tries:
            k = _norm_name(t)
            if k in self.lookup:
                out.add(self.lookup[k])
            elif (k2 := _GENERIC_PLACE_WORDS.sub("", k)) in self.lookup:
                out.add(self.lookup[k2])
        return out or {_norm_name(head)}


def _label_window(c) -> tuple[int, int] | None:
    w = _windows([{"date": c.get("date", ""), "date_end": c.get("date_end", "") or "",
                   "date_precision": c.get("date_precision", "day") or "day"}])[0]
    return None if None in w else w


def claim_matches(prop, label, *, names: PlaceNames, lineage, pw, lw) -> bool:
    """A proposal matches a label when the place (through the places table), the
    actor (the same, or one is the other's ancestor), the date (windows within a
    day of each other) and the denial flag agree."""
    if not (names.resolve(prop["place"]) & names.resolve(label["place"])):
        return False
    if not compatible(prop["actor"], label["actor"], lineage):
        return False
    if pw is None or lw is None or not (pw[0] <= lw[1] + 1 and pw[1] >= lw[0] - 1):
        return False
    return is_denial(prop) == bool(label.get("denial"))


def is_denial(row) -> bool:
    return str(row.get("event", "")).startswith("den")


def score(props, labels, *, names: PlaceNames, lineage) -> dict:
    """Labels found by some proposal (recall) and proposals that match some label (precision)."""
    pws = _windows(props) if props else []
    lws = [_label_window(c) for c in labels]
    hit = [[claim_matches(p, c, names=names, lineage=lineage, pw=pws[j], lw=lws[i]) for j, p in enumerate(props)]
           for i, c in enumerate(labels)]
    found = sum(any(r) for r in hit)
    correct = sum(any(hit[i][j] for i in range(len(labels))) for j in range(len(props)))
    return {"labels": len(labels), "found": found, "proposals": len(props), "correct": correct,
            "missed": [c for i, c in enumerate(labels) if not any(hit[i])],
            "wrong": [p for j, p in enumerate(props) if not any(hit[i][j] for i in range(len(labels)))]}


def label_eval(reports_dir, places_path=None) -> dict:
    """Recall and precision of propose_rows on the reports of a folder with
    LABELS.json and SOURCES.md, overall and per report, with seconds per article."""
    reports_dir = Path(reports_dir)
    _, places_path, actors_path = data.resolve_paths(None, places_path)
    _, places_rows = data.read_rows(places_path)
    _, actors_rows = data.read_rows(actors_path)
    lineage = actor_lineage(pd.DataFrame(actors_rows, columns=["name", "parent"]).fillna("")
                            .apply(lambda col: col.str.strip()))
    names = PlaceNames(places_rows)
    sources = {s["file"]: s for s in read_sources_table(reports_dir / "SOURCES.md")}
    labels = json.loads((reports_dir / "LABELS.json").read_text(encoding="utf-8"))
    articles, seconds = [], 0.0
    for rep in labels["reports"]:
        src = sources.get(rep["file"], {})
        text = (reports_dir / rep["file"]).read_text(encoding="utf-8")
        t0 = time.perf_counter()
        props, _ = propose_rows(text, url=src.get("url", "https://example.org/" + rep["file"]),
                                publisher=src.get("publisher", ""), published=rep["published"],
                                places_rows=places_rows, actors_rows=actors_rows)
        seconds += time.perf_counter() - t0
        articles.append(dict(score(props, rep["claims"], names=names, lineage=lineage), file=rep["file"]))
    tot = {k: sum(a[k] for a in articles) for k in ("labels", "found", "proposals", "correct")}
    tot["recall"] = tot["found"] / tot["labels"] if tot["labels"] else 0.0
    tot["precision"] = tot["correct"] / tot["proposals"] if tot["proposals"] else 0.0
    tot["seconds_per_article"] = seconds / len(articles) if articles else 0.0
    return dict(tot, articles=articles)


# ---------------------------------------------------------------- development and test halves

HALVES = ("dev", "test")


def half(file: str) -> str | None:
    """The half a report belongs to, fixed by its number: odd "dev", even "test" (None: no number)."""
    m = re.match(r"(\d+)", Path(str(file)).name)
    if not m:
        return None
    return "dev" if int(m.group(1)) % 2 else "test"


def _rows_as_labels(rows) -> list[dict]:
    return [{"place": r.get("place", ""), "actor": r.get("actor", ""), "date": r.get("date", ""),
             "date_end": r.get("date_end", "") or "", "date_precision": r.get("date_precision", "") or "day",
             "denial": is_denial(r), "quote": r.get("quote", "")} for r in rows]


def labelled_reports(reports_dir, events) -> list[tuple[dict, str, list[dict], str]]:
    """Every report of the folder an editor has read, as ``(source row, half, labels, where the labels
    came from)``: its LABELS.json claims when it has them, else the rows of ``events`` whose link is the
    report's (what an editor accepted from it), history left out; a report with neither is left out."""
    reports_dir = Path(reports_dir)
    labelled = {}
    if (reports_dir / "LABELS.json").is_file():
        for rep in json.loads((reports_dir / "LABELS.json").read_text(encoding="utf-8"))["reports"]:
            labelled[rep["file"]] = rep["claims"]
    by_url: dict = {}
    for r in events:
        by_url.setdefault(str(r.get("source_url", "")).strip(), []).append(r)
    out = []
    for src in read_sources_table(reports_dir / "SOURCES.md"):
        which = half(src["file"])
        if which is None or not (reports_dir / src["file"]).is_file():
            continue
        labels = labelled.get(src["file"])
        origin = "LABELS.json"
        if labels is None:
            labels, origin = _rows_as_labels(by_url.get(src["url"], [])), "events.csv"
            # history (a window ending more than BACKGROUND_DAYS before publication) is left out, as the
            # assistant leaves it out unless asked and as LABELS.json holds none
            cut = _label_window({"date": (date.fromisoformat(src["published"]) - timedelta(days=BACKGROUND_DAYS)).isoformat()})[0]
            windows = [_label_window(c) for c in labels]
            labels = [c for c, w in zip(labels, windows) if w is None or w[1] >= cut]
        out.append((src, which, labels, origin))
    return out


def split_labels(reports_dir, events_path=None) -> dict[str, list[dict]]:
    """The labels :func:`split_eval` scores, by half."""
    _, _, events, _ = _tables(events_path, None)
    out: dict = {h: [] for h in HALVES}
    for _, which, labels, _ in labelled_reports(reports_dir, events):
        out[which].extend(labels)
    return out


def split_eval(reports_dir, events_path=None, places_path=None) -> dict:
    """Recall and precision on the development and test halves of every report an editor has read
    (:func:`labelled_reports`). Returns ``{"dev": totals, "test": totals, "articles": [...]}`` where
    totals are as :func:`label_eval`'s."""
    reports_dir = Path(reports_dir)
    places_rows, actors_rows, events, lineage = _tables(events_path, places_path)
    names = PlaceNames(places_rows)
    articles = []
    for src, which, labels, origin in labelled_reports(reports_dir, events):
        path = reports_dir / src["file"]
        text = path.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        props, _ = propose_rows(text, url=src["url"], publisher=src["publisher"], published=src["published"],
                                places_rows=places_rows, actors_rows=actors_rows)
        took = time.perf_counter() - t0
        articles.append(dict(score(props, labels, names=names, lineage=lineage), file=src["file"], half=which,
                             labels_from=origin, seconds=took))
    out: dict = {"articles": articles}
    for h in HALVES:
        arts = [a for a in articles if a["half"] == h]
        tot = {k: sum(a[k] for a in arts) for k in ("labels", "found", "proposals", "correct")}
        tot["reports"] = len(arts)
        tot["recall"] = tot["found"] / tot["labels"] if tot["labels"] else 0.0
        tot["precision"] = tot["correct"] / tot["proposals"] if tot["proposals"] else 0.0
        tot["seconds_per_article"] = sum(a["seconds"] for a in arts) / len(arts) if arts else 0.0
        out[h] = tot
    return out
