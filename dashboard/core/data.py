"""The data set: the three CSV files (events, places and actors) found,
read, validated and frozen into one :class:`Dataset`.

Reading is in :mod:`dashboard.core.reading`, validation (every problem reported at
once as ``FILE:LINE: message``; bad data never raises anything but
:class:`DataError`) in :mod:`dashboard.core.validation`, and the date model in
:mod:`dashboard.core.dates`; their public names are re-exported here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pac

from dashboard.core.dates import _distinct, date_label, date_labels, day_to_ts, period_bounds, to_day  # noqa: F401 - re-exported
from dashboard.core.files import atomic_writer, write_csv_atomic, write_text_atomic  # noqa: F401 - re-exported
from dashboard.core.reading import Problem, _read_table, _scan_lines, one_chunk, read_rows, use_system_allocator  # noqa: F401 - re-exported
from dashboard.core.validation import (  # noqa: F401 - re-exported
    MAX_PROBLEMS_SHOWN,
    DataError,
    split_list,
    _validate_actors,
    _validate_events,
    _validate_parties,
    _validate_places,
    valid_url,
)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_EVENTS = ROOT / "events.csv"
DEFAULT_PLACES = ROOT / "geodata" / "places.csv"



def names_of(row) -> list[str]:
    """A table row's name, then its aliases, then its epithets (places only): every way
    it is named (places, actors, parties)."""
    return [n for n in [str(row.get("name", "") or "").strip(), *split_list(str(row.get("aliases", "") or "")),
                        *split_list(str(row.get("epithets", "") or ""))] if n]

@dataclass(frozen=True, eq=False)
class Dataset:
    """One validated data set, immutable once built (so one can be shared by
    every session of the app): the three tables, where they came from, each
    actor's lineage (itself and its parent groups, nearest first) and the
    timeline of who controls what (``dashboard.core.control.Timeline``). Built
    only by :func:`build_dataset`."""

    events: pd.DataFrame
    places: pd.DataFrame
    actors: pd.DataFrame
    paths: dict
    lineage: dict
    timeline: object
    parties: pd.DataFrame | None = None  # who speaks for whom (geodata/parties.csv); None: none given

    @property
    def first_day(self) -> pd.Timestamp:
        return day_to_ts(int(self.events["start_day"].min()))

    @property
    def last_day(self) -> pd.Timestamp:
        return day_to_ts(int(self.events["end_day"].max()))


def build_dataset(events: pd.DataFrame, places: pd.DataFrame, actors: pd.DataFrame, paths: dict | None = None,
                  timeline=None, parties: pd.DataFrame | None = None) -> Dataset:
    """The one place a Dataset is made: validated tables in, the lineage and
    the timeline built (or a cached timeline completed), everything frozen.
    Claims get ``party_word`` (bool: a party's word, see
    :mod:`dashboard.core.attribution`) and ``word_side`` unless they have them."""
    from dashboard.core import attribution, control# (control imports this module)

    for column, default in (("scope", ""), ("copy_of", "")):
        if column not in events.columns:
            events[column] = default
    if "party_word" not in events.columns:
        party, side = attribution.whose_word(events, parties, actors)
        events["party_word"] = party
        events["word_side"] = categorical(pd.Series(side, index=events.index, dtype=object).astype("str"))
        if "published_day" not in events.columns:
            events["published_day"] = events["end_day"].to_numpy()

    lineage = control.actor_lineage(actors)
    tables = control.Tables(events, places, actors)
    timeline = control.make_timeline(tables) if timeline is None else control.complete_timeline(timeline, tables)
    ds = Dataset(events=events, places=places, actors=actors, paths=dict(paths or {}), lineage=lineage,
                 timeline=timeline, parties=parties)
    control.overtaken_after(ds)  # (made once here, not on the first date a reader picks)
    return ds


# --------------------------------------------------------------------- paths


def resolve_paths(events=None, places=None, actors=None) -> tuple[Path, Path, Path]:
    """Explicit paths win, then DASHBOARD_EVENTS / DASHBOARD_PLACES /
    DASHBOARD_ACTORS, then the bundled files. The actors table is looked for
    beside the places file unless given."""
    ev = Path(events or os.environ.get("DASHBOARD_EVENTS") or DEFAULT_EVENTS)
    pl = Path(places or os.environ.get("DASHBOARD_PLACES") or DEFAULT_PLACES)
    ac = Path(actors or os.environ.get("DASHBOARD_ACTORS") or pl.with_name("actors.csv"))
    return ev, pl, ac


def parties_path(places) -> Path:
    """Who speaks for whom: $DASHBOARD_PARTIES, else parties.csv beside the places file."""
    return Path(os.environ.get("DASHBOARD_PARTIES") or Path(places).with_name("parties.csv"))


# ------------------------------------------------------------------ loading


# Text columns with few distinct values (names, dates, labels): stored once
# each, as a pandas Categorical (Arrow dictionary in the cache) whose
# categories are sorted, so sorting by the column sorts the text. ``id``,
# ``source_url`` and ``quote`` stay text (nearly one value per claim).
CATEGORICAL = ("date", "date_end", "date_precision", "place", "actor", "status", "event", "previous_actor",
               "claimed_by", "source_name", "published", "quote_type", "notes", "date_label", "scope", "copy_of",
               "word_side")
INT32 = ("start_day", "end_day", "line", "published_day")


# Columns holding the same kind of value share their categories, so that they
# can be compared with each other (previous_actor != actor) as text can.
SHARED_CATEGORIES = (("actor", "previous_actor", "claimed_by"), ("date", "date_end", "published"))


def _dictionary(col: pd.Series) -> pa.DictionaryArray:
    arr = pa.array(col, type=pa.large_string()) if len(col) else pa.array([], pa.large_string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return pac.dictionary_encode(arr)


def _sorted(values: pa.Array) -> pa.Array:
    return values.take(pac.array_sort_indices(values))


def categorical(col: pd.Series) -> pd.Series:
    """A text column as a Categorical whose categories are its distinct
    values, sorted; hashed in Arrow (pandas' sorted factorize is 15 times
    slower at a million rows)."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        return col
    enc = _dictionary(col)
    return _from_dictionary(col, enc, _sorted(enc.dictionary))


