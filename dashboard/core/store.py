"""A disk cache of validated data sets, so that a cold start does not parse
and validate hundreds of thousands of rows again when the files have not
changed since the last start.

The key is each file's absolute path, size, modification time and inode,
plus the code version: the package version, the versions of numpy, pandas
and pyarrow, and a hash of the source of the modules that shape the cached
data (:func:`code_hash`). Edit a data file or that code, or upgrade, and the
cache is bypassed.

An entry is a folder: the three tables as uncompressed Arrow IPC (Feather
v2) files, the timeline's arrays as one ``.npz`` of numbers and fixed-width
strings only (no pickle: the cache folder is never trusted to hold code), and
``meta.json`` with the shapes expected. The tables are memory-mapped, not
read: their text stays in the file (the system's page cache) and is paged in
as rows are used; each column is fully validated by Arrow (offsets, UTF-8,
dictionary codes) before use, and the pages that validation touched are
handed back at once, so a start from the cache does not hold the file in memory. Each file is written and fsynced in a temporary
folder beside the entry, which is then renamed into place, so a reader never
sees half an entry. An entry that cannot be read for any reason is deleted,
logged in one line (logger ``dashboard.core.store``) and rebuilt; a cache that
cannot be written is ignored. Never an error.

The cache keeps at most ``KEEP`` entries and ``DASHBOARD_CACHE_MAX_MB``
megabytes (default 512), evicting the least recently used beyond that.
``DASHBOARD_CACHE_DIR`` moves it; ``DASHBOARD_CACHE=0`` turns it off.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import mmap
import os
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard import __version__
from dashboard.core import control
from dashboard.core.data import Dataset, build_dataset, load_dataset, parties_path, resolve_paths
from dashboard.core.reading import use_system_allocator

log = logging.getLogger("dashboard.core.store")

FORMAT = 8  # bump when Dataset or the timeline change shape (the code hash catches most of it)
KEEP = 8  # entries
DEFAULT_MAX_MB = 512
_TABLES = ("events", "places", "actors")
_TIMELINE = "timeline.npz"
_FILES = tuple(f"{name}.feather" for name in _TABLES) + (_TIMELINE,)
# The modules whose source decides what an entry holds: a change to any of them is a new key.
_CODE_FILES = ("data.py", "dates.py", "reading.py", "validation.py", "control.py", "schema.py", "store.py", "attribution.py")
_NUMERIC_KINDS = "biuf"
_ENTRY_NAME = re.compile(r"[0-9a-f]{32}")  # signature()


class CacheDamaged(Exception):
    """An entry that is there but cannot be trusted."""


def cache_dir() -> Path:
    env = os.environ.get("DASHBOARD_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nw-syria-control-map"


def max_bytes() -> int:
    """The cache's size cap, from ``DASHBOARD_CACHE_MAX_MB`` (default 512)."""
    raw = os.environ.get("DASHBOARD_CACHE_MAX_MB", "")
    try:
        mb = float(raw) if raw.strip() else DEFAULT_MAX_MB
    except ValueError:
        log.warning("DASHBOARD_CACHE_MAX_MB=%r is not a number; using %d", raw, DEFAULT_MAX_MB)
        mb = DEFAULT_MAX_MB
    return max(0, int(mb * 1024 * 1024))


