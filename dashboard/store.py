"""A disk cache of validated data sets, so that a cold start does not parse
and validate hundreds of thousands of rows again when the files have not
changed since the last start.

The key is each file's absolute path, size, modification time and inode,
plus the code version: edit a file (or upgrade) and the cache is bypassed.
An entry is a folder: the three tables as Arrow (Feather) files, the
timeline's arrays as one ``.npz``, written into a temporary folder and
renamed into place, so a reader never sees half an entry. A cache that cannot
be read or written is ignored, never an error. ``DASHBOARD_CACHE_DIR`` moves
it; ``DASHBOARD_CACHE=0`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import __version__, control
from dashboard.data import Dataset, load_dataset, resolve_paths

FORMAT = 5  # bump when Dataset or the timeline change shape
KEEP = 8
_TABLES = ("events", "places", "actors")


def cache_dir() -> Path:
    env = os.environ.get("DASHBOARD_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nw-syria-control-map"


def signature(paths) -> str:
    h = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    for p in paths:
        st = Path(p).stat()
        h.update(f"|{Path(p).resolve()}:{st.st_size}:{st.st_mtime_ns}:{st.st_ino}".encode())
    return h.hexdigest()[:32]


def load(events=None, places=None, actors=None, use_cache: bool | None = None,
         write_after: float = 0.0) -> Dataset:
    """Validated data set with its timeline built; raises DataError like
    data.load_dataset on bad files (bad files are never cached). A new cache
    entry is written in the background, ``write_after`` seconds later (the
    app waits until its first page is out)."""
    paths = resolve_paths(events, places, actors)
    if use_cache is None:
        use_cache = os.environ.get("DASHBOARD_CACHE", "1") != "0"
    entry = None
    if use_cache:
        try:
            entry = cache_dir() / signature(paths)
            ds = _read(entry)
            if ds is not None:
                return ds
        except (OSError, ValueError, KeyError):
            shutil.rmtree(entry, ignore_errors=True)  # unreadable: rebuilt below
    ds = load_dataset(*paths)
    control.build_timeline(ds)
    if entry is not None:
        writer = threading.Timer(write_after, _write, args=(entry, ds))
        writer.name = "dataset-cache-writer"
        writer.daemon = False  # Streamlit's script thread is a daemon; this must still finish at exit
        _writers.append(writer)
        writer.start()
    return ds


_writers: list[threading.Thread] = []


def flush() -> None:
    """Wait for cache entries still being written."""
    while _writers:
        _writers.pop().join()


def _read(entry: Path) -> Dataset | None:
    if not (entry / "meta.json").is_file():
        return None
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        return None
    tables = {name: pd.read_feather(entry / f"{name}.feather") for name in _TABLES}
    with np.load(entry / "timeline.npz", allow_pickle=True) as z:  # our own file (object arrays of names)
        seg = {k[4:]: z[k] for k in z.files if k.startswith("seg_")}
        timeline = control.Timeline(seg, z["keys"], z["order"], z["change_days"])
    ds = Dataset(events=tables["events"], places=tables["places"], actors=tables["actors"],
                 paths={k: Path(v) for k, v in meta["paths"].items()})
    ds._cache["timeline"] = timeline
    return ds


def _write(entry: Path, ds: Dataset) -> None:
    parent = entry.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        for stale in parent.glob(".tmp-*"):  # left by a process killed mid-write
            if time.time() - stale.stat().st_mtime > 3600:
                shutil.rmtree(stale, ignore_errors=True)
        if entry.exists():
            return
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=".tmp-"))
        try:
            for name in _TABLES:
                table = getattr(ds, name)
                table.to_feather(tmp / f"{name}.feather", chunksize=max(1, len(table)))  # one chunk
            tl = control.build_timeline(ds)
            np.savez(tmp / "timeline.npz", keys=tl.keys, order=tl.order, change_days=tl.change_days,
                     **{f"seg_{k}": v for k, v in tl.seg.items()})
            meta = {"format": FORMAT, "paths": {k: str(v) for k, v in ds.paths.items()}}
            (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
            os.replace(tmp, entry)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        old = sorted((p for p in parent.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
        for p in old[KEEP:]:
            shutil.rmtree(p, ignore_errors=True)
    except (OSError, ValueError, RuntimeError):
        pass
