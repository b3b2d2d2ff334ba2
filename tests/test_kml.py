"""Tests for dashboard.exports.kml and ``export --format kml``: one placemark per claim, time spans, styles, escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from dashboard import cli
from dashboard.exports import kml
from dashboard.core.data import load_dataset

from dataset_helpers import ACTORS, URL_A, URL_B, ev, make_dataset

NS = {"k": "http://www.opengis.net/kml/2.2"}
HOSTILE_QUOTE = 'HTS "took" Bravo </description><script>alert(1)</script> ]]> & <b>bold</b> \'single\' &amp;'
HOSTILE_SOURCE = 'Report <i>B</i> & "Co" ]]></name>'


@pytest.fixture
def ds(tmp_path):
    return load_dataset(*make_dataset(tmp_path, [
        # Alpha: three claims, taking effect 31 Dec 2016, 30 Nov 2024 (a range) and 2 Dec 2024
        ev(id="a1", date="2016", date_precision="year", quote="The government retook Alpha in 2016."),
        ev(id="a2", date="2024-11-27", date_end="2024-11-30", date_precision="range", actor="HTS",
           quote="HTS entered Alpha."),
        ev(id="a3", date="2024-12-02", actor="HTS", status="contested", source_url=URL_B, source_name="Report B",
           quote="Fighting continues in Alpha."),
        # Bravo: two disagreeing claims on the same day, then a later one
        ev(id="b1", date="2024-11-29", place="Bravo", actor="SDF", claimed_by="SDF media", quote="SDF holds Bravo."),
        ev(id="b2", date="2024-11-29", place="Bravo", actor="HTS", source_url=URL_B, source_name=HOSTILE_SOURCE,
           quote=HOSTILE_QUOTE),
        ev(id="b3", date="2024-12-03", place="Bravo", actor="HTS", quote="HTS holds Bravo."),
        # Charlie: a single claim
        ev(id="c1", date="2015-09", date_precision="month", place="Charlie", actor="Russia", quote="Russia is at Charlie."),
    ]))


def _parse(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


def _placemarks(root) -> dict:
    """claim id -> Placemark element."""
    out = {}
    for pm in root.iterfind(".//k:Placemark", NS):
        cid = pm.find("k:ExtendedData/k:Data[@name='claim_id']/k:value", NS).text
        out[cid] = pm
    return out


class _Html(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.hrefs = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href"))

    def handle_data(self, data):
        self.text.append(data)


def _html(desc: str) -> _Html:
    p = _Html()
    p.feed(desc)
    p.close()
    return p


def test_one_placemark_per_claim_with_document_header(ds):
    root = _parse(kml.to_kml(ds))
    assert root.tag == "{http://www.opengis.net/kml/2.2}kml"
    doc = root.find("k:Document", NS)
    assert doc.find("k:name", NS).text == kml.TITLE
    desc = doc.find("k:description", NS).text
    assert "7 claims about 3 places from 2 reports" in desc
    assert "2015-09-01 to 2024-12-03" in desc
    pms = _placemarks(root)
    assert len(root.findall(".//k:Placemark", NS)) == len(ds.events) == 7
    assert set(pms) == set(ds.events["id"])
    assert [f.find("k:name", NS).text for f in doc.findall("k:Folder", NS)] == ["Alpha", "Bravo", "Charlie"]
    assert {pm.find("k:name", NS).text for pm in pms.values()} == {"Alpha", "Bravo", "Charlie"}
    assert pms["a1"].find("k:Point/k:coordinates", NS).text == "37.16,36.2,0"  # lon,lat,0


def _span(pm) -> tuple:
    ts = pm.find("k:TimeSpan", NS)
    end = ts.find("k:end", NS)
    return ts.find("k:begin", NS).text, None if end is None else end.text


def test_time_spans_for_a_three_claim_place(ds):
    pms = _placemarks(_parse(kml.to_kml(ds)))
    assert _span(pms["a1"]) == ("2016-12-31", "2024-11-29")  # a year: from its last day
    assert _span(pms["a2"]) == ("2024-11-30", "2024-12-01")  # a range: from its last day too
    assert _span(pms["a3"]) == ("2024-12-02", None)  # the place's last claim: no end
    # same-day claims share the span up to the day before the next later claim
    assert _span(pms["b1"]) == _span(pms["b2"]) == ("2024-11-29", "2024-12-02")
    assert _span(pms["b3"]) == ("2024-12-03", None)
    assert _span(pms["c1"]) == ("2015-09-30", None)


def test_styles_per_actor_in_aabbggrr(ds):
    root = _parse(kml.to_kml(ds))
    styles = {s.get("id"): s.find("k:IconStyle/k:color", NS).text for s in root.iterfind(".//k:Style", NS)}
    assert styles == {"actor-0": "ff005ed5",  # Syrian government #D55E00
                      "actor-1": "ffe9b456",  # Rebels #56B4E9
                      "actor-2": "ff739e00",  # HTS #009E73
                      "actor-3": "ff009fe6",  # SNA #E69F00
                      "actor-4": "ffa779cc",  # SDF #CC79A7
                      "actor-5": "ffb27200",  # Russia #0072B2
                      "contested": "ff7f7f7f"}
    assert len(ACTORS) == 6
    pms = _placemarks(root)
    url = {cid: pm.find("k:styleUrl", NS).text for cid, pm in pms.items()}
    assert url == {"a1": "#actor-0", "a2": "#actor-2", "a3": "#contested", "b1": "#actor-4", "b2": "#actor-2",
                   "b3": "#actor-2", "c1": "#actor-5"}
    scale = root.find(".//k:Style[@id='contested']/k:IconStyle/k:scale", NS).text
    assert scale == kml.CONTESTED_SCALE != root.find(".//k:Style[@id='actor-0']/k:IconStyle/k:scale", NS).text


def test_kml_colour():
    assert kml.kml_colour("#D55E00") == "ff005ed5"
    assert kml.kml_colour("#123456", alpha="80") == "80563412"
    with pytest.raises(ValueError):
        kml.kml_colour("#12345")


def test_hostile_text_round_trips_as_text(ds):
    text = kml.to_kml(ds)
    assert "<script>" not in text and "]]>" not in text
    pms = _placemarks(_parse(text))
    desc = pms["b2"].find("k:description", NS).text
    assert desc == kml.description_html(ds.events.set_index("id").loc["b2"].to_dict() | {"id": "b2"})
    parsed = _html(desc)
    # the only markup is ours; the hostile parts are text
    assert set(parsed.tags) <= {"p", "b", "br", "blockquote", "a"}
    assert "script" not in parsed.tags and "i" not in parsed.tags
    plain = "".join(parsed.text)
    assert HOSTILE_QUOTE in plain
    assert HOSTILE_SOURCE in plain
    assert parsed.hrefs == [URL_B]
    # the attribution and the date are in the description of b1
    b1 = "".join(_html(pms["b1"].find("k:description", NS).text).text)
    assert "Claimed by: SDF media" in b1 and "Date: 29 Nov 2024" in b1 and "Publisher: Report A" in b1
    assert "Published: 2024-12-04" in b1 and "SDF: controlled" in b1


def test_javascript_link_is_not_an_href(ds):
    from dashboard.core.data import build_dataset

    ev_ = ds.events.copy()
    ev_.loc[ev_["id"] == "a1", "source_url"] = "javascript:alert(document.cookie)"
    ds = build_dataset(ev_, ds.places, ds.actors, ds.paths)  # (a data set is immutable: a new one)
    pms = _placemarks(_parse(kml.to_kml(ds)))
    parsed = _html(pms["a1"].find("k:description", NS).text)
    assert "a" not in parsed.tags and parsed.hrefs == []
    assert "javascript:alert(document.cookie)" in "".join(parsed.text)  # shown, not linked
    assert _html(pms["a2"].find("k:description", NS).text).hrefs == [URL_A]


def test_cli_export_kml_writes_the_file_atomically(tmp_path, ds, capsys):
    ev_path, pl_path, ac_path = ds.paths["events"], ds.paths["places"], ds.paths["actors"]
    out = tmp_path / "out"
    out.mkdir()
    target = out / "claims.kml"
    assert cli.main(["export", "--format", "kml", "--events", str(ev_path), "--places", str(pl_path),
                     "--actors", str(ac_path), "--out", str(target)]) == 0
    assert "wrote 7 placemark(s)" in capsys.readouterr().out
    assert [p.name for p in out.iterdir()] == ["claims.kml"]  # no temp file left
    root = _parse(target.read_text(encoding="utf-8"))
    assert len(root.findall(".//k:Placemark", NS)) == 7
    # acled stays the default
    assert cli.main(["export", "--events", str(ev_path), "--places", str(pl_path), "--actors", str(ac_path),
                     "--out", str(out / "acled.csv")]) == 0


def test_bundled_data_kml():
    ds = load_dataset()
    root = _parse(kml.to_kml(ds))
    pms = root.findall(".//k:Placemark", NS)
    assert len(pms) == len(ds.events)
    assert len(root.findall(".//k:Folder", NS)) == ds.events["place"].nunique()
    for pm in pms:
        begin, end = _span(pm)
        assert end is None or end >= begin
