"""Fragment reruns under streamlit.testing's AppTest, for the bench and the tests.

AppTest runs the whole script on every ``run()``. A browser asks for less: a
widget inside a fragment (the map page's ``view``) makes the server rerun only
that fragment. :func:`rerun` does what the server does then: it runs the
fragments registered under a key, with the widgets' values as they stand, and
leaves ``at`` holding only what those fragments drew (the rest of the page is
not sent again). The next ``at.run()`` is a whole run again.

This reaches into AppTest's internals (its fragment storage, and the RerunData
its script runner builds), so it is tied to the streamlit pinned in
requirements.txt; it imports streamlit only when called.
"""

from __future__ import annotations

import functools


def fragment_ids(at, key: str) -> list[str]:
    """The ids of the fragments the last run registered under ``key``."""
    storage = at._fragment_storage
    return list(getattr(storage, "_ids_by_target_key", {}).get(str(key), {}))


def rerun(at, key: str, timeout: float | None = None):
    """Rerun only the fragment(s) named ``key``, as after a widget inside it changed."""
    import streamlit.testing.v1.local_script_runner as runner

    ids = fragment_ids(at, key)
    if not ids:
        raise LookupError(f"no fragment named {key!r} in the last run")
    made = runner.RerunData
    runner.RerunData = functools.partial(made, fragment_id_queue=ids)
    try:
        return at.run(timeout=timeout)
    finally:
        runner.RerunData = made
