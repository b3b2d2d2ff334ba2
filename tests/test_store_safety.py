"""The disk cache (dashboard/core/store.py) against damage and planted files: it
never unpickles, a damaged entry is rebuilt with one log line, the key
follows the code, writes are synced and renamed, and the size is capped."""

import json
import logging
import os
import pickle
import random
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.core import control, store
from tests.dataset_helpers import ev, make_dataset

EVENTS = [
    ev(id="a"),
    ev(id="b", date="2024-11-30", actor="HTS", previous_actor="Syrian government"),
    ev(id="c", date="2024-12-01", actor="SNA", place="Bravo", source_name="Report B"),
    ev(id="d", date="2024-12-01", actor="HTS", place="Bravo"),
    ev(id="e", date="2024-12", date_precision="month", place="Charlie", actor="Rebels"),
]
DAYS = ["2024-11-28", "2024-11-29", "2024-11-30", "2024-12-01", "2024-12-15", "2025-01-01"]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(d))
    monkeypatch.delenv("DASHBOARD_CACHE", raising=False)
    monkeypatch.delenv("DASHBOARD_CACHE_MAX_MB", raising=False)
    return d


@pytest.fixture
def paths(tmp_path):
    return make_dataset(tmp_path / "data", EVENTS)


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.iterdir() if not p.name.startswith(".")) if cache.exists() else []


def filled(cache, paths) -> Path:
    """Load once, wait for the entry to be written, return it."""
    store.load(*paths)
    store.flush()
    (entry,) = entries(cache)
    return entry


def assert_same(ds, fresh):
    for name in ("events", "places", "actors"):
        pd.testing.assert_frame_equal(getattr(ds, name), getattr(fresh, name))
    assert ds.paths == fresh.paths
    a, b = control.build_timeline(ds), control.build_timeline(fresh)
    for k in ("keys", "order", "change_days"):
        np.testing.assert_array_equal(getattr(a, k), getattr(b, k))
        assert getattr(a, k).dtype == getattr(b, k).dtype
    assert list(a.seg) == list(b.seg)
    for k in b.seg:
        assert a.seg[k].dtype == b.seg[k].dtype, k
        assert a.seg[k].tolist() == b.seg[k].tolist(), k
        assert [type(x) for x in a.seg[k][:3]] == [type(x) for x in b.seg[k][:3]], k
    for day in DAYS:
        pd.testing.assert_frame_equal(control.state_at(ds, day, include_unreported=True),
                                      control.state_at(fresh, day, include_unreported=True))


def fresh(paths):
    return store.load(*paths, use_cache=False)


def store_warnings(caplog):
    return [r for r in caplog.records if r.name == "dashboard.core.store" and r.levelno >= logging.WARNING]


# ------------------------------------------------------------- same data out


def test_a_cached_load_gives_exactly_the_parsed_data(cache, paths, monkeypatch):
    filled(cache, paths)
    monkeypatch.setattr(store, "load_dataset", lambda *a: pytest.fail("parsed again despite the cache"))
    ds = store.load(*paths)
    monkeypatch.undo()
    assert_same(ds, fresh(paths))


def test_the_timeline_has_text_columns_and_they_are_stored_without_pickle(cache, paths):
    entry = filled(cache, paths)
    tl = control.build_timeline(fresh(paths))
    assert any(a.dtype == object for a in tl.seg.values())  # else this file tests nothing
    with np.load(entry / "timeline.npz", allow_pickle=False) as z:
        for k in z.files:
            assert not z[k].dtype.hasobject, k


# --------------------------------------------------------------------- pickle


