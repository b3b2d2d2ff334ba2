"""Writing files safely: one atomic writer and one lock, used by every writer.

``write_text_atomic``, ``write_bytes_atomic`` and ``write_csv_atomic`` (all on
``atomic_writer``) replace a file only once its new contents are complete:

- the new contents go to a temp file in the same folder (``.NAME.XXXX.tmp``),
  which is flushed and fsynced, then ``os.replace``'d over the file, and the
  folder is fsynced too (POSIX), so the rename itself survives a power cut;
- an existing file keeps its permission bits; a new file gets them from the
  umask (0644 under umask 022), like any file a program creates;
- a symlink is followed: its target is replaced and the link stays;
- a failed or interrupted write leaves the old file whole and no temp file
  behind. A writer killed outright (``kill -9``) can leave its temp file, which
  the next write of the same file removes.

``locked(path)`` holds an exclusive lock for ``path`` (``fcntl.flock`` on a
hidden ``.NAME.lock`` beside it, removed again on release), so writers of the
same file queue rather than lose each other's work. Every atomic write takes it;
a read-change-write cycle (``ingest.accept``, the geocoding cache) holds it, or
``locked_all`` for several files, around the whole cycle. The lock is
re-entrant within a thread and blocks other threads and processes; the kernel
drops it when a process dies, so a killed writer never leaves a stale lock.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import secrets
import stat
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

TEMP_SUFFIX = ".tmp"
_TOKEN = re.compile(r"[A-Za-z0-9_]{8,32}")  # ours, and tempfile.mkstemp's from earlier versions
_held = threading.local()  # paths whose lock this thread holds


def _real(path) -> Path:
    """Absolute path with symlinks resolved: one lock (and one file) per file."""
    return Path(os.path.realpath(os.fspath(path)))


def lock_path(path) -> Path:
    """The lock file for ``path``: ``.NAME.lock`` in the same folder."""
    real = _real(path)
    return real.with_name(f".{real.name}.lock")


def _acquire(lock: Path) -> int:
    """Open and lock ``lock``; returns the descriptor. Waits for other holders."""
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            else:  # pragma: no cover - Windows, untested here
                while True:
                    try:
                        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                        return fd
                    except OSError:
                        time.sleep(0.05)
            # The holder before us unlinks the lock file on release: if the path
            # now names another file (or none), our lock is on a dead file; retry.
            mine = os.fstat(fd)
            try:
                now = os.stat(lock)
            except FileNotFoundError:
                now = None
            if now is not None and (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def _release(fd: int, lock: Path) -> None:
    try:
        if fcntl is not None:
            try:
                os.unlink(lock)  # while still holding it (see _acquire)
            except FileNotFoundError:
                pass
        else:  # pragma: no cover - Windows
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    finally:
        os.close(fd)
    if fcntl is None:  # pragma: no cover - Windows: fails while another process has it open
        try:
            os.unlink(lock)
        except OSError:
            pass


@contextmanager
def locked(path):
    """Hold the exclusive lock for ``path`` for the block (see the module docstring).

    Raises OSError (e.g. PermissionError for a read-only folder) when the lock
    file cannot be created."""
    key = str(_real(path))
    held = _held.__dict__.setdefault("paths", set())
    if key in held:  # re-entrant: an accept holding the lock writes the file
        yield
        return
    lock = lock_path(key)
    fd = _acquire(lock)
    held.add(key)
    try:
        yield
    finally:
        held.discard(key)
        _release(fd, lock)


@contextmanager
def locked_all(paths):
    """Hold the locks of several files, taken in one fixed order (no deadlock)."""
    with ExitStack() as stack:
        for key in sorted({str(_real(p)) for p in paths}):
            stack.enter_context(locked(key))
        yield


def remove_leftovers(folder, prefix: str, suffix: str) -> None:
    """Remove files in ``folder`` named PREFIX + random token + SUFFIX: temp
    files left by killed writers. Call it holding the lock of the file they
    belong to, so that no live writer owns one."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        n = entry.name
        if n.startswith(prefix) and n.endswith(suffix) and _TOKEN.fullmatch(n[len(prefix):len(n) - len(suffix)]):
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def _new_temp(target: Path) -> tuple[int, Path]:
    """A new temp file beside ``target``, created with mode 0666 & ~umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(8)}{TEMP_SUFFIX}")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    if os.name == "nt":  # pragma: no cover
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:  # some file systems cannot sync a folder
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF):
            raise
    finally:
        os.close(fd)


@contextmanager
def atomic_writer(path, *, binary: bool = False):
    """A file handle (text: UTF-8, newline="" ; or binary) whose contents
    replace ``path`` only when the block ends without error (see the module
    docstring). Holds ``locked(path)`` throughout."""
    target = _real(path)
    with locked(target):
        remove_leftovers(target.parent, f".{target.name}.", TEMP_SUFFIX)
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = None  # new: the umask decides, as for any new file
        fd, tmp = _new_temp(target)
        try:
            if mode is not None:
                if hasattr(os, "fchmod"):
                    os.fchmod(fd, mode)
                else:  # pragma: no cover - Windows
                    os.chmod(tmp, mode)
            fh = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
            with fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        _fsync_dir(target.parent)


def write_text_atomic(path, text: str) -> None:
    """Write ``text`` as UTF-8, atomically (see atomic_writer)."""
    with atomic_writer(path) as fh:
        fh.write(text)


def write_bytes_atomic(path, content: bytes) -> None:
    """Write ``content``, atomically (see atomic_writer)."""
    with atomic_writer(path, binary=True) as fh:
        fh.write(content)


def _write_csv(fh, rows, columns) -> None:
    w = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for row in rows:
        w.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})


def write_csv_atomic(path, rows, columns) -> None:
    """Write rows (dicts) as CSV with "\\n" line ends, atomically (see atomic_writer).
    None becomes ""; keys not in ``columns`` are left out."""
    with atomic_writer(path) as fh:
        _write_csv(fh, rows, columns)


def csv_bytes(rows, columns) -> bytes:
    """The bytes ``write_csv_atomic`` would write (UTF-8), e.g. for a download."""
    buf = io.StringIO()
    _write_csv(buf, rows, columns)
    return buf.getvalue().encode("utf-8")