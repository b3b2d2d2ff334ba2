"""Date expressions in a sentence, resolved against the publication date.

Calendar dates ("Dec. 8", "29 November 2024", "March 2017", "2014") are parsed by
dateparser, anchored to the publication day (a date without a year is the latest
one on or before publication) and keep their precision (day, month or year). The
relative expressions news reports use are resolved here, each with a note saying
how:

* weekdays ("on Friday") = the latest such day on or before publication;
  "last Friday" strictly before;
* "yesterday", "today", "N days ago", "a week ago", "last week", "this week", "over the weekend",
  "earlier this month", "last month", "this year"...;
* "on the same day", "that day" = the day of the last date the article gave before;
* "by the end of the month" = a window from the last date given (or the month's
  first day) to the end of that month, not later than publication.

A sentence with no date of its own gets a window (:func:`undated_window`), never a
day: from the last date the article gave before it (when that is at most two weeks
before publication; else the day before publication) to the publication date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

_MON = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
        r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "few": 3, "several": 7}
_WD = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? (?:the )?)?"
_CAL_DAY = re.compile(rf"\b{_WD}\d{{1,2}}(?:st|nd|rd|th)? {_MON}(?:,? \d{{4}})?(?!\w)|\b{_WD}{_MON} \d{{1,2}}(?:st|nd|rd|th)?(?!\d)"
                      rf"(?:,? \d{{4}})?(?! attacks)", re.I)
# two days of one month: "Dec. 7-8", "the night of 7-8 December"
_CAL_SPAN = re.compile(rf"\b{_MON} \d{{1,2}}[-–]\d{{1,2}}(?:,? \d{{4}})?(?!\d)|\b\d{{1,2}}[-–]\d{{1,2}} {_MON}(?:,? \d{{4}})?(?!\w)",
                       re.I)
_CAL_MONTH = re.compile(rf"\b(?:(early|mid|late|end of|in|since|by|until|from|of)[- ]){_MON}(?:,? (\d{{4}}))?\b"
                        rf"|\b{_MON},? (\d{{4}})\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_WEEKDAY = re.compile(rf"\b(?:(last|this|on|by|late|early|until|earlier on|later on) )?({'|'.join(_DAYS)})\b")


# Arabic: a day and month ("السبت 7 من كانون الأول", "8 ديسمبر 2024"), today and yesterday. The Levantine month
# names (كانون الأول...) are given their Egyptian names (ديسمبر...) for dateparser, which reads only the latter.
_AR_LEVANTINE = {"كانون الثاني": "يناير", "شباط": "فبراير", "آذار": "مارس", "اذار": "مارس", "نيسان": "أبريل",
                 "أيار": "مايو", "ايار": "مايو", "حزيران": "يونيو", "تموز": "يوليو", "آب": "أغسطس", "اب": "أغسطس",
                 "أيلول": "سبتمبر", "ايلول": "سبتمبر", "تشرين الأول": "أكتوبر", "تشرين الاول": "أكتوبر",
                 "تشرين الثاني": "نوفمبر", "كانون الأول": "ديسمبر", "كانون الاول": "ديسمبر"}
_AR_MONTHS = sorted(list(_AR_LEVANTINE) + ["يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو",
                                            "أغسطس", "اغسطس", "سبتمبر", "أكتوبر", "اكتوبر", "نوفمبر", "ديسمبر"],
                    key=len, reverse=True)
_AR_DAY = re.compile(r"(?<![\w])(?:(?:ال)?(?:سبت|أحد|احد|اثنين|إثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة)[،,]?\s+)?"
                     r"(\d{1,2})\s+(?:من\s+)?(" + "|".join(map(re.escape, _AR_MONTHS)) + r")(?:\s+(?:عام\s+)?(\d{4}))?(?!\w)")
_AR_RELATIVE = re.compile(r"(?<![\w])(?:ال)?(اليوم|أمس|امس|البارحة)(?!\w)")
_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


@lru_cache(maxsize=64)
def _ar_parser(pub: date) -> DateDataParser:
    return DateDataParser(languages=["ar"], settings={
        "RELATIVE_BASE": datetime(pub.year, pub.month, pub.day), "PREFER_DATES_FROM": "past"})


def _arabic_dates(sent: str, pub: date) -> list[tuple[int, int, dict]]:
    out = []
    for m in _AR_DAY.finditer(sent):
        month = _AR_LEVANTINE.get(m.group(2), m.group(2))
        expr = f"{m.group(1)} {month}" + (f" {m.group(3)}" if m.group(3) else "")
        got = _ar_parser(pub).get_date_data(expr)
        if got is not None and got.date_obj is not None:
            d = got.date_obj.date()
            out.append((m.start(), m.end(), _day(d, f"date '{m.group()}' as written" +
                                                 ("" if m.group(3) else f" (year {d.year} from publication)"))))
    for m in _AR_RELATIVE.finditer(sent):
        if not any(s <= m.start() < e for s, e, _ in out):
            back = 0 if m.group(1) == "اليوم" else 1
            out.append((m.start(), m.end(), _day(pub - timedelta(days=back),
                                                 f"'{m.group()}' = " + ("publication day" if not back else
                                                                        f"the day before publication ({pub}): "
                                                                        f"{pub - timedelta(days=1)}"))))
    return out


def _weeks(word: str) -> int:
    return {"a": 1, "one": 1, "two": 2, "three": 3}.get(word.lower()) or int(word)


def _day(d: date, note: str) -> dict:
    return {"date": d.isoformat(), "date_end": "", "date_precision": "day", "note": note}


def _range(a: date, b: date, note: str) -> dict:
    return {"date": a.isoformat(), "date_end": b.isoformat(), "date_precision": "range", "note": note}


@lru_cache(maxsize=64)
def _parser(pub: date) -> DateDataParser:
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime(pub.year, pub.month, pub.day), "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": []})


def _calendar(expr: str, pub: date) -> dict | None:
    """A calendar expression read by dateparser: its first day and precision."""
    clean = re.sub(r"^(?:early|mid|late|end of|in|since|by|until|from|of)[- ]", "", expr.strip(), flags=re.I)
    clean = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", clean)
    clean = re.sub(r"^\w+day,? (?:the )?", "", clean)  # the weekday beside a calendar date adds nothing
    got = _parser(pub).get_date_data(clean)
    if got is None or got.date_obj is None:
        return None
    d, period = got.date_obj.date(), got.period
    written_year = bool(re.search(r"\d{4}", clean))
    if period == "year":
        return {"date": str(d.year), "date_end": "", "date_precision": "year", "note": f"date '{expr}': year only"}
    if period == "month" and (part := re.match(r"(early|mid|late)[- ]", expr.strip(), re.I)):
        # "late November": the month's last third (21st to its end); "early": 1st-10th; "mid": 11th-20th
        last = calendar.monthrange(d.year, d.month)[1]
        a, b = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[part.group(1).lower()]
        return _range(date(d.year, d.month, a), min(date(d.year, d.month, b), max(pub, date(d.year, d.month, a))),
                      f"date '{expr}': the {part.group(1).lower()} part of the month, {a} to {b}")
    if period == "month":
        return {"date": f"{d.year}-{d.month:02d}", "date_end": "", "date_precision": "month",
                "note": f"date '{expr}': month only" + ("" if written_year else f" (year {d.year} from publication)")}
    return _day(d, f"date '{expr}' as written" + ("" if written_year else f" (year {d.year} from publication)"))


# "on 30/11", "on 30/11/2024": day first, as Syrian and European outlets write it (month first only when the
# second number cannot be a month); "on the 8th": a day of the month, the latest such day on or before publication
_SLASH_DAY = re.compile(r"(?<=\bon )(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![/\d])")
_ORDINAL_DAY = re.compile(r"(?<=\bon the )(\d{1,2})(?:st|nd|rd|th)(?=\s*(?:[,.;:)]|$|and\b|when\b|as\b|after\b|before\b))",
                          re.I)


def _latest_on_or_before(day: int, month: int | None, pub: date) -> date | None:
    """The latest date with this day (and month, when given) on or before publication, within a year."""
    for back in range(13):
        y, m = (pub.year * 12 + pub.month - 1 - back) // 12, (pub.year * 12 + pub.month - 1 - back) % 12 + 1
        if month is not None and m != month:
            continue
        if day <= calendar.monthrange(y, m)[1] and date(y, m, day) <= pub:
            return date(y, m, day)
    return None


def _slash_day(m: re.Match, pub: date) -> dict | None:
    a, b = int(m.group(1)), int(m.group(2))
    day, month = (b, a) if b > 12 >= a else (a, b)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if m.group(3):
        year = int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
        if day > calendar.monthrange(year, month)[1]:
            return None
        return _day(date(year, month, day), f"date '{m.group()}' as written, day first")
    got = _latest_on_or_before(day, month, pub)
    return _day(got, f"date '{m.group()}', day first, the latest on or before publication ({pub})") if got else None


def _ordinal_day(m: re.Match, pub: date) -> dict | None:
    got = _latest_on_or_before(int(m.group(1)), None, pub)
    return _day(got, f"'the {m.group()}' = that day of the month, the latest on or before publication ({pub})") if got else None


def start_of(info: dict) -> date:
    y, m, d = (info["date"].split("-") + ["1", "1"])[:3]
    return date(int(y), int(m), int(d))


def end_of(info: dict) -> date:
    if info.get("date_end"):
        return date.fromisoformat(info["date_end"])
    parts = info["date"].split("-")
    if len(parts) == 1:
        return date(int(parts[0]), 12, 31)
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        return date(y, m, calendar.monthrange(y, m)[1])
    return date.fromisoformat(info["date"])


def find_dates(sent: str, pub: date, last: dict | None = None) -> list[tuple[int, int, dict]]:
    """(start, end, date info) of each date expression in ``sent``; ``last`` is the
    last date the article gave before this sentence (for "the same day")."""
    found: list[tuple[int, int, dict]] = []
    if re.search(r"[\u0621-\u064A]", sent):  # Arabic
        found += _arabic_dates(sent.translate(_AR_DIGITS), pub)

    def add(m, info):
        if info and not any(m.start() < e and s < m.end() for s, e, _ in found):
            found.append((m.start(), m.end(), info))

    for m in _CAL_SPAN.finditer(sent):
        first, last = (_calendar(re.sub(r"(\d{1,2})[-–](\d{1,2})", rf"\{i}", m.group()), pub) for i in (1, 2))
        if first and last and first["date_precision"] == last["date_precision"] == "day" and first["date"] < last["date"]:
            add(m, _range(start_of(first), start_of(last), f"'{m.group()}' = from {first['date']} to {last['date']}"))
    for m in _CAL_DAY.finditer(sent):
        add(m, _calendar(m.group(), pub))
    for m in _CAL_MONTH.finditer(sent):
        if re.fullmatch(r"(?:\w+[- ])?May", m.group()):
            continue  # "may" is a verb far more often than a month without a year
        add(m, _calendar(m.group(), pub))
    for m in _SLASH_DAY.finditer(sent):
        add(m, _slash_day(m, pub))
    for m in _ORDINAL_DAY.finditer(sent):
        add(m, _ordinal_day(m, pub))
    for m in _WEEKDAY.finditer(sent):
        back = (pub.weekday() - _DAYS.index(m.group(2))) % 7
        if m.group(1) == "last" and back == 0:
            back = 7
        rule = "strictly before" if m.group(1) == "last" else "on or before"
        add(m, _day(pub - timedelta(days=back),
                    f"date '{m.group()}' taken as the most recent {m.group(2)} {rule} publication ({pub})"))
    monday = pub - timedelta(days=pub.weekday())
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
    month_start = pub.replace(day=1)
    last_day = start_of(last) if last and last.get("date_precision") == "day" else None

    def end_of_month(m):
        base = start_of(last) if last else month_start
        stop = min(date(base.year, base.month, calendar.monthrange(base.year, base.month)[1]), pub)
        return _range(min(base, stop), stop, f"'{m.group()}' = from {base} to the end of that month (not after publication)")

    def shifted(m, days):
        """A day counted from the last day the sentence gave before ``m``, else from the day the article gave last."""
        before = [f for f in found if f[1] <= m.start() and f[2]["date_precision"] == "day"]
        base = start_of(max(before)[2]) if before else last_day
        if base is None:
            return None
        way = "after" if days > 0 else "before"
        return _day(base + timedelta(days=days), f"'{m.group()}' = {abs(days)} day(s) {way} {base}, the day last given")

    rel = [
        (r"\b(?:on )?(?:the same day|that same day|that day|the same night)\b",
         lambda m: _day(last_day, f"'{m.group()}' = the day last given in the article ({last_day})") if last_day else None),
        # a day after or before the day last given: "They took the city the following day", "A day earlier, ..."
        (r"\b(?:the following day|the next day|the day after(?!\s+(?:the|a|an|its|their|his|it|they|he)\b))",
         lambda m: shifted(m, 1)),
        (r"\b(?:the previous day|the day before(?!\s+(?:the|a|an|its|their|his|it|they|he)\b))",
         lambda m: shifted(m, -1)),
        # "captured Hama on Dec. 5 and Homs three days later"; "A day earlier, ..." opening the sentence (not "an
        # attack that began two days earlier": when the attack began)
        (r"\b(a|one|two|three|four|five|six|seven|\d) days? (later)\b"
         r"|^\W*(a|one|two|three|four|five|six|seven|\d) days? (earlier)\b",
         lambda m: shifted(m, (_NUM.get((n := (m.group(1) or m.group(3)).lower())) or (1 if n == "a" else int(n)))
                           * (1 if m.group(2) else -1))),
        (r"\bby the end of (?:the|that) month\b", end_of_month),
        (r"\byesterday\b", lambda m: _day(pub - timedelta(days=1), f"'yesterday' = the day before publication ({pub})")),
        (r"\b(?:today|this morning|tonight|this evening)\b", lambda m: _day(pub, f"'{m.group()}' = publication day")),
        (r"\bovernight\b", lambda m: _range(pub - timedelta(days=1), pub, "'overnight' = the night before publication")),
        # "last weekend" written on a Saturday or Sunday is the weekend before; "over the weekend" may be this one
        (r"\blast weekend\b", lambda m: _range(saturday - timedelta(days=7 if pub.weekday() >= 5 else 0),
                                                saturday + timedelta(days=-6 if pub.weekday() >= 5 else 1),
                                                f"'{m.group()}' = the last whole Saturday-Sunday before publication")),
        (r"\bthis past weekend\b|\b(?:over|during|at) the weekend\b",
         lambda m: _range(saturday, min(saturday + timedelta(days=1), pub), f"'{m.group()}' = the last Saturday-Sunday on or before publication")),
        # "in the past week", "over the past week": the seven days up to publication, not the calendar week before
        (r"\b(?:the|this) past week\b", lambda m: _range(pub - timedelta(days=7), pub,
                                                       f"'{m.group()}' = the seven days up to publication")),
        (r"\b(?:last|past|previous) week\b", lambda m: _range(monday - timedelta(days=7), monday - timedelta(days=1),
                                                             "'last week' = the Monday-Sunday week before publication")),
        (r"\b(?:earlier )?this week\b", lambda m: _range(monday, pub, "'this week' = Monday of publication week to publication")),
        (r"\b(?:earlier )?this month\b", lambda m: _range(month_start, pub, "'this month' = first of the publication month to publication")),
        (r"\bearlier this year\b", lambda m: _range(date(pub.year, 1, 1), max(date(pub.year, 1, 1), pub - timedelta(days=1)),
                                                    "'earlier this year' = 1 January to the day before publication")),
        (r"\bin recent months\b", lambda m: _range(pub - timedelta(days=91), pub, "'in recent months' = the three months before publication")),
        (r"\blast month\b", lambda m: {"date": (month_start - timedelta(days=1)).strftime("%Y-%m"), "date_end": "",
                                       "date_precision": "month", "note": "'last month' = the month before publication"}),
        (r"\b(?:last|past) year\b", lambda m: {"date": str(pub.year - 1), "date_end": "", "date_precision": "year",
                                               "note": "'last year' = the year before publication"}),
        (r"\bthis year\b", lambda m: {"date": str(pub.year), "date_end": "", "date_precision": "year", "note": "'this year' = publication year"}),
        (r"\b(\d{1,3}|one|two|three|four|five|six|seven) days ago\b",
         lambda m: _day(pub - timedelta(days=_NUM.get(m.group(1).lower(), 0) or int(m.group(1))), f"'{m.group()}' counted back from publication")),
        # "a week ago" is about seven days back, give or take a day
        (r"\b(a|one|two|three|\d) weeks? ago\b",
         lambda m: _range(pub - timedelta(days=7 * _weeks(m.group(1)) + 1), pub - timedelta(days=7 * _weeks(m.group(1)) - 1),
                          f"'{m.group()}' counted back from publication, a day either side")),
        (r"\b(?:past|last) (\d{1,3}|two|three|four|five|six|seven|few|several) days\b",
         lambda m: _range(pub - timedelta(days=_NUM.get(m.group(1).lower(), 0) or int(m.group(1))), pub, f"'{m.group()}' = window before publication")),
    ]
    for pat, fn in rel:
        for m in re.finditer(pat, sent, re.I):
            add(m, fn(m))
    for m in _YEAR.finditer(sent):
        if re.search(r"\b(?:the|a|an|its|their)\s+$", sent[:m.start()], re.I) and re.match(r"\s+[a-z]", sent[m.end():]):
            continue  # "the 1974 disengagement line", "the 2011 uprising": a name, not when
        add(m, _calendar(m.group(), pub))
    # "seized Afrin in 2018 and have held it since (then)": from the date given before it to publication
    for m in re.finditer(r"\b(?:ever since|since then|since)(?=\s*(?:[,.;:)]|$))", sent, re.I):
        given = [f for f in found if f[1] <= m.start()]
        if given and (a := start_of(max(given)[2])) < pub:
            add(m, _range(a, pub, f"'{m.group()}' = from {a}, the date given before it, to publication ({pub})"))
    # "between X and Y", "from X to Y": one window from the first to the last
    found.sort()
    for i in range(len(found) - 1, 0, -1):
        (s1, e1, a), (s2, e2, b) = found[i - 1], found[i]
        if (re.search(r"\bbetween\s+$", sent[:s1], re.I) and re.fullmatch(r"\s+and\s+", sent[e1:s2])
                or re.search(r"\bfrom\s+$", sent[:s1], re.I) and re.fullmatch(r"\s+(?:to|until|till|through)\s+", sent[e1:s2], re.I)) \
                and start_of(a) < end_of(b):
            found[i - 1:i + 1] = [(s1, e2, _range(start_of(a), end_of(b), f"'{sent[s1:e2]}' = from {start_of(a)} to {end_of(b)}"))]
    # "since X": from X to publication, not the day X; "for the first time since X" says nothing of when
    out = []
    for s, e, info in found:
        if re.search(r"\b(?:first(?: time)?|biggest|largest|worst|deepest|furthest|farthest)\s+since\s+$", sent[:s], re.I):
            continue
        if (re.search(r"\bsince\s+$", sent[:s], re.I) or info["note"].startswith("date 'since")) \
                and not re.match(r",?\s+when\b", sent[e:]):  # "since 2016, when ..." is about 2016
            a = start_of(info)
            if a < pub:
                info = _range(a, pub, f"'since {sent[s:e].removeprefix('since ')}' = from {a} to publication ({pub})")
        out.append((s, e, info))
    found = out
    return sorted(f for f in found if start_of(f[2]) <= pub)


def undated_window(pub: date, last: dict | None) -> dict:
    """The window of a sentence with no date of its own."""
    start = start_of(last) if last else None
    if start is None or not (pub - timedelta(days=14) <= start <= pub):
        start = pub - timedelta(days=1)
    start = min(start, pub - timedelta(days=1))
    return _range(start, pub, f"no date in the sentence: a window from {start} (the last date the article gave, "
                              f"or the day before publication) to publication ({pub})")
