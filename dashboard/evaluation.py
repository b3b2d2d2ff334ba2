"""How much of the data ``propose_rows`` finds again from the seed texts (``add-source-eval``)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from dashboard import data
from dashboard.control import actor_lineage
from dashboard.extraction import propose_rows


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


def rediscovery(seeds_dir, events_path, places_path=None) -> dict:
    """Share of the data's rows that propose_rows finds again from the seed texts.

    A row is rediscovered when a proposal from the same article (matched by link)
    names the same place, a compatible actor (the same, or one is the other's
    ancestor, e.g. Rebels and HTS) and a date window within a day of the row's."""
    seeds_dir = Path(seeds_dir)
    _, places_path, actors_path = data.resolve_paths(events_path, places_path)
    _, places_rows = data.read_rows(places_path)
    _, actors_rows = data.read_rows(actors_path)
    _, events = data.read_rows(events_path)
    lineage = actor_lineage(pd.DataFrame(actors_rows, columns=["name", "parent"]).fillna("")
                            .apply(lambda col: col.str.strip()))

    def line(a):
        return lineage.get(a, (a,))

    def same(p, r, pw, rw):
        return (p["place"] == r["place"] and (p["actor"] in line(r["actor"]) or r["actor"] in line(p["actor"]))
                and None not in pw + rw and pw[0] <= rw[1] + 1 and pw[1] >= rw[0] - 1)

    articles, totals = [], {"rows": 0, "rediscovered": 0, "proposals": 0, "not_in_data": 0}
    for src in read_sources_table(seeds_dir / "SOURCES.md"):
        text = (seeds_dir / src["file"]).read_text(encoding="utf-8")
        props, _ = propose_rows(text, url=src["url"], publisher=src["publisher"], published=src["published"],
                                places_rows=places_rows, actors_rows=actors_rows)
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
