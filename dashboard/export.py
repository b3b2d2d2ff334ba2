"""The current view as JSON records, CSV or GeoJSON (used by the CLI and the app)."""

from __future__ import annotations

import io
import json

import pandas as pd

RECORD_KEYS = ["place", "lat", "lon", "controller", "status", "since", "source_name", "source_url", "quote",
               "quote_type", "claimed_by", "claim_id", "date", "pending", "disagreement"]


def records(state: pd.DataFrame) -> list[dict]:
    out = []
    for row in state[RECORD_KEYS].itertuples(index=False):
        rec = dict(zip(RECORD_KEYS, row))
        rec["lat"], rec["lon"] = float(rec["lat"]), float(rec["lon"])
        rec["disagreement"] = bool(rec["disagreement"])
        out.append(rec)
    return out


def to_json(state: pd.DataFrame) -> str:
    return json.dumps(records(state), ensure_ascii=False, indent=1)


def to_csv(state: pd.DataFrame) -> str:
    buf = io.StringIO()
    state[RECORD_KEYS].to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def to_geojson(state: pd.DataFrame) -> str:
    feats = []
    for rec in records(state):
        feats.append({"type": "Feature",
                      "geometry": {"type": "Point", "coordinates": [rec["lon"], rec["lat"]]},
                      "properties": {k: v for k, v in rec.items() if k not in ("lat", "lon")} | {"lat": rec["lat"], "lon": rec["lon"]}})
    return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False)


FORMATS = {"json": to_json, "csv": to_csv, "geojson": to_geojson}
