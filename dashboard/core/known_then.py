"""The data set as it was known on a day: only the claims from reports published by then.

The map "as known then" (the sidebar switch, ``known=then`` in a link, ``state --as-known-then``)
draws each day from the reports published on or before it, instead of from everything we know now.
A derived data set is built with :func:`dashboard.core.data.build_dataset` (its own timeline) and the
last few are kept per data set, going with it.
"""

from __future__ import annotations

import threading
import weakref

from dashboard.core.data import Dataset, build_dataset
from dashboard.core.dates import to_day

KNOWN_THEN_MAX_CLAIMS = 200_000  # above this, "as known then" is not offered (a timeline per day would cost seconds)
KNOWN_THEN_KEEP = 8  # derived data sets kept per data set
_known_then_cache: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # data set -> {mask: data set}
_known_then_lock = threading.Lock()
NOTHING_KNOWN = "nothing published yet"


def known_then(ds: Dataset, date):
    """The data set as the reports published on or before ``date`` describe
    it (the map "as known then"): ``ds`` itself when every report was out
    by then, the string NOTHING_KNOWN when none was, or None when the data
    set has more than KNOWN_THEN_MAX_CLAIMS claims. Built from the claims
    with a publication date that ends on or before the day (a report dated
    only by its month counts from the month's last day); the last few are
    kept per data set (and go with it)."""
    if len(ds.events) > KNOWN_THEN_MAX_CLAIMS:
        return None
    day = to_day(date)
    published = ds.events["published_day"].to_numpy() if "published_day" in ds.events.columns else ds.events["end_day"].to_numpy()
    keep = published <= day
    if keep.all():
        return ds
    if not keep.any():
        return NOTHING_KNOWN
    key = keep.tobytes()  # the same reports known: the same data set
    with _known_then_lock:
        kept = _known_then_cache.setdefault(ds, {})
        hit = kept.get(key)
    if hit is not None:
        return hit
    events = ds.events.loc[keep].reset_index(drop=True)
    out = build_dataset(events, ds.places, ds.actors, ds.paths, parties=ds.parties)
    with _known_then_lock:
        kept = _known_then_cache.setdefault(ds, {})
        while len(kept) >= KNOWN_THEN_KEEP:
            kept.pop(next(iter(kept)))
        kept[key] = out
    return out