class _Plant:
    """Unpickling this creates ``marker``: the proof that the cache ran code."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _planted_npz(path: Path, marker: Path):
    """A timeline.npz shaped like ours whose text columns are object arrays
    that would run code when loaded with allow_pickle=True."""
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    for k in list(arrays):
        if k.startswith("values_"):
            arrays[k] = np.array([_Plant(marker)] * len(arrays[k]), dtype=object)
    arrays["seg_evil"] = np.array([_Plant(marker)], dtype=object)
    np.savez(path, **arrays)


@pytest.mark.parametrize("how", ["npz of object arrays", "npy of an object array", "bare pickle"])
def test_a_planted_pickle_is_never_run(cache, paths, tmp_path, caplog, how):
    entry = filled(cache, paths)
    marker = tmp_path / "pwned"
    target = entry / "timeline.npz"
    if how == "npz of object arrays":
        _planted_npz(target, marker)
    elif how == "npy of an object array":
        with open(target, "wb") as fh:
            np.save(fh, np.array([_Plant(marker)], dtype=object), allow_pickle=True)
    else:
        target.write_bytes(pickle.dumps(_Plant(marker)))
    # the plant is live: loaded as the old cache did (allow_pickle=True), it creates the marker
    probe = tmp_path / "probe"
    shutil.copy(target, probe)
    if how == "npz of object arrays":
        with np.load(probe, allow_pickle=True) as z:
            [z[k] for k in z.files]
    else:
        np.load(probe, allow_pickle=True)
    assert marker.exists()
    marker.unlink()
    meta = json.loads((entry / "meta.json").read_text())
    meta["sizes"]["timeline.npz"] = target.stat().st_size  # so that only the contents can give it away
    (entry / "meta.json").write_text(json.dumps(meta))

    ds = store.load(*paths)
    store.flush()
    assert not marker.exists()
    assert_same(ds, fresh(paths))
    assert len(store_warnings(caplog)) == 1
    assert store._read(entry) is not None and not marker.exists()  # rebuilt clean
    with np.load(entry / "timeline.npz", allow_pickle=False) as z:
        assert "seg_evil" not in z.files


def test_a_planted_pickle_in_a_table_file_is_never_run(cache, paths, tmp_path):
    entry = filled(cache, paths)
    marker = tmp_path / "pwned"
    for name in ("events.feather", "places.feather", "actors.feather"):
        (entry / name).write_bytes(pickle.dumps(_Plant(marker)))
    ds = store.load(*paths)
    store.flush()
    assert not marker.exists()
    assert_same(ds, fresh(paths))


def test_no_pickle_in_the_cache_code():
    src = Path(store.__file__).read_text(encoding="utf-8")
    assert not re.search(r"allow_pickle\s*=\s*True", src)
    assert not re.search(r"^\s*(import|from)\s+(c?pickle|dill|joblib)\b", src, re.M)
    assert "read_pickle" not in src and "to_pickle" not in src


# --------------------------------------------------------------------- damage


def _damage(path: Path, how: str):
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "garbage":
        path.write_bytes(b"this is not a cache file\n" * 40)
    elif how == "random bytes, same size":
        path.write_bytes(random.Random(7).randbytes(len(data)))
    elif how == "missing":
        path.unlink()
    else:
        raise AssertionError(how)


FILES = ["events.feather", "places.feather", "actors.feather", "timeline.npz", "meta.json"]
HOWS = ["truncated", "empty", "garbage", "random bytes, same size", "missing"]


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("name", FILES)
def test_a_damaged_file_is_rebuilt_with_one_log_line(cache, paths, caplog, monkeypatch, name, how):
    entry = filled(cache, paths)
    _damage(entry / name, how)
    if name != "meta.json" and how == "random bytes, same size":  # get past the size check: the contents must fail
        assert (entry / name).stat().st_size == json.loads((entry / "meta.json").read_text())["sizes"][name]
    caplog.set_level(logging.WARNING, logger="dashboard.core.store")
    ds = store.load(*paths)
    store.flush()
    assert_same(ds, fresh(paths))
    (record,) = store_warnings(caplog)
    assert "\n" not in record.getMessage() and entry.name in record.getMessage()
    assert store._read(entry) is not None  # rewritten whole
    caplog.clear()
    monkeypatch.setattr(store, "load_dataset", lambda *a: pytest.fail("parsed again after the rebuild"))
    store.load(*paths)
    assert not store_warnings(caplog)


def _rewrite_npz(entry: Path, change):
    path = entry / "timeline.npz"
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    change(arrays)
    np.savez(path, **arrays)
    meta = json.loads((entry / "meta.json").read_text())
    meta["sizes"]["timeline.npz"] = path.stat().st_size
    (entry / "meta.json").write_text(json.dumps(meta))


def _first(arrays, prefix):
    return next(k for k in sorted(arrays) if k.startswith(prefix))


NPZ_DAMAGE = {
    "a segment column too short": lambda a: a.__setitem__(_first(a, "seg_"), a[_first(a, "seg_")][:-1]),
    "a member missing": lambda a: a.pop(_first(a, "seg_")),
    "keys missing": lambda a: a.pop("keys"),
    "an extra member": lambda a: a.__setitem__("extra", np.zeros(3)),
    "keys 2-D": lambda a: a.__setitem__("keys", a["keys"].reshape(1, -1)),
    "keys as text": lambda a: a.__setitem__("keys", a["keys"].astype(str)),
    "codes out of range": lambda a: a.__setitem__(_first(a, "codes_"), a[_first(a, "codes_")] + 1000),
    "event rows out of range": lambda a: a.__setitem__("order", a["order"] + 1000),
    "text values as numbers": lambda a: a.__setitem__(_first(a, "values_"), np.arange(len(a[_first(a, "values_")]))),
}


@pytest.mark.parametrize("damage", list(NPZ_DAMAGE))
def test_a_timeline_of_the_wrong_shape_is_rebuilt(cache, paths, caplog, damage):
    entry = filled(cache, paths)
    _rewrite_npz(entry, NPZ_DAMAGE[damage])
    ds = store.load(*paths)
    store.flush()
    assert_same(ds, fresh(paths))
    assert len(store_warnings(caplog)) == 1
    assert store._read(entry) is not None


def test_a_table_of_the_wrong_shape_is_rebuilt(cache, paths, caplog):
    entry = filled(cache, paths)
    places = pd.read_feather(entry / "places.feather")
    places.iloc[:-1].to_feather(entry / "places.feather")
    meta = json.loads((entry / "meta.json").read_text())
    meta["sizes"]["places.feather"] = (entry / "places.feather").stat().st_size
    (entry / "meta.json").write_text(json.dumps(meta))
    ds = store.load(*paths)
    store.flush()
    assert_same(ds, fresh(paths))
    assert len(store_warnings(caplog)) == 1


@pytest.mark.parametrize("how", ["an empty folder", "a file", "meta.json of another format", "meta.json a list"])
def test_a_broken_entry_folder_is_rebuilt(cache, paths, caplog, how):
    entry = filled(cache, paths)
    if how == "an empty folder":
        shutil.rmtree(entry)
        entry.mkdir()
    elif how == "a file":
        shutil.rmtree(entry)
        entry.write_bytes(b"\x00" * 10)
    elif how == "meta.json of another format":
        meta = json.loads((entry / "meta.json").read_text())
        (entry / "meta.json").write_text(json.dumps(dict(meta, format=-1)))
    else:
        (entry / "meta.json").write_text("[1, 2]")
    ds = store.load(*paths)
    store.flush()
    assert_same(ds, fresh(paths))
    assert len(store_warnings(caplog)) == 1
    assert entry.is_dir() and store._read(entry) is not None


def test_any_exception_while_reading_is_not_an_error(cache, paths, monkeypatch, caplog):
    filled(cache, paths)
    monkeypatch.setattr(store, "_read", lambda *a: (_ for _ in ()).throw(MemoryError("boom")))
    assert len(store.load(*paths).events) == len(EVENTS)
    store.flush()


# ------------------------------------------------------------------- the key


def test_changing_the_code_invalidates_the_cache(cache, paths, monkeypatch):
    filled(cache, paths)
    calls = []
    real = store.load_dataset
    monkeypatch.setattr(store, "load_dataset", lambda *a: calls.append(1) or real(*a))
    store.load(*paths)
    assert calls == []  # same code: from the cache
    monkeypatch.setattr(store, "code_hash", lambda: "0" * 64)
    ds = store.load(*paths)
    store.flush()
    assert calls == [1]  # new code: parsed again, and a second entry written
    assert len(entries(cache)) == 2
    assert_same(ds, fresh(paths))


def test_the_code_hash_covers_the_modules_that_shape_the_data(tmp_path, monkeypatch):
    src = Path(store.__file__).resolve().parent
    copy = tmp_path / "pkg"
    copy.mkdir()
    for name in store._CODE_FILES:
        shutil.copy(src / name, copy / name)
    monkeypatch.setattr(store, "__file__", str(copy / "store.py"))
    store.code_hash.cache_clear()
    try:
        base = store.code_hash()
        assert store.code_hash() == base  # computed once
        seen = {base}
        for name in store._CODE_FILES:
            with open(copy / name, "a", encoding="utf-8") as fh:
                fh.write("\n# changed\n")
            store.code_hash.cache_clear()
            seen.add(store.code_hash())
        assert len(seen) == len(store._CODE_FILES) + 1
    finally:
        monkeypatch.undo()
        store.code_hash.cache_clear()
    assert store.code_hash() == base


def test_unreadable_source_means_no_cache_not_an_error(cache, paths, monkeypatch):
    def no_source():
        raise OSError("no source")

    monkeypatch.setattr(store, "code_hash", no_source)
    assert len(store.load(*paths).events) == len(EVENTS)
    store.flush()
    assert entries(cache) == []


# ------------------------------------------------------------------- writing


def test_files_are_synced_before_the_rename_and_the_folders_after(cache, paths, monkeypatch):
    log = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: log.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")
                                                                    if os.path.exists("/proc/self/fd") else fd))
                        or real_fsync(fd))
    monkeypatch.setattr(os, "replace", lambda a, b: log.append(("replace", str(a), str(b))) or real_replace(a, b))
    entry = filled(cache, paths)
    monkeypatch.undo()
    (i,) = [n for n, e in enumerate(log) if e[0] == "replace"]
    tmp = log[i][1]
    assert log[i][2] == str(entry) and Path(tmp).parent == entry.parent and Path(tmp).name.startswith(".tmp-")
    if os.path.exists("/proc/self/fd"):
        synced_before = {Path(e[1]).name for e in log[:i] if e[0] == "fsync" and Path(e[1]).parent == Path(tmp)}
        assert synced_before == {"events.feather", "places.feather", "actors.feather", "timeline.npz", "meta.json"}
        assert ("fsync", tmp) in log[:i]  # the entry's folder
        if os.name == "posix":
            assert ("fsync", str(cache)) in log[i:]  # the cache folder, after the rename
    assert not [p for p in cache.iterdir() if p.name.startswith(".tmp-")]


def test_a_failed_write_leaves_nothing_behind(cache, paths, monkeypatch, caplog):
    monkeypatch.setattr(np, "savez", lambda *a, **k: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    ds = store.load(*paths)
    store.flush()
    assert len(ds.events) == len(EVENTS)
    assert not cache.exists() or list(cache.iterdir()) == []
    assert len(store_warnings(caplog)) == 1


# ------------------------------------------------------------------ the cap


def _three_datasets(tmp_path):
    return [make_dataset(tmp_path / f"d{i}", EVENTS[: i + 3]) for i in range(3)]


def test_the_size_cap_evicts_the_least_recently_used(cache, tmp_path, monkeypatch):
    a, b, c = _three_datasets(tmp_path)
    ea = filled(cache, a)
    size = sum(f.stat().st_size for f in ea.iterdir())
    monkeypatch.setenv("DASHBOARD_CACHE_MAX_MB", str(2.5 * size / 2**20))  # room for two entries
    store.load(*b)
    store.flush()
    assert len(entries(cache)) == 2
    store.load(*a)  # a is now the most recently used, b the least
    store.load(*c)
    store.flush()
    kept = {p.name for p in entries(cache)}
    assert kept == {store.signature(a), store.signature(c)}
    assert sum(f.stat().st_size for p in entries(cache) for f in p.iterdir()) <= 2.5 * size


def test_an_entry_over_the_cap_is_not_written(cache, paths, monkeypatch, caplog):
    monkeypatch.setenv("DASHBOARD_CACHE_MAX_MB", "0.001")  # about 1 KB
    ds = store.load(*paths)
    store.flush()
    assert len(ds.events) == len(EVENTS)
    assert entries(cache) == []
    assert not [p for p in cache.iterdir() if p.name.startswith(".tmp-")]


def test_the_cap_defaults_to_512_mb_and_a_bad_value_is_not_an_error(monkeypatch):
    monkeypatch.delenv("DASHBOARD_CACHE_MAX_MB", raising=False)
    assert store.max_bytes() == 512 * 2**20
    monkeypatch.setenv("DASHBOARD_CACHE_MAX_MB", "lots")
    assert store.max_bytes() == 512 * 2**20
    monkeypatch.setenv("DASHBOARD_CACHE_MAX_MB", "64")
    assert store.max_bytes() == 64 * 2**20


def test_eviction_leaves_other_files_in_the_folder_alone(cache, tmp_path, monkeypatch):
    cache.mkdir(parents=True)
    (cache / "notes.txt").write_text("mine")
    (cache / "mine").mkdir()
    monkeypatch.setattr(store, "KEEP", 1)
    for p in _three_datasets(tmp_path):
        store.load(*p)
        store.flush()
    assert (cache / "notes.txt").read_text() == "mine" and (cache / "mine").is_dir()
    assert len([p for p in entries(cache) if re.fullmatch(r"[0-9a-f]{32}", p.name)]) == 1
