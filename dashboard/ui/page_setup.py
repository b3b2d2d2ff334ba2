"""What the app's pages share: the page's title and configuration, and the data set, read once for every session and shown with its problems when the files have any.

The entry point (dashboard/app.py) puts the repository on ``sys.path`` and
configures the page before any page runs; the pages run inside it (its
navigation), so they need neither again.
"""

from __future__ import annotations

import contextvars
import gc

import streamlit as st

from dashboard.core import store
from dashboard.core.data import DataError, Dataset, parties_path, resolve_paths
from dashboard.ui import views

TITLE = "Syria, late 2024: who controls what, says who"


def configure() -> None:
    """The browser tab's title and the wide layout, for every page."""
    st.set_page_config(page_title=TITLE, layout="wide")


def data_signature() -> tuple:
    """The data files as they are now: (path, modification time, size) of each."""
    sig = []
    paths = resolve_paths()
    for p in (*paths, parties_path(paths[1])):  # (parties.csv decides whose word each claim is)
        try:
            s = p.stat()
            sig.append((str(p), s.st_mtime_ns, s.st_size))
        except OSError:
            sig.append((str(p), None, None))
    return tuple(sig)


@st.cache_resource(show_spinner=False, max_entries=1)  # one data set in memory: the files as they are now
def _load(signature: tuple, _progress=None):
    paths = [s[0] for s in signature]
    try:
        ds = store.load(*paths, progress=_progress)
    except DataError as err:
        return None, [str(p) for p in err.problems]
    # Streamlit collects garbage after every run (runner.postScriptGC), and a full
    # collection walks every object there is: the modules and the data set, 25-60 ms
    # on this machine, holding up the messages of the run. What is loaded now stays:
    # leave it out of those collections. Frozen objects are never collected, so a
    # reload first thaws what the last one froze: whatever nothing holds any more is
    # freed, and the rest frozen again (the data set being replaced is still held by
    # the run replacing it, and goes at the next reload: at most two stay).
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    return ds, []


def dataset_or_stop() -> tuple[Dataset, tuple]:
    """The data set and the signature of the files it was read from. While it is
    read and checked, a progress bar (nothing when it is in memory); when the
    files have problems, the title and the problems, and the page stops there."""
    # (the bar is drawn in the script's own context, so that the cache does not record it for replay)
    loading, script_context = st.empty(), contextvars.copy_context()
    signature = data_signature()
    ds, problems = _load(signature, _progress=lambda f, m: script_context.run(
        loading.progress, min(max(float(f), 0.0), 1.0), text=m))
    loading.empty()
    if ds is None:
        st.title(TITLE)
        shown = problems[:100]
        st.error(f"The data files have {len(problems)} problem(s); fix them and reload.  \n"
                 + "  \n".join(views.md_escape(p) for p in shown)
                 + ("  \n…" if len(problems) > len(shown) else ""))
        st.stop()
    return ds, signature
