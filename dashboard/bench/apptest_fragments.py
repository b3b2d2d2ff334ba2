"""Fragment reruns under streamlit.testing's AppTest, for the bench and the tests: the one adapter over AppTest's internals.

AppTest runs the whole script on every ``run()``. A browser asks for less: a
widget inside a fragment (the map page's ``view``) makes the server rerun only
that fragment. :func:`rerun` does what the server does then: it runs the
fragments registered under a key, with the widgets' values as they stand, and
leaves ``at`` holding only what those fragments drew (the rest of the page is
not sent again). The next ``at.run()`` is a whole run again.

Streamlit's public testing API has no fragment rerun, so this module reaches
into AppTest's internals, and is the only place that does:

* ``at._fragment_storage`` (its ``_ids_by_target_key`` and
  ``clear_outside_wrappers()``): the fragments the last run registered;
* ``streamlit.testing.v1.local_script_runner.RerunData``, patched for one run
  with ``fragment_id_queue``: the rerun request the server builds for them;
* ``at._tree``: the whole element tree, all of what a run sent (the bench
  counts its bytes; tests use the public accessors: ``at.get``, ``at.main``,
  ``at.slider(key=...)``, ``at.query_params``, ``at.session_state``).

:func:`missing_internals` names, with Streamlit's version, each of these that an
upgrade moved; tests/test_dependency_internals.py fails with its words. It is tied
to the streamlit pinned in requirements.txt and imports streamlit only when called.
"""

from __future__ import annotations

import functools
import inspect

_PROBE_APP = """
import streamlit as st

st.title("page")

@st.fragment(key="probe")
def probe():
    st.write("x")

probe()
"""


def _runner():
    import streamlit.testing.v1.local_script_runner as runner

    return runner


def _storage(at):
    storage = getattr(at, "_fragment_storage", None)
    if storage is None:
        raise RuntimeError(_message("AppTest has no _fragment_storage any more"))
    return storage


def _message(what: str) -> str:
    import streamlit

    return (f"streamlit {streamlit.__version__}: {what} (dashboard/bench/apptest_fragments.py relies on it "
            "to rerun one fragment; see tests/test_dependency_internals.py)")


def fragment_ids(at, key: str) -> list[str]:
    """The ids of the fragments the last run registered under ``key``."""
    by_key = getattr(_storage(at), "_ids_by_target_key", None)
    if not isinstance(by_key, dict):
        raise RuntimeError(_message("AppTest's fragment storage has no _ids_by_target_key mapping"))
    return list(by_key.get(str(key), {}))


def forget_page_outside_fragments(at) -> None:
    """Forget where the last whole run put its fragments, as a whole run cut short by a
    newer request does at its start (the next fragment rerun has nowhere to draw)."""
    _storage(at).clear_outside_wrappers()


def element_tree(at):
    """The whole element tree of the last run (main, sidebar and event containers)."""
    tree = getattr(at, "_tree", None)
    if tree is None:
        raise RuntimeError(_message("AppTest has no _tree"))
    return tree


def rerun(at, key: str, timeout: float | None = None):
    """Rerun only the fragment(s) named ``key``, as after a widget inside it changed."""
    runner = _runner()
    ids = fragment_ids(at, key)
    if not ids:
        raise LookupError(f"no fragment named {key!r} in the last run")
    made = runner.RerunData
    runner.RerunData = functools.partial(made, fragment_id_queue=ids)
    try:
        return at.run(timeout=timeout)
    finally:
        runner.RerunData = made


def missing_internals() -> list[str]:
    """What this module uses of AppTest's internals that the installed streamlit no
    longer has or no longer does, one sentence each naming streamlit's version;
    empty when all is there and a fragment rerun reruns only that fragment."""
    from streamlit.testing.v1 import AppTest

    problems = []
    runner = _runner()
    made = getattr(runner, "RerunData", None)
    if made is None:
        problems.append(_message("streamlit.testing.v1.local_script_runner has no RerunData"))
    elif "fragment_id_queue" not in inspect.signature(made).parameters:
        problems.append(_message("RerunData takes no fragment_id_queue"))
    at = AppTest.from_string(_PROBE_APP)
    at.run()
    storage = getattr(at, "_fragment_storage", None)
    if storage is None:
        problems.append(_message("AppTest has no _fragment_storage"))
    else:
        if not isinstance(getattr(storage, "_ids_by_target_key", None), dict):
            problems.append(_message("AppTest's fragment storage has no _ids_by_target_key mapping"))
        if not callable(getattr(storage, "clear_outside_wrappers", None)):
            problems.append(_message("AppTest's fragment storage has no clear_outside_wrappers()"))
    if getattr(at, "_tree", None) is None:
        problems.append(_message("AppTest has no _tree"))
    if problems:
        return problems
    # behaviour: the probe's fragment is found by its key, and a rerun of it leaves only what it drew
    if len(fragment_ids(at, "probe")) != 1:
        return [_message("a fragment's key no longer finds its id in _ids_by_target_key")]
    if [t.value for t in at.title] != ["page"]:
        return [_message("a whole run of the probe app did not draw its title")]
    rerun(at, "probe")
    if [m.value for m in at.markdown] != ["x"] or at.title or at.exception:
        return [_message("a patched RerunData(fragment_id_queue=...) no longer reruns just that fragment")]
    return []
