"""Where the assistant loses the claims it misses, by stage, counted per half (never a test-half sentence).

For each labelled claim ``add-source-eval`` scores and no proposal matches, the first check that fails:

- ``no proposal for its place``: nothing was proposed for the label's place (through the places table), split by
  whether the quote names its place by a spelling the table knows (else it is reached only by reference), and by
  whether the quote holds a word of the trigger table at all (a miss of vocabulary) or holds one that reached
  no row for this place (a miss of reading: which places a verb governs, a filter);
- ``its place, another actor``: a proposal for the place names a party of another group;
- ``its place and actor, another date``: their windows are more than a day apart;
- ``the denial flag differs``.

The development half's misses can be listed with ``--show-dev``; the test half's are only ever counted, so that
what is learned from them is which family of reading is missing, never a sentence to fit (issue 20: tune only on
the development half)::

    python tools/misses_by_stage.py ../shared/reports [--show-dev]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dashboard.core.control import compatible  # noqa: E402
from dashboard.ingest import evaluation, extraction  # noqa: E402
from labels_naming_their_place import _spellings, names_its_place  # noqa: E402

STAGES = ("no proposal for its place", "its place, another actor", "its place and actor, another date",
          "the denial flag differs")


def stage_of(label: dict, props: list[dict], *, names, lineage, windows) -> str:
    """The first of STAGES a missed label fails (``windows``: the proposals' date windows, as score computes them)."""
    lw = evaluation._label_window(label)
    here = [(p, w) for p, w in zip(props, windows) if names.resolve(p["place"]) & names.resolve(label["place"])]
    if not here:
        return STAGES[0]
    here = [(p, w) for p, w in here if compatible(p["actor"], label["actor"], lineage)]
    if not here:
        return STAGES[1]
    if not any(w and lw and w[0] <= lw[1] + 1 and w[1] >= lw[0] - 1 for _, w in here):
        return STAGES[2]
    return STAGES[3]


def misses(reports_dir) -> list[dict]:
    """Every missed label of both halves with its half, file, stage, whether its quote names its place and whether
    the quote holds a trigger word."""
    places_rows, actors_rows, events, lineage = evaluation._tables(None, None)
    names, spellings = evaluation.PlaceNames(places_rows), _spellings(places_rows)
    out = []
    for src, which, labels, _ in evaluation.labelled_reports(Path(reports_dir), events):
        text = (Path(reports_dir) / src["file"]).read_text(encoding="utf-8")
        props, _ = extraction.propose_rows(text, url=src["url"], publisher=src["publisher"],
                                           published=src["published"], places_rows=places_rows,
                                           actors_rows=actors_rows)
        scored = evaluation.score(props, labels, names=names, lineage=lineage)
        windows = evaluation._windows(props) if props else []
        for label in scored["missed"]:
            out.append({"half": which, "file": src["file"], "label": label,
                        "stage": stage_of(label, props, names=names, lineage=lineage, windows=windows),
                        "named": names_its_place(label, names, spellings),
                        "trigger": bool(extraction._triggers(label.get("quote", "")))})
    return out


def table(rows: list[dict]) -> dict[str, Counter]:
    """Counts per half of (stage, named or by reference, trigger word or none)."""
    out: dict[str, Counter] = {h: Counter() for h in evaluation.HALVES}
    for r in rows:
        detail = ("names its place" if r["named"] else "by reference",
                  ("a trigger word" if r["trigger"] else "no trigger word") if r["stage"] == STAGES[0] else "")
        out[r["half"]][(r["stage"], *detail)] += 1
    return out


def main(argv: list[str]) -> int:
    show_dev = "--show-dev" in argv
    args = [a for a in argv if not a.startswith("--")]
    rows = misses(args[0] if args else "../shared/reports")
    for half, counts in table(rows).items():
        print(f"{half}: {sum(counts.values())} missed")
        for key, n in sorted(counts.items(), key=lambda kv: (STAGES.index(kv[0][0]), kv[0][1:])):
            print(f"  {n:4d}  " + "; ".join(k for k in key if k))
    if show_dev:
        for r in rows:
            if r["half"] == "dev":
                lab = r["label"]
                print(f"\n{r['file']}  [{r['stage']}]  {lab['place']} / {lab['actor']} / {lab['date']}"
                      f"{' to ' + lab['date_end'] if lab.get('date_end') else ''}{' (denial)' if lab.get('denial') else ''}"
                      f"\n  {lab.get('quote', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
