"""Tests for dashboard.core.files: the atomic writer (modes, temp files, interruption)
and the lock that makes concurrent ``accept`` runs queue."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from dashboard.ingest import accepting, extraction
from dashboard.core import data, files, schema
from dashboard.ingest import geocode

from dataset_helpers import ev, make_dataset, write_csv

REPO = Path(__file__).resolve().parent.parent
POSIX = os.name == "posix"
needs_posix = pytest.mark.skipif(not POSIX, reason="POSIX permission bits and fcntl")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def names(folder) -> list[str]:
    return sorted(p.name for p in Path(folder).iterdir())


@pytest.fixture
def umask():
    """Set the process umask for one test and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda m: os.umask(m)
    os.umask(old)


WRITERS = {
    "text": lambda p: files.write_text_atomic(p, "new,text\n"),
    "bytes": lambda p: files.write_bytes_atomic(p, b"new,bytes\n"),
    "csv": lambda p: files.write_csv_atomic(p, [{"a": "1", "b": None}], ["a", "b"]),
    "data.write_csv_atomic": lambda p: data.write_csv_atomic(p, [{"a": "1"}], ["a"]),
    "geocode.write_cache": lambda p: geocode.write_cache([{"query": "x", "normalized": "x"}], p),
}


# ------------------------------------------------------------------ modes


@needs_posix
@pytest.mark.parametrize("writer", WRITERS)
def test_existing_file_keeps_its_mode(tmp_path, writer):
    path = tmp_path / "events.csv"
    path.write_text("old\n", encoding="utf-8")
    for m in (0o640, 0o644, 0o600, 0o664):
        os.chmod(path, m)
        WRITERS[writer](path)
        assert mode(path) == m, f"{writer}: {oct(mode(path))} after a write to a {oct(m)} file"
    assert path.read_text(encoding="utf-8") != "old\n"
    assert names(tmp_path) == ["events.csv"]


@needs_posix
@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600), (0o002, 0o664)])
def test_new_file_mode_follows_the_umask(tmp_path, umask, mask, expected):
    umask(mask)
    for writer in ("text", "bytes", "csv"):
        path = tmp_path / f"new-{writer}.csv"
        WRITERS[writer](path)
        assert mode(path) == expected, f"{writer}: {oct(mode(path))} under umask {oct(mask)}"