@functools.lru_cache(maxsize=None)
def code_hash() -> str:
    """sha256 of the source of the modules that shape the cached data, once
    per process. Raises OSError if a source cannot be read (then nothing is
    cached: a change to it could not be seen)."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in _CODE_FILES:
        h.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    return h.hexdigest()


def signature(paths) -> str:
    h = hashlib.sha256(f"{FORMAT}:{__version__}:{np.__version__}:{pd.__version__}:{pa.__version__}"
                       f":{code_hash()}".encode())
    paths = list(paths)
    extra = [parties_path(paths[1])] if len(paths) > 1 and parties_path(paths[1]).is_file() else []
    for p in paths + extra:  # (parties.csv decides whose word each claim is)
        st = Path(p).stat()
        h.update(f"|{Path(p).resolve()}:{st.st_size}:{st.st_mtime_ns}:{st.st_ino}".encode())
    return h.hexdigest()[:32]


def load(events=None, places=None, actors=None, use_cache: bool | None = None,
         write_after: float | None = None, progress=None) -> Dataset:
    """Validated data set with its timeline built; raises DataError like
    data.load_dataset on bad files (bad files are never cached).

    A new cache entry is written before returning, and the data set returned
    is then the one mapped from it (at a million claims the parsed tables
    take 400 MB more memory than the mapped ones); if it cannot be written or
    read back, the parsed one. With ``write_after`` (seconds) the entry is
    written in the background instead, that much later, and the parsed data
    set is returned. ``progress(fraction, message)``, if given, is told how
    far loading is (fraction from 0 to 1)."""
    report = progress or (lambda fraction, message: None)
    use_system_allocator()  # (for the cache's tables too, as load_dataset does)
    paths = resolve_paths(events, places, actors)
    if use_cache is None:
        use_cache = os.environ.get("DASHBOARD_CACHE", "1") != "0"
    entry = None
    if use_cache:
        try:
            entry = cache_dir() / signature(paths)
        except OSError as err:  # a data file missing (load_dataset reports it) or our source unreadable
            log.debug("dataset cache not used: %s", _one_line(err))
    if entry is not None:
        try:
            ds = _read(entry, paths)
            if ds is not None:
                report(1.0, "Loaded from the cache.")
                return ds
        except Exception as err:  # noqa: BLE001 - damaged in any way: rebuilt below, never an error
            log.warning("dataset cache entry %s is unreadable, rebuilding it: %s", entry, _one_line(err))
            _remove(entry)
    ds = load_dataset(*paths, progress=progress) if progress else load_dataset(*paths)  # (with its timeline)
    if entry is not None and write_after is None:
        report(0.92, "Saving a compact copy for the next start…")
        _write(entry, ds)
        try:
            mapped = _read(entry, paths) if os.path.isdir(entry) else None
        except Exception as err:  # noqa: BLE001 - keep the parsed data set
            log.warning("dataset cache entry %s is unreadable just after writing it: %s", entry, _one_line(err))
            _remove(entry)
            mapped = None
        report(1.0, "Loaded.")
        return ds if mapped is None else mapped
    report(1.0, "Loaded.")
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


# ------------------------------------------------------------------- reading


def _read(entry: Path, paths=None) -> Dataset | None:
    """The data set in ``entry``; None if there is no entry. Raises if the
    entry is there but damaged (any exception: the caller rebuilds it)."""
    try:
        raw = (entry / "meta.json").read_bytes()
    except FileNotFoundError:
        if os.path.lexists(entry):
            raise CacheDamaged("meta.json missing") from None
        return None
    except NotADirectoryError:
        raise CacheDamaged("not a folder") from None
    meta = json.loads(raw.decode("utf-8"))
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise CacheDamaged("meta.json is not ours")
    sizes, rows = meta["sizes"], meta["rows"]
    for name in _FILES:
        if os.stat(entry / name).st_size != sizes[name]:
            raise CacheDamaged(f"{name} has the wrong size")
    tables = {name: _read_table(entry / f"{name}.feather", meta["columns"][name], rows[name])
              for name in _TABLES}
    timeline = _read_timeline(entry / _TIMELINE, meta["timeline"], rows["events"])
    if paths is None:
        paths = [meta["paths"][name] for name in _TABLES]
    named = {name: Path(p) for name, p in zip(_TABLES, paths)}
    pp = parties_path(named["places"])
    parties = pd.read_csv(pp, dtype=str, keep_default_na=False, encoding="utf-8") if pp.is_file() else None  # (validated when cached)
    if parties is not None:
        named["parties"] = pp
    ds = build_dataset(tables["events"], tables["places"], tables["actors"], named, timeline=timeline, parties=parties)
    try:
        os.utime(entry)  # last used: eviction keeps the most recently used entries
    except OSError:
        pass
    return ds


def _read_table(path: Path, columns: list, n_rows: int) -> pd.DataFrame:
    """The table in ``path``, memory-mapped: its text is not copied into memory."""
    with open(path, "rb") as fh:
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)  # (an empty file: ValueError)
    reader = pa.ipc.open_file(pa.py_buffer(mapped))
    for fld in reader.schema:
        if isinstance(fld.type, pa.BaseExtensionType):  # the one kind of Arrow type that can hold a pickle
            raise CacheDamaged(f"{path.name}: extension type in column {fld.name!r}")
    if reader.schema.names != columns:
        raise CacheDamaged(f"{path.name}: columns {reader.schema.names}, expected {columns}")
    table = reader.read_all()
    if table.num_rows != n_rows:
        raise CacheDamaged(f"{path.name}: {table.num_rows} rows, expected {n_rows}")
    for col in table.columns:
        col.validate(full=True)  # offsets in bounds, UTF-8, dictionary codes in range: raises if not
        _hand_back(mapped)
    df = table.to_pandas(split_blocks=True)  # (text and codes stay in the mapped file)
    del table
    if list(df.columns) != columns or len(df) != n_rows:
        raise CacheDamaged(f"{path.name}: {len(df)} rows, columns {list(df.columns)}; expected {n_rows}, {columns}")
    return df


def _hand_back(mapped: mmap.mmap) -> None:
    """Let the pages of a read-only file mapping go (they are read again from
    the page cache when used): validating a column touches all of it."""
    if hasattr(mapped, "madvise") and hasattr(mmap, "MADV_DONTNEED") and len(mapped):
        try:
            mapped.madvise(mmap.MADV_DONTNEED)
        except OSError:
            pass


def _read_timeline(path: Path, spec: dict, n_events: int) -> control.Timeline:
    """The timeline's arrays; object arrays of text are stored as a table of
    distinct values (fixed-width unicode) and codes into it."""
    with np.load(path, allow_pickle=False) as z:
        if not isinstance(z, np.lib.npyio.NpzFile):
            raise CacheDamaged(f"{path.name} is not an npz archive")
        expected = {"keys", "order", "change_days"}
        for name, kind in spec["seg"]:
            expected |= {f"seg_{name}"} if kind == "num" else {f"codes_{name}", f"values_{name}"}
        if set(z.files) != expected:
            raise CacheDamaged(f"{path.name}: members {sorted(z.files)}, expected {sorted(expected)}")
        keys, order, change_days = (_numeric(z, k) for k in ("keys", "order", "change_days"))
        n = len(keys)
        seg = {}
        for name, kind in spec["seg"]:
            if kind == "num":
                seg[name] = _numeric(z, f"seg_{name}", n)
            else:
                codes, values = _numeric(z, f"codes_{name}", n), z[f"values_{name}"]
                if values.ndim != 1 or values.dtype.kind != "U":
                    raise CacheDamaged(f"{path.name}: values_{name} is {values.dtype} {values.shape}")
                if n and (codes.min() < 0 or codes.max() >= len(values)):
                    raise CacheDamaged(f"{path.name}: codes_{name} out of range")
                seg[name] = values.astype(object)[codes]
    if keys.dtype != np.int64 or change_days.dtype != np.int64 or order.dtype.kind not in "iu":
        raise CacheDamaged(f"{path.name}: keys {keys.dtype}, order {order.dtype}, change_days {change_days.dtype}")
    if len(order) and (order.min() < 0 or order.max() >= n_events):
        raise CacheDamaged(f"{path.name}: event rows out of range")
    if np.any(keys[1:] < keys[:-1]) or np.any(change_days[1:] < change_days[:-1]):
        raise CacheDamaged(f"{path.name}: keys not sorted")
    return control.Timeline(seg, keys, order, change_days)


def _numeric(z, name: str, n: int | None = None) -> np.ndarray:
    a = z[name]
    if a.ndim != 1 or a.dtype.kind not in _NUMERIC_KINDS or (n is not None and len(a) != n):
        raise CacheDamaged(f"{name} is {a.dtype} {a.shape}" + (f", expected {n} long" if n is not None else ""))
    return a


# ------------------------------------------------------------------- writing


class _Uncacheable(Exception):
    pass


def _timeline_arrays(tl: control.Timeline) -> tuple[dict, list]:
    """The npz members and the list of (segment column, kind) for meta.json."""
    arrays = {"keys": tl.keys, "order": tl.order, "change_days": tl.change_days}
    spec = []
    for name, a in tl.seg.items():
        a = np.asarray(a)
        if a.ndim != 1:
            raise _Uncacheable(f"segment column {name} is {a.ndim}-D")
        if a.dtype.kind in _NUMERIC_KINDS:
            arrays[f"seg_{name}"] = a
            spec.append((name, "num"))
            continue
        codes, uniques = pd.factorize(a, use_na_sentinel=False)
        uniques = list(uniques)
        if not all(type(v) is str for v in uniques):
            raise _Uncacheable(f"segment column {name} holds more than text")
        values = np.array(uniques, dtype=str) if uniques else np.array([], dtype="U1")
        if values.astype(object).tolist() != uniques:  # numpy drops trailing NULs
            raise _Uncacheable(f"segment column {name} has text numpy cannot hold")
        arrays[f"codes_{name}"] = codes.astype(np.int32 if len(values) < 2**31 else np.int64)
        arrays[f"values_{name}"] = values
        spec.append((name, "str"))
    for k, a in arrays.items():
        if a.dtype.hasobject:
            raise _Uncacheable(f"{k} is an object array")
    return arrays, spec


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write(entry: Path, ds: Dataset) -> None:
    parent = entry.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        for stale in parent.glob(".tmp-*"):  # left by a process killed mid-write
            if time.time() - stale.stat().st_mtime > 3600:
                _remove(stale)
        if os.path.lexists(entry):
            return
        cap = max_bytes()
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=".tmp-"))
        try:
            meta = {"format": FORMAT, "paths": {k: str(v) for k, v in ds.paths.items()},
                    "rows": {}, "columns": {}, "sizes": {}}
            for name in _TABLES:
                table = getattr(ds, name)
                # uncompressed, in one chunk: read back by mapping the file, without a copy
                table.to_feather(tmp / f"{name}.feather", compression="uncompressed", chunksize=max(1, len(table)))
                meta["rows"][name], meta["columns"][name] = len(table), [str(c) for c in table.columns]
            arrays, spec = _timeline_arrays(control.build_timeline(ds))
            meta["timeline"] = {"seg": spec}
            np.savez(tmp / _TIMELINE, **arrays)
            for name in _FILES:
                _fsync_file(tmp / name)
                meta["sizes"][name] = (tmp / name).stat().st_size
            total = sum(meta["sizes"].values())
            if total > cap:
                raise _Uncacheable(f"entry of {total / 2**20:.1f} MB is over DASHBOARD_CACHE_MAX_MB")
            with open(tmp / "meta.json", "w", encoding="utf-8") as fh:
                json.dump(meta, fh)
                fh.flush()
                os.fsync(fh.fileno())
            _fsync_dir(tmp)
            os.replace(tmp, entry)
            _fsync_dir(parent)
        except BaseException:
            _remove(tmp)
            raise
        _evict(parent, cap, keep=entry)
    except FileExistsError:
        pass  # another process wrote the same entry first
    except OSError as err:
        if not os.path.isdir(entry):  # ENOTEMPTY from os.replace: another process won the race
            log.warning("dataset cache not written to %s: %s", parent, _one_line(err))
    except Exception as err:  # noqa: BLE001 - never an error, in a background thread
        log.warning("dataset cache not written to %s: %s", parent, _one_line(err))


def _entry_size(path: Path) -> int:
    try:
        return sum(e.stat(follow_symlinks=False).st_size for e in os.scandir(path))
    except OSError:
        return 0


def _evict(parent: Path, cap: int, keep: Path | None = None) -> None:
    """Remove the least recently used entries beyond ``KEEP`` entries or
    ``cap`` bytes (never ``keep``, the entry just written)."""
    entries = []
    for p in parent.iterdir():
        if not _ENTRY_NAME.fullmatch(p.name):  # only our own entries, whatever else is in the folder
            continue
        try:
            entries.append((p.stat(follow_symlinks=False).st_mtime_ns, p))
        except OSError:
            continue
    entries.sort(key=lambda t: (t[1] != keep, -t[0]))
    total = 0
    for i, (_, p) in enumerate(entries):
        total += _entry_size(p) if p.is_dir() else 0
        if p != keep and (i >= KEEP or total > cap):
            _remove(p)


def _remove(path: Path) -> None:
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)
    except OSError:
        pass


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split())
    text = text if len(text) <= 300 else text[:297] + "..."
    return f"{type(err).__name__}: {text}" if text else type(err).__name__
