"""DataFrames from column arrays, built fast where pandas allows: the one adapter over pandas' private constructor.

:func:`frame_from_arrays` takes pandas' ``DataFrame._from_arrays`` (outside its
documented API; pinned in requirements.txt): no per-column Series, and object
arrays stay object arrays instead of being copied by string inference (the
control state at 20,000 places: 4 ms instead of 13). When an upgrade moves or
changes it, the same frame is built with the public constructor, slower;
:func:`missing_internals` says so, and tests/test_dependency_internals.py fails
with its words.
"""

from __future__ import annotations

import functools
import inspect

import numpy as np
import pandas as pd

_PARAMETERS = ("arrays", "columns", "index", "verify_integrity")


@functools.cache  # (asked on every state: the answer is the installed pandas')
def _fast():
    """pandas' private constructor, or None when this pandas has none that takes our arguments."""
    build = getattr(pd.DataFrame, "_from_arrays", None)
    if build is None:
        return None
    try:
        parameters = inspect.signature(build).parameters
    except (TypeError, ValueError):
        return None
    return build if all(p in parameters for p in _PARAMETERS) else None


def public_frame(arrays: list, columns: list) -> pd.DataFrame:
    """The same frame through pandas' public constructor (object arrays kept as object)."""
    return pd.DataFrame({k: pd.Series(v, dtype=object) if v.dtype == object else v for k, v in zip(columns, arrays)},
                        columns=columns)


def frame_from_arrays(arrays: list, columns: list) -> pd.DataFrame:
    """A DataFrame of these equally long numpy arrays, one per column, on a RangeIndex."""
    build = _fast()
    if build is None:
        return public_frame(arrays, columns)
    n = len(arrays[0]) if arrays else 0
    try:
        return build(arrays, columns=columns, index=pd.RangeIndex(n), verify_integrity=False)
    except (AttributeError, TypeError):  # it kept its name and arguments but not its behaviour
        return public_frame(arrays, columns)


def missing_internals() -> list[str]:
    """What of pandas' internals :func:`frame_from_arrays` uses that the installed pandas
    no longer has or does, one sentence each naming pandas' version; empty when all is there."""
    where = (f"pandas {pd.__version__}: %s (dashboard/core/frames.py builds the control state with it and now "
             "falls back to the public constructor, about 3 times slower at 20,000 places)")
    if not hasattr(pd.DataFrame, "_from_arrays"):
        return [where % "DataFrame._from_arrays is gone"]
    if _fast() is None:
        return [where % f"DataFrame._from_arrays no longer takes {', '.join(_PARAMETERS)}"]
    arrays = [np.array([1, 2]), np.array(["a", "b"], dtype=object)]
    try:
        df = _fast()(arrays, columns=["n", "s"], index=pd.RangeIndex(2), verify_integrity=False)
    except Exception as exc:  # noqa: BLE001 - any failure is the news
        return [where % f"DataFrame._from_arrays failed on two columns ({exc!r})"]
    if not (df["n"].tolist() == [1, 2] and df["s"].tolist() == ["a", "b"] and df["s"].dtype == object):
        return [where % "DataFrame._from_arrays no longer keeps the columns as given (values or object dtype)"]
    return []
