"""The disk cache of validated data sets (dashboard/core/store.py)."""

import os

import pytest

from dashboard.core import control, store
from dashboard.core.data import DataError
from tests.dataset_helpers import ev, make_dataset


@pytest.fixture
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(d))
    monkeypatch.delenv("DASHBOARD_CACHE", raising=False)
    return d


def test_second_load_comes_from_the_cache_with_its_timeline(tmp_path, cache, monkeypatch):
    paths = make_dataset(tmp_path, [ev(id="a")])
    first = store.load(*paths)
    store.flush()
    assert len([p for p in cache.iterdir() if (p / "meta.json").is_file()]) == 1
    monkeypatch.setattr(store, "load_dataset", lambda *a: pytest.fail("parsed again despite the cache"))
    monkeypatch.setattr(control, "make_timeline", lambda *a: pytest.fail("timeline built again despite the cache"))
    again = store.load(*paths)
    assert again.timeline.previous_holders is not None  # the cached timeline, completed
    assert control.state_at(again, "2024-12-01").equals(control.state_at(first, "2024-12-01"))


def test_editing_a_file_bypasses_the_cache(tmp_path, cache):
    ev_path, pl_path, ac_path = make_dataset(tmp_path, [ev(id="a")])
    assert control.state_at(store.load(ev_path, pl_path, ac_path), "2024-12-01")["controller"].tolist() == ["Syrian government"]
    store.flush()
    make_dataset(tmp_path, [ev(id="a", actor="HTS")])
    st = os.stat(ev_path)
    os.utime(ev_path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert control.state_at(store.load(ev_path, pl_path, ac_path), "2024-12-01")["controller"].tolist() == ["HTS"]


def test_corrupt_cache_entry_is_ignored(tmp_path, cache):
    paths = make_dataset(tmp_path, [ev(id="a")])
    store.load(*paths)
    store.flush()
    entry = next(p for p in cache.iterdir() if p.is_dir())
    (entry / "events.feather").write_bytes(b"not arrow")
    ds = store.load(*paths)  # falls back to parsing the CSVs
    store.flush()
    assert len(ds.events) == 1 and ds.events["id"].tolist() == ["a"]
    assert (entry / "meta.json").is_file() and store._read(entry) is not None  # rewritten whole


def test_bad_data_is_reported_and_never_cached(tmp_path, cache):
    paths = make_dataset(tmp_path, [ev(id="a", date="2024-13-01")])
    with pytest.raises(DataError) as err:
        store.load(*paths)
    assert "events.csv:2:" in str(err.value)
    store.flush()
    assert not cache.exists() or not any(cache.iterdir())


def test_cache_can_be_turned_off(tmp_path, cache, monkeypatch):
    monkeypatch.setenv("DASHBOARD_CACHE", "0")
    paths = make_dataset(tmp_path, [ev(id="a")])
    store.load(*paths)
    store.flush()
    assert not cache.exists()


def test_unwritable_cache_dir_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(blocker / "sub"))
    paths = make_dataset(tmp_path, [ev(id="a")])
    assert len(store.load(*paths).events) == 1
    store.flush()
