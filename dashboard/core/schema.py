"""Column definitions for the three user-editable CSV files.

Kept in one place so that loading, validation, synthetic data, imports and
exports all agree on what a file looks like.
"""

from __future__ import annotations

# events.csv: one row per sourced claim.
EVENT_REQUIRED = (
    "date",
    "date_precision",
    "place",
    "actor",
    "status",
    "source_name",
    "source_url",
    "published",
    "quote",
)
EVENT_OPTIONAL = (
    "id",  # stable identifier; generated from the row's content when empty
    "date_end",  # last possible day, required when date_precision is "range"
    "event",  # verb: captured, recaptured, handed over, entered, status...
    "previous_actor",  # who held the place before, when the report says
    "claimed_by",  # the party the report attributes the claim to
    "quote_type",  # "verbatim" (default) or "summary" (e.g. ACLED notes)
    "notes",  # editor's notes: how a date was resolved, caveats
    "scope",  # "" (the whole place), "part" (some of it) or "around" (its outskirts, countryside, a siege)
    "copy_of",  # when the link is a copy, repost or aggregation: the outlet whose report it reproduces
)
EVENT_COLUMNS = (
    "id",
    "date",
    "date_end",
    "date_precision",
    "place",
    "actor",
    "status",
    "event",
    "previous_actor",
    "claimed_by",
    "source_name",
    "source_url",
    "published",
    "quote",
    "quote_type",
    "notes",
    "scope",
    "copy_of",
)
DATE_PRECISIONS = ("day", "month", "year", "range")
STATUSES = ("controlled", "contested")
QUOTE_TYPES = ("verbatim", "summary")
# What a claim is about: the whole place (empty), part of it (neighbourhoods,
# "parts of the city", a site inside it), or around it (its outskirts or
# countryside, a siege or encirclement, fighting nearby). Only whole-place
# claims set who holds the place; the others are shown beside it.
SCOPES = ("", "part", "around")

# geodata/places.csv
PLACE_REQUIRED = ("name", "lat", "lon")
PLACE_COLUMNS = (
    "name",
    "kind",  # city, town, district, province, air base, airport, neighbourhood...
    "lat",
    "lon",
    "aliases",  # ";"-separated other spellings and transliterations
    "epithets",  # ";"-separated descriptions that name this one place in news prose ("Syria's second city"): read, not listed
    "coord_source",  # geonames, nominatim or manual
    "coord_ref",  # e.g. the GeoNames id, or the Nominatim OSM id
    "coord_note",  # why manual coordinates, what the point stands for
)
COORD_SOURCES = ("geonames", "nominatim", "manual")

# geodata/actors.csv (found beside places.csv)
ACTOR_REQUIRED = ("name", "colour")
ACTOR_COLUMNS = ("name", "parent", "aliases", "colour", "description")

# geodata/parties.csv (found beside places.csv): who speaks for whom. A claim
# is a party's word when its ``claimed_by`` is a party (or an actor), or its
# publisher is a party's state media or an outlet aligned with one.
PARTY_REQUIRED = ("name",)
PARTY_COLUMNS = ("name", "aliases", "side", "kind", "description")
PARTY_KINDS = ("party", "state media", "aligned outlet", "interested state", "monitor", "wire", "independent media",
               "unattributed", "witness", "imagery")
# "interested state": a government (or its agency) not fighting in Syria but with a stake against one side
# (Ukraine's intelligence on Russia's bases): its word is not independent reporting, whatever its side.
ALIGNED_KINDS = ("party", "state media", "aligned outlet")  # with a side: a party's word

LIST_SEPARATOR = ";"
