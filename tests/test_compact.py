"""Compact claims (categoricals, int32), the memory-mapped cache and the
loading progress: the same data and the same states, in less memory."""

import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from dashboard.core import control, data, store
from dashboard.bench import synth
from tests.test_store_safety import assert_same, cache, entries, fresh, store_warnings  # noqa: F401 (cache: a fixture)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    synth.synthesize(300, 6000, out, seed=3)
    return out / "events.csv", out / "places.csv", out / "actors.csv"


def test_claims_are_stored_in_compact_types(synthetic):
    ds = data.load_dataset(*synthetic)
    ev = ds.events
    for col in data.CATEGORICAL:
        assert isinstance(ev[col].dtype, pd.CategoricalDtype), col
        cats = list(ev[col].cat.categories)
        assert cats == sorted(cats), col  # sorting the column sorts the text
    for col in data.INT32:
        assert ev[col].dtype == np.int32, col
    for col in ("id", "source_url", "quote"):
        assert isinstance(ev[col].dtype, pd.StringDtype), col
    # each distinct value is held once: far fewer categories than claims
    assert len(ev["place"].cat.categories) == 300 and len(ev) == 6000
    assert ev.memory_usage(deep=True).sum() < 0.6 * _as_text(ev).memory_usage(deep=True).sum()
    tl = ds.timeline
    for name in ("place_code", "since_row", "rep_row", "lo", "hi"):
        assert tl.seg[name].dtype == np.int32, name
    assert tl.keys.dtype == np.int64 and tl.order.dtype == np.int32


def _as_text(ev: pd.DataFrame) -> pd.DataFrame:
    out = ev.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(str)
        elif out[col].dtype == np.int32:
            out[col] = out[col].astype("int64")
    return out


def test_compact_columns_behave_as_text(synthetic):
    ev = data.load_dataset(*synthetic).events
    text = _as_text(ev)
    # columns of one kind compare with each other
    np.testing.assert_array_equal((ev["previous_actor"] != ev["actor"]).to_numpy(),
                                  (text["previous_actor"] != text["actor"]).to_numpy())
    assert ((ev["date_end"] != "") == (ev["date_precision"] == "range")).all()
    # sorting by a compact column sorts the text
    assert ev.sort_values(["published", "id"])["id"].tolist() == text.sort_values(["published", "id"])["id"].tolist()
    assert ev["place"].value_counts().sort_index().tolist() == text["place"].value_counts().sort_index().tolist()
    assert {type(v) for v in ev["actor"].tolist()} == {str}


def test_the_state_is_the_same_as_on_text_columns(synthetic):
    """state_at on the compact claims equals state_at on the same claims as plain text."""
    ds = data.load_dataset(*synthetic)
    plain = data.build_dataset(_as_text(ds.events), ds.places, ds.actors, ds.paths)
    assert not isinstance(plain.events["place"].dtype, pd.CategoricalDtype)
    names = list(ds.actors["name"])
    first, last = control.to_day(ds.first_day), control.to_day(ds.last_day)
    for day in np.linspace(first - 30, last + 3, 9).astype(int).tolist():
        date = pd.Timestamp(np.datetime64(day, "D"))
        for kw in ({"include_unreported": True}, {"quotes": False}, {"actors": names[:2]}):
            pd.testing.assert_frame_equal(control.state_at(ds, date, **kw), control.state_at(plain, date, **kw))


def test_the_cache_round_trip_is_exact_and_mapped(cache, synthetic):
    first = store.load(*synthetic)  # parsed, written, then read back from the entry
    (entry,) = entries(cache)
    assert {p.name for p in entry.iterdir()} == {"events.feather", "places.feather", "actors.feather",
                                                  "timeline.npz", "meta.json"}
    with pa.memory_map(str(entry / "events.feather")) as src:  # uncompressed, one piece: read without a copy
        reader = pa.ipc.open_file(src)
        assert reader.num_record_batches == 1
        allocated = pa.total_allocated_bytes()
        table = reader.read_all()
        assert table.num_rows == 6000 and pa.total_allocated_bytes() - allocated < 4096
        del table
    again = store.load(*synthetic)
    quotes = pa.array(again.events["quote"])
    quotes = quotes.chunk(0) if isinstance(quotes, pa.ChunkedArray) else quotes
    # the text is not copied into memory: the quotes' bytes are those of the mapped file
    maps = Path("/proc/self/maps")
    if maps.exists():
        regions = [tuple(int(x, 16) for x in line.split()[0].split("-")) for line in maps.read_text().splitlines()
                   if line.endswith(str(entry / "events.feather"))]
        address = quotes.buffers()[2].address
        assert any(lo <= address < hi for lo, hi in regions), (hex(address), regions)
    for ds in (first, again):
        assert isinstance(ds.events["place"].dtype, pd.CategoricalDtype)
        assert ds.events["start_day"].dtype == np.int32
    assert_same(first, fresh(synthetic))
    assert_same(again, fresh(synthetic))
    day = control.to_day(again.last_day) - 40
    pd.testing.assert_frame_equal(control.state_at(again, day, include_unreported=True),
                                  control.state_at(fresh(synthetic), day, include_unreported=True))