def _from_dictionary(col: pd.Series, enc: pa.DictionaryArray, sorted_values: pa.Array) -> pd.Series:
    position = pac.index_in(enc.dictionary, value_set=sorted_values).to_numpy(zero_copy_only=False)
    codes = position.astype("int64")[enc.indices.to_numpy(zero_copy_only=False)] if len(enc) else np.zeros(0, "int64")
    categories = pd.Index(sorted_values.to_pylist() if len(sorted_values) < 65536 else sorted_values.to_pandas(),
                          dtype="str")
    cat = pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(categories), validate=False)  # (in range by construction)
    return pd.Series(cat, index=col.index, name=col.name)


def compact_events(df: pd.DataFrame) -> pd.DataFrame:
    """The validated claims in compact types: the columns in ``CATEGORICAL``
    as categoricals (each distinct value stored once; columns of one kind
    share their categories), days and line numbers as int32, other text in
    one Arrow piece. Column by column, so at most one column is held twice."""
    shared = {c: group for group in SHARED_CATEGORIES for c in group if all(x in df.columns for x in group)}
    done = set()
    for c in df.columns:
        if c in done:
            continue
        if c in shared:
            encoded = {x: _dictionary(df[x]) for x in shared[c]}
            ordered = _sorted(pac.unique(pa.concat_arrays([e.dictionary for e in encoded.values()])))
            for x, enc in encoded.items():
                df[x] = _from_dictionary(df[x], enc, ordered)
                done.add(x)
        elif c in CATEGORICAL:
            df[c] = categorical(df[c])
        elif c in INT32:
            df[c] = df[c].to_numpy().astype("int32")
        else:  # (a no-op for columns already in one piece)
            df[c] = one_chunk(df[c])
        done.add(c)
        pa.default_memory_pool().release_unused()
    return df


