"""A disk cache of validated data sets, so that a cold start does not parse
and validate hundreds of thousands of rows again when the files have not
changed since the last start.

The key is each file's absolute path, size, modification time and inode,
plus the code version: edit a file (or upgrade) and the cache is bypassed.
Entries are written atomically; a cache that cannot be read or written is
ignored, never an error. ``DASHBOARD_CACHE_DIR`` moves it; ``DASHBOARD_CACHE=0``
turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import threading
import time
from pathlib import Path

from dashboard import __version__, control
from dashboard.data import Dataset, load_dataset, resolve_paths

FORMAT = 3  # bump when Dataset or the timeline change shape
KEEP = 8


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
            entry = cache_dir() / f"{signature(paths)}.pickle"
            with open(entry, "rb") as fh:
                ds = pickle.load(fh)
            if isinstance(ds, Dataset):
                return ds
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError):
            pass
    ds = load_dataset(*paths)
    control.build_timeline(ds)
    if entry is not None:
        # written beside the caller's work rather than before it: the first
        # page does not wait for it (a non-daemon thread, so a CLI run still
        # finishes the file before the interpreter exits)
        writer = threading.Timer(write_after, _write, args=(entry, ds))
        writer.name = "dataset-cache-writer"
        writer.daemon = False  # Streamlit's script thread is a daemon; this must still finish at exit
        _writers.append(writer)
        writer.start()
    return ds


_writers: list[threading.Thread] = []


def flush() -> None:
    """Wait for cache files still being written."""
    while _writers:
        _writers.pop().join()


def _write(entry: Path, ds: Dataset) -> None:
    try:
        for stale in entry.parent.glob(".tmp-*.pickle"):  # left by a process killed mid-write
            if time.time() - stale.stat().st_mtime > 3600:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(ds, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        old = sorted(entry.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for p in old[KEEP:]:
            p.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, RuntimeError):
        pass