def _corrupt_a_quote(path: Path) -> None:
    """Bad UTF-8 inside a quote in place of valid text, the file the same size:
    only a full validation of the column sees it."""
    raw = bytearray(path.read_bytes())
    at = raw.find(b"SYNTHETIC:")
    assert at > 0
    raw[at:at + 4] = b"\xff\xfe\xff\xfe"
    tmp = path.with_name("damaged")
    tmp.write_bytes(bytes(raw))
    tmp.replace(path)  # (a new file: a mapped one is never written over)


def test_bad_text_inside_a_mapped_table_is_rebuilt_with_one_log_line(cache, synthetic, caplog):
    store.load(*synthetic)
    (entry,) = entries(cache)
    _corrupt_a_quote(entry / "events.feather")
    caplog.set_level(logging.WARNING, logger="dashboard.core.store")
    ds = store.load(*synthetic)
    assert len(store_warnings(caplog)) == 1
    assert "events.feather" in store_warnings(caplog)[0].getMessage() or entry.name in store_warnings(caplog)[0].getMessage()
    assert_same(ds, fresh(synthetic))
    assert store._read(entry) is not None  # rewritten whole


def test_out_of_range_category_codes_are_rebuilt(cache, synthetic, caplog):
    store.load(*synthetic)
    (entry,) = entries(cache)
    path = entry / "events.feather"
    with pa.OSFile(str(path), "rb") as fh:  # read into memory (never write over a mapped file)
        table = pa.ipc.open_file(fh).read_all()
    i = table.schema.get_field_index("actor")
    col = table.column(i).combine_chunks()
    bad = pa.DictionaryArray.from_arrays(pa.array(np.full(len(col), 99, dtype=col.indices.type.to_pandas_dtype())),
                                         col.dictionary, safe=False)
    damaged = table.set_column(i, table.schema.field(i), bad)
    size = path.stat().st_size
    tmp = path.with_name("damaged")
    with pa.OSFile(str(tmp), "wb") as fh, pa.ipc.new_file(fh, damaged.schema) as w:
        w.write_table(damaged)
    tmp.replace(path)
    assert path.stat().st_size == size  # only the codes changed
    ds = store.load(*synthetic)
    assert len(store_warnings(caplog)) == 1
    assert_same(ds, fresh(synthetic))


def test_progress_is_reported_from_zero_to_one(cache, synthetic):
    seen = []
    store.load(*synthetic, progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0 and len(seen) >= 5
    assert fractions == sorted(fractions) and all(isinstance(m, str) and m for _, m in seen)
    assert any("cop" in m for _, m in seen)  # writing the copy for the next start is a step
    seen.clear()
    store.load(*synthetic, progress=lambda f, m: seen.append((f, m)))  # from the cache: one step
    assert seen == [(1.0, "Loaded from the cache.")]
    seen.clear()
    store.load(*synthetic, use_cache=False, progress=lambda f, m: seen.append((f, m)))
    assert seen[-1][0] == 1.0 and not any("cop" in m for _, m in seen)


def test_a_bad_file_stops_the_progress_with_the_problems(cache, tmp_path):
    from tests.dataset_helpers import ev, make_dataset

    paths = make_dataset(tmp_path / "bad", [ev(date="2024-13-40")])
    seen = []
    with pytest.raises(data.DataError):
        store.load(*paths, progress=lambda f, m: seen.append(f))
    assert seen and max(seen) < 1.0


def test_the_app_shows_progress_only_while_loading(cache, monkeypatch):
    """The app passes a progress callback that draws a bar outside the cached
    function: a first run draws it, a rerun (the data set in memory) neither
    replays it nor fails."""
    from streamlit.testing.v1 import AppTest

    calls = []
    real = store.load

    def spy(*a, progress=None, **k):
        calls.append(progress)
        return real(*a, progress=progress, **k)

    monkeypatch.setattr(store, "load", spy)
    at = AppTest.from_file(str(Path(store.__file__).parents[1] / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert len(calls) == 1 and callable(calls[0])
    at.run()  # served from st.cache_resource: nothing replayed
    assert not at.exception, [e.message for e in at.exception]
    assert len(calls) == 1 and len(at.get("progress")) == 0


def test_a_background_write_still_fills_the_cache(cache, synthetic, monkeypatch):
    ds = store.load(*synthetic, write_after=0.0)  # parsed and returned; the entry written by a thread
    store.flush()
    (entry,) = entries(cache)
    assert store._read(entry) is not None
    monkeypatch.setattr(store, "load_dataset", lambda *a, **k: pytest.fail("parsed again despite the cache"))
    assert_same(store.load(*synthetic), ds)


def test_an_unwritable_cache_returns_the_parsed_data(tmp_path, synthetic, monkeypatch, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(blocker / "cache"))
    ds = store.load(*synthetic)
    assert len(ds.events) == 6000 and isinstance(ds.events["place"].dtype, pd.CategoricalDtype)
