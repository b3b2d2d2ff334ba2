"""The commands that write files for others: ``export`` (the claims, in ACLED's layout or as KML) and
``export-map`` (the standalone HTML map), in the formats of the export registry (dashboard/exports/registry.py)."""

from __future__ import annotations

import sys

from dashboard.cli.command import ACTOR_OPTION, DATA_OPTIONS, command, day, load, opt
from dashboard.core import data
from dashboard.exports import registry


@command("export-map", "write the map on a date as one self-contained HTML file", (
    opt("--date", required=True, help="YYYY-MM-DD"),
    ACTOR_OPTION,
    opt("--out", required=True, help=f"output {registry.FORMATS['html'].suffix} file"),
    *DATA_OPTIONS))
def cmd_export_map(args) -> int:
    ds = load(args)
    if ds is None:
        return 1
    html = registry.FORMATS["html"].write(args.out, ds, day(args.date), actors=args.actor)
    print(f"wrote {args.out} ({len(html.encode('utf-8'))} bytes, opens with no network)")
    return 0


CLAIM_FORMATS = registry.of_kind("claims")  # acled, kml
WROTE_CLAIMS = {"acled": "wrote {n} row(s) in ACLED layout to {out}",
                "kml": "wrote {n} placemark(s), one per claim, as KML to {out}"}


@command("export", "write the claims in ACLED's column layout (acled) or as KML for Google Earth (kml)", (
    opt("--format", choices=list(CLAIM_FORMATS), default="acled",
        help="; ".join(f"{name}: {f.help}" for name, f in CLAIM_FORMATS.items())),
    opt("--events"),
    opt("--places"),
    opt("--actors"),
    opt("--out", required=True,
        help=f"output file ({', '.join(f'{f.suffix} for {name}' for name, f in CLAIM_FORMATS.items())})")))
def cmd_export(args) -> int:
    try:
        ds = data.load_dataset(args.events, args.places, args.actors)
    except data.DataError as err:
        for p in err.problems:
            print(p, file=sys.stderr)
        return 1
    name = getattr(args, "format", "acled")
    CLAIM_FORMATS[name].write(args.out, ds)
    print(WROTE_CLAIMS.get(name, "wrote {n} claim(s) as " + name + " to {out}").format(n=len(ds.events), out=args.out))
    return 0