def _no_progress(fraction: float, message: str) -> None:
    pass


def load_dataset(events=None, places=None, actors=None, progress=None) -> Dataset:
    """Load and validate all three files; raise DataError listing every problem.
    ``progress(fraction, message)``, if given, is told how far loading is."""
    report = progress or _no_progress
    use_system_allocator()
    ev_path, pl_path, ac_path = resolve_paths(events, places, actors)
    problems: list[Problem] = []
    report(0.0, "Reading the files…")
    ac_df, ac_lines = _read_table(ac_path, problems)
    pl_df, pl_lines = _read_table(pl_path, problems)
    ev_df, ev_lines = _read_table(ev_path, problems)
    pa.default_memory_pool().release_unused()  # the reader's buffers
    report(0.2, "Checking every claim…")
    actors_df = _validate_actors(ac_df, ac_lines, ac_path, problems) if ac_df is not None else None
    places_df = _validate_places(pl_df, pl_lines, pl_path, problems) if pl_df is not None else None
    pa_path = parties_path(pl_path)
    parties_df = None
    if os.environ.get("DASHBOARD_PARTIES") and not pa_path.is_file():
        problems.append(Problem(str(pa_path), 0, "DASHBOARD_PARTIES names a file that does not exist"))
    if pa_path.is_file() and actors_df is not None:
        pa_df, pa_lines = _read_table(pa_path, problems)
        if pa_df is not None:
            parties_df = _validate_parties(pa_df, pa_lines, pa_path, problems, set(actors_df["name"]))
    if ev_df is not None and actors_df is not None and places_df is not None:
        hint = {}
        for tbl in (actors_df, places_df):
            for n, al in zip(tbl["name"], tbl["aliases"]):
                for a in split_list(al):
                    hint[a.casefold()] = n
        events_df = _validate_events(ev_df, ev_lines, ev_path, problems, set(places_df["name"]), set(actors_df["name"]), hint)
        if events_df is not None and len(events_df) == 0:
            problems.append(Problem(str(ev_path), 1, "no data rows: add at least one claim under the header"))
    if problems:
        raise DataError(problems)
    # labelled once per distinct date window, then spread out in Arrow (no string per row in Python)
    first, inverse = _distinct(*(events_df[c] for c in ("start_day", "end_day", "date_precision")))
    labels = date_labels(*(events_df[c].to_numpy()[first] for c in ("start_day", "end_day", "date_precision")))
    events_df["date_label"] = pa.array(labels, type=pa.string()).take(pa.array(inverse)).to_pandas().set_axis(events_df.index)
    report(0.55, "Making the tables compact…")
    events_df = compact_events(events_df)
    pa.default_memory_pool().release_unused()  # hand freed parser/validation buffers back
    report(0.6, "Building the timeline of who holds each place…")
    paths = {"events": ev_path, "places": pl_path, "actors": ac_path}
    if parties_df is not None:
        paths["parties"] = pa_path
    ds = build_dataset(events_df.reset_index(drop=True), places_df.reset_index(drop=True),
                       actors_df.reset_index(drop=True), paths,
                       parties=None if parties_df is None else parties_df.reset_index(drop=True))
    report(0.9, "Checked.")
    return ds


def validate_files(events=None, places=None, actors=None) -> tuple[Dataset | None, list[Problem]]:
    try:
        return load_dataset(events, places, actors), []
    except DataError as err:
        return None, err.problems


# atomic_writer, write_csv_atomic and write_text_atomic: see dashboard.core.files,
# read_rows: see dashboard.core.reading (imported above and re-exported here for
# the tests and older callers).
