"""How many labelled claims name their place in their own quote, by a spelling the places table knows.

A reader that finds places only by their names can find at most these; the rest are reached only by
reference ("the city", "its airport", "there") or by a description the table does not hold ("the
Aleppo Industrial Zone"). This is a property of the labels, not of the assistant: it reads no
proposal. Counted per half, over the same labels ``add-source-eval`` scores (history left out):

    python tools/labels_naming_their_place.py ../shared/reports
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.core import data  # noqa: E402
from dashboard.core.names import words  # noqa: E402
from dashboard.ingest import evaluation  # noqa: E402


def _spellings(places_rows) -> dict[str, list[tuple[str, ...]]]:
    return {r["name"]: [tuple(words(n)) for n in data.names_of(r) if words(n)] for r in places_rows}


def names_its_place(label: dict, names: evaluation.PlaceNames, spellings) -> bool:
    """True when some spelling of the label's place (through the places table) is a run of words of its quote."""
    quote = tuple(words(label.get("quote", "")))
    for place in names.resolve(label["place"]):
        for sp in spellings.get(place, [tuple(place.split())]):
            if any(quote[i:i + len(sp)] == sp for i in range(len(quote) - len(sp) + 1)):
                return True
    return False


def main(argv: list[str]) -> int:
    reports = Path(argv[0] if argv else "../shared/reports")
    places_rows, _, _, _ = evaluation._tables(None, None)
    names, spellings = evaluation.PlaceNames(places_rows), _spellings(places_rows)
    for h, labels in evaluation.split_labels(reports).items():
        named = sum(names_its_place(c, names, spellings) for c in labels)
        print(f"{h}: {named} of {len(labels)} claims ({named / len(labels):.1%}) name their place in their quote")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