@needs_posix
def test_read_only_file_stays_read_only(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("old\n", encoding="utf-8")
    os.chmod(path, 0o444)
    files.write_text_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n" and mode(path) == 0o444


@needs_posix
def test_symlink_is_followed_and_kept(tmp_path):
    real = tmp_path / "real" / "events.csv"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "events.csv"
    link.symlink_to(real)
    files.write_text_atomic(link, "new\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new\n" and mode(real) == 0o640
    assert names(real.parent) == ["events.csv"]


def test_writes_text_as_utf8_with_newlines_untouched(tmp_path):
    path = tmp_path / "map.html"
    files.write_text_atomic(path, "één\r\ntwee\n")
    assert path.read_bytes() == "één\r\ntwee\n".encode("utf-8")
    files.write_csv_atomic(path, [{"q": "a \"quote\",\nsecond line"}], ["q"])
    assert path.read_bytes() == b'q\n"a ""quote"",\nsecond line"\n'


# ------------------------------------------------------------------ durability and temp files


def test_file_and_folder_are_fsynced_before_and_after_the_rename(tmp_path, monkeypatch):
    path = tmp_path / "events.csv"
    path.write_text("old\n", encoding="utf-8")
    calls = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        calls.append(("fsync", stat.S_ISDIR(os.fstat(fd).st_mode)))
        return real_fsync(fd)

    def replace(src, dst):
        calls.append(("replace", Path(dst).name))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    files.write_text_atomic(path, "new\n")
    expected = [("fsync", False), ("replace", "events.csv")] + ([("fsync", True)] if POSIX else [])
    assert calls == expected


def test_no_temp_or_lock_file_left_after_writes(tmp_path):
    path = tmp_path / "events.csv"
    for i in range(3):
        files.write_text_atomic(path, f"v{i}\n")
        files.write_bytes_atomic(tmp_path / "b.bin", b"x" * i)
    assert names(tmp_path) == ["b.bin", "events.csv"]


@pytest.mark.parametrize("fail", ["replace", "fsync", "write"])
def test_interrupted_write_keeps_old_content_and_mode(tmp_path, monkeypatch, fail):
    path = tmp_path / "events.csv"
    path.write_bytes(b"id,place\n1,Alpha\n")
    if POSIX:
        os.chmod(path, 0o640)

    def boom(*a, **k):
        raise OSError(f"{fail} failed")

    if fail == "replace":
        monkeypatch.setattr(os, "replace", boom)
    elif fail == "fsync":
        monkeypatch.setattr(os, "fsync", boom)

    def rows():  # the write itself fails half-way through
        yield {"id": "2", "place": "Bravo"}
        if fail == "write":
            boom()

    with pytest.raises(OSError, match=f"{fail} failed"):
        files.write_csv_atomic(path, rows(), ["id", "place"])
    monkeypatch.undo()
    assert path.read_bytes() == b"id,place\n1,Alpha\n"
    if POSIX:
        assert mode(path) == 0o640
    assert names(tmp_path) == ["events.csv"]  # no temp file, no lock file


def test_keyboard_interrupt_mid_write_keeps_old_file(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        with files.atomic_writer(path) as fh:
            fh.write("half")
            raise KeyboardInterrupt
    assert path.read_text(encoding="utf-8") == "old\n" and names(tmp_path) == ["events.csv"]


KILLED_WRITER = textwrap.dedent("""
    import sys, time
    from dashboard.core import files
    with files.atomic_writer(sys.argv[1]) as fh:
        fh.write("new,half\\n" * 1000)
        fh.flush()
        print("writing", flush=True)
        time.sleep(60)
""")


@needs_posix
def test_kill_9_during_a_write_leaves_the_old_file_whole(tmp_path):
    path = tmp_path / "events.csv"
    old = "id,place\n" + "".join(f"{i},Alpha\n" for i in range(1000))
    path.write_text(old, encoding="utf-8")
    os.chmod(path, 0o640)
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(path)], cwd=REPO,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        assert any(n.endswith(".tmp") for n in names(tmp_path))  # killed with its temp file half written
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert path.read_text(encoding="utf-8") == old and mode(path) == 0o640
    # the kernel dropped the dead writer's lock: the next write goes through and sweeps its temp file
    files.write_text_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n" and mode(path) == 0o640
    assert names(tmp_path) == ["events.csv"]


def test_leftover_sweep_keeps_other_files(tmp_path):
    path = tmp_path / "events.csv"
    keep = [".events.csv.notes.tmp", ".events.csv.backup", "events.csv.abcdefgh.tmp", ".places.csv.abcdefgh.tmp"]
    for n in keep + [".events.csv.0123456789abcdef.tmp", ".events.csv.ab_cd1XYz.tmp"]:  # two leftovers
        (tmp_path / n).write_text("x", encoding="utf-8")
    files.write_text_atomic(path, "new\n")
    assert names(tmp_path) == sorted(keep + ["events.csv"])


# ------------------------------------------------------------------ the lock


@needs_posix
def test_lock_excludes_other_threads_and_is_reentrant(tmp_path):
    path = tmp_path / "events.csv"
    order = []
    inside = threading.Event()

    def other():
        with files.locked(path):
            order.append("other")

    with files.locked(path):
        with files.locked(path):  # re-entrant: no deadlock
            assert files.lock_path(path).exists()
        t = threading.Thread(target=other)
        t.start()
        t.join(0.3)
        assert t.is_alive(), "the other thread got the lock while it was held"
        files.write_text_atomic(path, "written under the lock\n")  # the writer re-enters, no deadlock
        order.append("main")
        inside.set()
    t.join(5)
    assert order == ["main", "other"]
    assert names(tmp_path) == ["events.csv"]  # the lock file goes with the last holder


@needs_posix
def test_lock_survives_many_contenders(tmp_path):
    """The lock file is removed on release; racing openers must still exclude each other."""
    path = tmp_path / "counter.txt"
    files.write_text_atomic(path, "0")
    errors = []

    def bump():
        try:
            for _ in range(25):
                with files.locked(path):
                    n = int(path.read_text(encoding="utf-8"))
                    files.write_text_atomic(path, str(n + 1))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=bump) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert path.read_text(encoding="utf-8") == "150"
    assert names(tmp_path) == ["counter.txt"]


# ------------------------------------------------------------------ concurrent accepts

# Each run holds the others up between reading the data and writing it: without
# the lock all three read the same old file and the last write wins (3 of 9 rows).
ACCEPT_RUN = textwrap.dedent("""
    import contextlib, os, sys, time
    from dashboard.core import data, files
    from dashboard.cli import main

    barrier, n, locking = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "lock"
    if not locking:  # as before the lock: no cycle lock, and so no sweeping of other runs' temp files
        files.locked_all = lambda paths: contextlib.nullcontext()
        files.remove_leftovers = lambda *a: None
    real_validate = data.validate_files

    def slow_validate(*a, **k):  # after accept has read the files, before it writes them
        open(os.path.join(barrier, str(os.getpid())), "w").close()
        end = time.monotonic() + 1.0
        while len(os.listdir(barrier)) < n and time.monotonic() < end:
            time.sleep(0.02)
        return real_validate(*a, **k)

    data.validate_files = slow_validate
    sys.exit(main(sys.argv[4:]))
""")


def review_rows(tag: str) -> list[dict]:
    return [ev(id=f"{tag}-{i}", date=f"2024-12-0{i + 1}", quote=f"The government holds Alpha ({tag} {i}).")
            for i in range(3)]


def run_accepts(tmp_path, locking: bool | None) -> list[str]:
    """Three accepts at once, 3 rows each; the events ids afterwards. ``locking``
    None: plain ``python -m dashboard accept`` runs; else the held-up runs above."""
    ev_path, pl_path, _ = make_dataset(tmp_path, [ev(id="seed")])
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    reviews = []
    for tag in ("a", "b", "c"):
        reviews.append(write_csv(tmp_path / f"review-{tag}.csv", review_rows(tag), extraction.REVIEW_COLUMNS))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASHBOARD_")}
    head = ["-m", "dashboard"] if locking is None else ["-c", ACCEPT_RUN, str(barrier), "3",
                                                         "lock" if locking else "none"]
    procs = [subprocess.Popen([sys.executable, *head, "accept", str(r), "--events", str(ev_path), "--places", str(pl_path)],
                              cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for r in reviews]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and "Traceback" not in err, err
    _, rows = data.read_rows(ev_path)
    assert not [n for n in names(ev_path.parent) if n.startswith(".")]
    return [r["id"] for r in rows]


@needs_posix
@pytest.mark.parametrize("locking", [True, None], ids=["held-up", "plain-cli"])
def test_three_concurrent_accepts_keep_all_nine_rows(tmp_path, locking):
    ids = run_accepts(tmp_path, locking=locking)
    assert ids[0] == "seed"
    assert sorted(ids[1:]) == sorted(f"{t}-{i}" for t in "abc" for i in range(3))
    # each run's rows stay together, in its own order
    blocks = [ids[i:i + 3] for i in (1, 4, 7)]
    assert all(b == [f"{b[0][0]}-{i}" for i in range(3)] for b in blocks)
    ds, problems = data.validate_files(tmp_path / "events.csv", tmp_path / "geodata" / "places.csv")
    assert problems == [] and len(ds.events) == 10


@needs_posix
def test_concurrent_accepts_lose_rows_without_the_lock(tmp_path):
    """The check above can fail: with the lock taken away, rows are lost."""
    ids = run_accepts(tmp_path, locking=False)
    assert len(ids) < 10


@needs_posix
def test_accept_in_threads_keeps_every_row(tmp_path):
    ev_path, pl_path, _ = make_dataset(tmp_path, [ev(id="seed")])
    reviews = [write_csv(tmp_path / f"review-{t}.csv", review_rows(t), extraction.REVIEW_COLUMNS) for t in "abcd"]
    results = {}

    def run(r):
        results[r.name] = accepting.accept(r, events_path=ev_path, places_path=pl_path)

    threads = [threading.Thread(target=run, args=(r,)) for r in reviews]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert all(v == [] for v in results.values()) and len(results) == 4, results
    _, rows = data.read_rows(ev_path)
    assert len(rows) == 1 + 4 * 3


@needs_posix
def test_accept_sweeps_validation_files_left_by_a_killed_run(tmp_path):
    ev_path, pl_path, _ = make_dataset(tmp_path, [ev(id="seed")])
    stale = tmp_path / ".events.accept-k1ll3d_x.csv"
    stale.write_text("half", encoding="utf-8")
    review = write_csv(tmp_path / "review.csv", review_rows("a"), extraction.REVIEW_COLUMNS)
    assert accepting.accept(review, events_path=ev_path, places_path=pl_path) == []
    assert names(tmp_path) == ["events.csv", "geodata", "review.csv"]


@needs_posix
@pytest.mark.skipif(POSIX and os.geteuid() == 0, reason="root writes into read-only folders")
def test_accept_into_a_read_only_folder_says_so_and_changes_nothing(tmp_path):
    ev_path, pl_path, _ = make_dataset(tmp_path / "data", [ev(id="seed")])
    review = write_csv(tmp_path / "review.csv", review_rows("a"), extraction.REVIEW_COLUMNS)
    before = ev_path.read_bytes()
    os.chmod(ev_path.parent, 0o555)
    try:
        problems = accepting.accept(review, events_path=ev_path, places_path=pl_path)
    finally:
        os.chmod(ev_path.parent, 0o755)
    assert len(problems) == 1 and "cannot lock" in problems[0] and "unchanged" in problems[0], problems
    assert ev_path.read_bytes() == before


def test_accept_when_the_lock_cannot_be_taken_says_so(tmp_path, monkeypatch):
    ev_path, pl_path, _ = make_dataset(tmp_path, [ev(id="seed")])
    review = write_csv(tmp_path / "review.csv", review_rows("a"), extraction.REVIEW_COLUMNS)
    before = ev_path.read_bytes()

    def no_lock(lock):
        raise PermissionError(13, "Permission denied", str(lock))

    monkeypatch.setattr(files, "_acquire", no_lock)
    problems = accepting.accept(review, events_path=ev_path, places_path=pl_path)
    assert len(problems) == 1 and problems[0].startswith(str(files.lock_path(ev_path))), problems
    assert "cannot lock" in problems[0] and "Permission denied" in problems[0]
    assert ev_path.read_bytes() == before


# ------------------------------------------------------------------ the other writers


@needs_posix
def test_acled_import_and_exports_keep_modes(tmp_path):
    from dashboard.exports import acled, kml

    ev_path, pl_path, ac_path = make_dataset(tmp_path / "src", [ev(id="a"), ev(id="b", date="2024-11-30")])
    ds = data.load_dataset(ev_path, pl_path, ac_path)
    out = tmp_path / "export.csv"
    out.write_text("", encoding="utf-8")
    os.chmod(out, 0o640)
    acled.export_acled(ds, out)
    assert mode(out) == 0o640 and out.read_text(encoding="utf-8").startswith(acled.EXPORT_COLUMNS[0])
    kml_out = tmp_path / "map.kml"
    files.write_text_atomic(kml_out, kml.to_kml(ds))
    os.chmod(kml_out, 0o604)
    files.write_text_atomic(kml_out, kml.to_kml(ds))
    assert mode(kml_out) == 0o604
    assert names(tmp_path) == ["export.csv", "map.kml", "src"]


@needs_posix
def test_synth_writes_atomically_and_keeps_modes(tmp_path):
    from dashboard.bench import synth

    first = synth.synthesize(3, 20, tmp_path, seed=1)
    for p in first["paths"].values():
        os.chmod(p, 0o640)
    before = {k: p.read_bytes() for k, p in first["paths"].items()}
    again = synth.synthesize(3, 20, tmp_path, seed=1)
    assert {k: p.read_bytes() for k, p in again["paths"].items()} == before  # same bytes as before
    assert all(mode(p) == 0o640 for p in again["paths"].values())
    assert names(tmp_path) == ["actors.csv", "events.csv", "places.csv"]
    assert data.load_dataset(*(again["paths"][k] for k in ("events", "places", "actors"))).events.shape[0] == 20


@needs_posix
def test_geocode_cache_keeps_mode_and_concurrent_lookups_keep_rows(tmp_path, monkeypatch):
    cache = tmp_path / "cache" / "nominatim.csv"

    class Loc:
        latitude, longitude, address, raw = 36.0, 37.0, "Somewhere, Syria", {}

    class Geo:
        def geocode(self, name, **kw):
            time.sleep(0.05)
            return Loc()

    monkeypatch.setattr(geocode, "rate_limited", lambda g: g.geocode)
    geocode._ask_nominatim("First", cache, Geo(), "test-app/1 (t@example.org)")
    os.chmod(cache, 0o640)
    threads = [threading.Thread(target=geocode._ask_nominatim, args=(f"Name {i}", cache, Geo(),
                                                                         "test-app/1 (t@example.org)"))
               for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    rows = geocode.read_cache(cache)
    assert sorted(r["query"] for r in rows) == sorted(["First"] + [f"Name {i}" for i in range(6)])
    assert mode(cache) == 0o640 and names(cache.parent) == ["nominatim.csv"]


def test_data_reexports_the_one_writer():
    assert data.write_csv_atomic is files.write_csv_atomic
    assert data.write_text_atomic is files.write_text_atomic
    assert data.atomic_writer is files.atomic_writer
    assert schema.EVENT_COLUMNS  # (the data set helpers use it)
