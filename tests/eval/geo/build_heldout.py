"""Build the held-out geo gold (``heldout_ru.jsonl``, ``heldout_en.jsonl``) from the label
table below. The geoparser was NOT tuned on these rows: they were labelled by hand from the
texts, after the resolver changes they would judge, and they must stay untouched by tuning.

    .venv/bin/python tests/eval/geo/build_heldout.py

Texts: RuSentNE-2023 Central Asia rows (``ru-news/rusentne_ca_rows.tsv``, MIT; document =
the sentence's number among the file's distinct sentences, in file order, from 0) and the
Global Voices posts of May 2012 about the region that the development set does not use
(``en-news``, CC BY 3.0; guids ending 319221, 319931, 320209, 321698, 322689). Only places
in the five republics, Afghanistan and
Xinjiang are labelled; sports teams named by their country ("командой Казахстана") are left
out as organisations. Misspellings in the source ("Жаозене", "Жанозену") are labelled as what
they mean. Coordinates: GeoNames for towns with an id; otherwise the Wikipedia coordinates
of the town or of the admin centre, rounded to 0.01 degree.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2] / "src"))

from steppewatch.geo.evaluate import rusentne_sentences, shared_data_dir, text_of  # noqa: E402

KZ = {"geonameid": 1522867, "country": "KZ", "feature": "PCLI", "lat": None, "lon": None}
KG = {"geonameid": 1527747, "country": "KG", "feature": "PCLI", "lat": None, "lon": None}
AF = {"geonameid": 1149361, "country": "AF", "feature": "PCLI", "lat": None, "lon": None}
TM = {"geonameid": 1218197, "country": "TM", "feature": "PCLI", "lat": None, "lon": None}
CN = {"geonameid": 1814991, "country": "CN", "feature": "PCLI", "lat": None, "lon": None}
XINJIANG = {"geonameid": None, "country": "CN", "feature": "ADM1", "admin1": "CN-XJ", "lat": 43.80, "lon": 87.60}
ZHANAOZEN = {"geonameid": None, "country": "KZ", "admin1": "KZ-47", "lat": 43.34, "lon": 52.86}
MANGYSTAU = {"geonameid": None, "country": "KZ", "feature": "ADM1", "admin1": "KZ-47", "lat": 43.65, "lon": 51.17}
ALMATY_REGION = {"geonameid": None, "country": "KZ", "feature": "ADM1", "admin1": "KZ-19", "lat": 43.87, "lon": 77.07}
KARAGANDA_REGION = {"geonameid": None, "country": "KZ", "feature": "ADM1", "admin1": "KZ-35",
                    "lat": 49.80, "lon": 73.10}
KARKARALY = {"geonameid": None, "country": "KZ", "admin1": "KZ-35", "lat": 49.41, "lon": 75.47}
BEIJING = {"geonameid": 1816670, "country": "CN", "lat": 39.91, "lon": 116.40}
KABUL = {"geonameid": 1138958, "country": "AF", "admin1": "AF-KAB", "lat": 34.53, "lon": 69.17}
TJ = {"geonameid": 1220409, "country": "TJ", "feature": "PCLI", "lat": None, "lon": None}
UZ = {"geonameid": 1512440, "country": "UZ", "feature": "PCLI", "lat": None, "lon": None}
CENTRAL_ASIA = {"geonameid": 1000000135, "name": "Central Asia", "country": None, "lat": 41.0, "lon": 65.0}
# Afghan provinces and districts: the point is the provincial centre (GeoNames) or the
# district's Wikipedia coordinates
PAKTIA = {"geonameid": None, "country": "AF", "feature": "ADM1", "admin1": "AF-PIA", "lat": 33.60, "lon": 69.23}
KUNDUZ_PROVINCE = {"geonameid": None, "country": "AF", "feature": "ADM1", "admin1": "AF-KDZ",
                   "lat": 36.73, "lon": 68.86}
HELMAND = {"geonameid": None, "country": "AF", "feature": "ADM1", "admin1": "AF-HEL", "lat": 31.59, "lon": 64.37}
KAPISA = {"geonameid": None, "country": "AF", "feature": "ADM1", "admin1": "AF-KAP", "lat": 35.02, "lon": 69.33}
ZURMAT = {"geonameid": 1120543, "country": "AF", "admin1": "AF-PIA", "lat": 33.44, "lon": 69.03}
AHMADABAD = {"geonameid": None, "country": "AF", "admin1": "AF-PIA", "lat": 33.58, "lon": 69.37}
LASHKAR_GAH = {"geonameid": 1134720, "country": "AF", "admin1": "AF-HEL", "lat": 31.59, "lon": 64.37}
MARJAH = {"geonameid": None, "country": "AF", "admin1": "AF-HEL", "lat": 31.52, "lon": 64.12}

# (RuSentNE sentence number, surface, occurrence in the sentence (0 = first), label)
RU = [
    (0, "Казахстан", 0, KZ),
    (2, "Казахстане", 0, KZ),
    (3, "Киргизии", 0, KG),
    (4, "Китай", 0, CN),
    (5, "Казахстане", 0, KZ),
    (6, "Казахстана", 0, KZ), (6, "Жанаозен", 0, ZHANAOZEN), (6, "Мангистауской области", 0, MANGYSTAU),
    (7, "Китая", 0, CN), (7, "Синьцзян-Уйгурский автономный район", 0, XINJIANG),
    (8, "Китая", 0, CN), (8, "Синьцзян", 0, XINJIANG),
    (9, "Синьцзяне", 0, XINJIANG), (9, "Пекин", 0, BEIJING),
    (10, "Жанаозене", 0, ZHANAOZEN), (10, "Казахстан", 0, KZ), (10, "Казахстана", 0, KZ),
    (12, "Синьцзян", 0, XINJIANG),
    (13, "Алма-Атинской области", 0, ALMATY_REGION), (13, "Китаем", 0, CN),
    (15, "Синьцзяне", 0, XINJIANG), (15, "Пекина", 0, BEIJING),
    (16, "Казахстане", 0, KZ), (16, "Жанаозене", 0, ZHANAOZEN),
    (18, "Жанаозене", 0, ZHANAOZEN), (18, "Казахстана", 0, KZ),
    (20, "Китай", 0, CN), (20, "Синьцзян", 0, XINJIANG),
    (21, "Жанаозен", 0, ZHANAOZEN),
    (22, "Казахстана", 0, KZ),
    (24, "Казахстана", 0, KZ), (24, "Жаозене", 0, ZHANAOZEN),
    (25, "Китай", 0, CN), (25, "Синьцзяне", 0, XINJIANG),
    (27, "Китая", 0, CN), (27, "Синьцзяне", 0, XINJIANG),
    (28, "Жанозену", 0, ZHANAOZEN), (28, "Казахстана", 0, KZ),
    (31, "киргизском", 0, KG),
    (32, "Киргизские", 0, KG),
    (36, "Карагандинской области", 0, KARAGANDA_REGION),
    (37, "Каркаралинском районе", 0, KARKARALY), (37, "Карагандинской области", 0, KARAGANDA_REGION),
    (38, "Афганистане", 0, AF),
    (113, "Афганистане", 0, AF),
    (164, "Афганистане", 0, AF),
    (169, "Афганистане", 0, AF),
    (171, "Афганистане", 0, AF),
    (209, "Афганистана", 0, AF),
    (263, "Афганистане", 0, AF),
    # added in the second round (frozen before the resolver was run on them)
    (23, "Синьцзяне", 0, XINJIANG),
    (189, "Каписа", 0, KAPISA), (189, "афганских", 0, AF),
    (194, "афганский", 0, AF),
    (213, "Лашкаргаха", 0, LASHKAR_GAH), (213, "Гильменд", 0, HELMAND),
    (222, "афганском", 0, AF), (222, "Марджа", 0, MARJAH),
]

# NEREL negative documents (ru-news/nerel_negative_docs_dev.jsonl) that name places in the
# region in passing: (doc id, surface, occurrence, label). Every place in the region, read by hand.
NEREL_NEG = [
    ("320", "Афганистане", 0, AF),
    ("173578_text", "Афганистане", 0, AF), ("173578_text", "Пактия", 0, PAKTIA),
    ("173578_text", "афганской", 0, AF), ("173578_text", "Пактия", 1, PAKTIA),
    ("173578_text", "афганский", 0, AF), ("173578_text", "афганские", 0, AF),
    ("173578_text", "Зурмат", 0, ZURMAT), ("173578_text", "Ахмадабад", 0, AHMADABAD),
    ("173578_text", "Зурмат", 1, ZURMAT), ("173578_text", "Пактия", 2, PAKTIA),
    ("173578_text", "Кундуз", 0, KUNDUZ_PROVINCE), ("173578_text", "Пактия", 3, PAKTIA),
    ("173578_text", "афганских", 0, AF), ("173578_text", "Пактии", 0, PAKTIA),
    ("173578_text", "Зурмат", 2, ZURMAT), ("173578_text", "Зурмат", 3, ZURMAT),
    ("173578_text", "Афганистане", 1, AF),
]

# (Global Voices guid suffix, surface, occurrence, label)
EN = [
    ("319221", "Afghanistan", 0, AF), ("319221", "Turkmenistan", 0, TM),
    ("319931", "Kazakhstan", 0, KZ),
    ("320209", "Afghan", 0, AF), ("320209", "Kabul", 0, KABUL),
    ("321698", "Kazakhstan", 0, KZ),
    ("322689", "Afghan", 0, AF),
    ("319400", "Afghanistan", 0, AF),
]

# EUvsDisinfo claims (disinfo/posts_full_2015-2021.csv; document = case URL, text = claim
# title, newline, keywords): every occurrence of these names, read by hand in the 28 titles
# and the keywords that contain them. "Uighur" (a people) is not labelled.
DISINFO = [
    (r"Afghanistan", AF), (r"Afghan(?!istan)", AF), (r"Kazakhstan", KZ), (r"Kazakh(?!stan)", KZ),
    (r"Kyrgyzstan", KG), (r"Tajikistan", TJ), (r"Uzbekistan", UZ), (r"Turkmenistan", TM),
    (r"Central Asia", CENTRAL_ASIA),
]

# UCDP actor list (ucdp/ucdp_actor_v22_1_central_asia_afghanistan.csv; document = ActorId,
# text = NameData, newline, Location): countries of the region in the Location line, and the
# country in "Government of X" names. Countries inside organisation names ("Hizb-i
# Islami-yi Afghanistan") and peoples ("Uzbek", "Kyrgyz" as actors) are not places.
UCDP_ACTOR_COUNTRIES = {"Afghanistan": AF, "Tajikistan": TJ, "Kyrgyzstan": KG, "Uzbekistan": UZ,
                        "Kazakhstan": KZ, "Turkmenistan": TM}

# KazNERD (kazakh-ner/IOB2_test.txt), sentences from number 5000 on (the development rows
# end at sentence 4903): GPE/LOCATION entities whose whole text is in this table, read by
# hand; the first 200 in file order. Names that may be a town, a district, a river, a lake
# or a person ("Жамбыл", "Балқаш", "Ақмола", "Арал", "Ертіс", "Қазығұрт") are left out.
def _gn(gid: int, cc: str, admin1: str, lat: float, lon: float) -> dict:
    return {"geonameid": gid, "country": cc, "admin1": admin1, "lat": lat, "lon": lon}


def _adm1(iso: str, lat: float, lon: float) -> dict:
    return {"geonameid": None, "country": iso[:2], "feature": "ADM1", "admin1": iso, "lat": lat, "lon": lon}


ALMATY = _gn(1526384, "KZ", "KZ-75", 43.25, 76.91)
ASTANA = _gn(1526273, "KZ", "KZ-71", 51.18, 71.45)
AKTOBE = _gn(610611, "KZ", "KZ-15", 50.28, 57.21)
TURKESTAN = _gn(1517945, "KZ", "KZ-61", 43.30, 68.26)
KOSTANAY = _gn(1519928, "KZ", "KZ-39", 53.21, 63.62)
ORAL = _gn(608668, "KZ", "KZ-27", 51.25, 51.43)
SHYMKENT = _gn(1518980, "KZ", "KZ-79", 42.31, 69.60)
ATYRAU = _gn(610529, "KZ", "KZ-23", 47.11, 51.88)
OSKEMEN = _gn(1520316, "KZ", "KZ-63", 49.97, 82.61)
ARYS = _gn(1526168, "KZ", "KZ-61", 42.43, 68.81)
PETROPAVL = _gn(1520172, "KZ", "KZ-59", 54.87, 69.15)
SHCHUCHINSK = _gn(1519244, "KZ", "KZ-11", 52.94, 70.19)
ZHEZKAZGAN = _gn(1516589, "KZ", "KZ-62", 47.79, 67.71)
SHARDARA = _gn(1524889, "KZ", "KZ-61", 41.26, 67.97)
AKTAU = _gn(610612, "KZ", "KZ-47", 43.66, 51.17)
TARAZ = _gn(1516905, "KZ", "KZ-31", 42.90, 71.37)
TALDYKORGAN = _gn(1518542, "KZ", "KZ-33", 45.02, 78.37)
SEMEY = _gn(1519422, "KZ", "KZ-10", 50.42, 80.25)
KYZYLORDA = _gn(1519922, "KZ", "KZ-43", 44.85, 65.51)
KARAGANDY = _gn(609655, "KZ", "KZ-35", 49.80, 73.10)
PAVLODAR = _gn(1520240, "KZ", "KZ-55", 52.28, 76.97)
BISHKEK = _gn(1528675, "KG", "KG-GB", 42.87, 74.59)
TEMIRTAU = _gn(1518262, "KZ", "KZ-35", 50.05, 72.96)
RIDDER = _gn(1521370, "KZ", "KZ-63", 50.35, 83.52)
STEPNOGORSK = _gn(1537939, "KZ", "KZ-11", 52.35, 71.88)
KENTAU = _gn(1522751, "KZ", "KZ-61", 43.52, 68.51)
BAIKONUR = _gn(1521368, "KZ", "KZ-43", 45.62, 63.32)
TASHKENT = _gn(1512569, "UZ", "UZ-TK", 41.26, 69.22)
SAMARKAND = _gn(1216265, "UZ", "UZ-SA", 39.65, 66.96)
RUDNYY = _gn(1519843, "KZ", "KZ-39", 52.97, 63.11)
KONAYEV = _gn(1519948, "KZ", "KZ-19", 43.87, 77.06)
ARKALYK = _gn(1526193, "KZ", "KZ-39", 50.25, 66.90)
KAZALY = _gn(1522862, "KZ", "KZ-43", 45.76, 62.10)
KANDYAGASH = _gn(608679, "KZ", "KZ-15", 49.47, 57.42)
SARAN = _gn(1519725, "KZ", "KZ-35", 49.80, 72.83)
ARSHALY = _gn(1517443, "KZ", "KZ-11", 50.83, 72.18)
AF_ = AF

KK: dict[str, dict] = {}
for forms, label in [
    ("Қазақстан Қазақстанның Қазақстанда Қазақстанға Қазақстандағы Қазақстанды Қазақстанмен", KZ),
    ("Өзбекстан Өзбекстандағы", UZ), ("Қырғызстан", KG), ("Тәжікстан", TJ), ("Түрікменстан", TM),
    ("Ауғанстандағы", AF_),
    ("Алматы Алматыда Алматыдағы Алматыдан Алматыға Алматының", ALMATY),
    ("Нұр-Сұлтан Астана Астанадан Астанада", ASTANA), ("Ақтөбе Ақтөбеде Ақтөбедегі Ақтөбеден", AKTOBE),
    ("Түркістан Түркістанда Түркістанға Түркістандағы", TURKESTAN), ("Қостанай Қостанайда", KOSTANAY),
    ("Орал Оралда", ORAL), ("Шымкент Шымкентте Шымкенттен", SHYMKENT), ("Атырау Атырауда Атыраудағы", ATYRAU),
    ("Өскемен Өскеменде Өскемендегі Өскеменнің Өскеменнен", OSKEMEN), ("Арыс Арыста Арыстағы", ARYS),
    ("Петропавл Петропавлда", PETROPAVL), ("Щучинск", SHCHUCHINSK), ("Жезқазған", ZHEZKAZGAN),
    ("Шардара Шардараға", SHARDARA), ("Ақтау Ақтаудан Ақтауда", AKTAU), ("Тараз", TARAZ),
    ("Талдықорғанда Талдықорғандағы", TALDYKORGAN), ("Семейде Семейдегі Семейдің", SEMEY),
    ("Қызылорда Қызылордада Қызылордадағы", KYZYLORDA), ("Қарағандыда Қарағандыдағы", KARAGANDY),
    ("Павлодар Павлодардың Павлодарда", PAVLODAR), ("Бішкекте", BISHKEK), ("Теміртауға Теміртаудың", TEMIRTAU),
    ("Риддер", RIDDER), ("Степногорск", STEPNOGORSK), ("Кентау", KENTAU), ("Байқоңыр Байқоңырда", BAIKONUR),
    ("Ташкент Ташкенттегі Ташкентті", TASHKENT), ("Самарқаннан", SAMARKAND), ("Рудный", RUDNYY),
    ("Қапчағайда", KONAYEV), ("Арқалық Арқалықтың", ARKALYK), ("Қазалы", KAZALY), ("Қандыағаш", KANDYAGASH),
    ("Саран", SARAN), ("Аршалы", ARSHALY),
]:
    for form in forms.split():
        KK[form] = label
for stem, label in [
    ("Түркістан облыс", _adm1("KZ-61", 43.30, 68.26)), ("Қарағанды облыс", _adm1("KZ-35", 49.80, 73.10)),
    ("Алматы облыс", _adm1("KZ-19", 43.87, 77.06)), ("Ақмола облыс", _adm1("KZ-11", 53.28, 69.39)),
    ("Қызылорда облыс", _adm1("KZ-43", 44.85, 65.51)), ("Павлодар облыс", _adm1("KZ-55", 52.28, 76.97)),
    ("Батыс Қазақстан облыс", _adm1("KZ-27", 51.25, 51.43)), ("Жамбыл облыс", _adm1("KZ-31", 42.90, 71.37)),
    ("Солтүстік Қазақстан облыс", _adm1("KZ-59", 54.87, 69.15)),
    ("Шығыс Қазақстан облыс", _adm1("KZ-63", 49.97, 82.61)), ("Қостанай облыс", _adm1("KZ-39", 53.21, 63.62)),
    ("Атырау облыс", _adm1("KZ-23", 47.11, 51.88)), ("Ақтөбе облыс", _adm1("KZ-15", 50.28, 57.21)),
]:
    for end in ("ы", "ында", "ынан", "ындағы", "ының", "ына"):
        KK[stem + end] = label
KK["Маңғыстауға"] = KK["Маңғыстаудың"] = _adm1("KZ-47", 43.66, 51.17)
KK_FIRST_SENTENCE, KK_LIMIT = 5000, 200
# Second round (split "heldout2", file heldout_kk2.jsonl): the same table on the sentences after
# the first round's last row (sentence 7201), first 200. Written before the Kazakh suffix
# changes that the first round's misses asked for, so that those changes are judged on rows
# that did not motivate them.
KK2_FIRST_SENTENCE = 7202


def _at(text: str, surface: str, occurrence: int) -> int:
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(surface, pos + 1)
        if pos < 0:
            raise SystemExit(f"{surface!r} (occurrence {occurrence}) not in the text")
    return pos


def _row(corpus: str, doc: str, text: str, surface: str, occ: int, label: dict, lang: str) -> dict:
    start = _at(text, surface, occ)
    return {"task": "toponym", "split": "heldout", "corpus": corpus, "doc": doc, "start": start,
            "end": start + len(surface), "text": surface, "language": lang, **label}


def _pattern_rows(corpus: str, doc: str, text: str, table: list[tuple[str, dict]], lang: str) -> list[dict]:
    rows, taken = [], []
    for pattern, label in table:
        for m in re.finditer(rf"\b{pattern}\b", text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append(m.span())
            rows.append({"task": "toponym", "split": "heldout", "corpus": corpus, "doc": doc, "start": m.start(),
                         "end": m.end(), "text": m.group(), "language": lang, **label})
    return sorted(rows, key=lambda r: r["start"])


def disinfo(root: Path) -> list[dict]:
    rows = []
    with (root / "disinfo" / "posts_full_2015-2021.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            text = text_of("disinfo", r["id"], root)
            title_hits = _pattern_rows("disinfo", r["id"], text[: len(r["title"])], DISINFO, "en")
            keyword_hits = [h for h in _pattern_rows("disinfo", r["id"], text, DISINFO, "en")
                            if h["start"] > len(r["title"])]
            if title_hits or r["id"] in _ca_cases(root):
                rows += title_hits + keyword_hits
    return rows


def _ca_cases(root: Path) -> set[str]:
    with (root / "disinfo" / "posts_central_asia.csv").open(encoding="utf-8") as fh:
        return {r["id"] for r in csv.DictReader(fh)}


def ucdp_actors(root: Path) -> list[dict]:
    rows = []
    with (root / "ucdp" / "ucdp_actor_v22_1_central_asia_afghanistan.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            doc = r["ActorId"]
            text = text_of("ucdp_actor", doc, root)
            name_end = text.index("\n")
            table = [(name, lab) for name, lab in UCDP_ACTOR_COUNTRIES.items()]
            for h in _pattern_rows("ucdp_actor", doc, text, table, "en"):
                if h["start"] > name_end or text[: h["start"]] == "Government of ":
                    rows.append(h)
    return rows


def kaznerd(root: Path, first: int = KK_FIRST_SENTENCE, split: str = "heldout") -> list[dict]:
    rows: list[dict] = []
    toks: list[str] = []
    tags: list[str] = []
    n = 0
    for line in (root / "kazakh-ner" / "IOB2_test.txt").read_text(encoding="utf-8").split("\n") + [""]:
        if line.strip():
            toks.append(line.split()[0])
            tags.append(line.split()[-1])
            continue
        if toks and n >= first:
            offs = [sum(len(t) + 1 for t in toks[:i]) for i in range(len(toks))]
            i = 0
            while i < len(toks):
                kind = tags[i][2:]
                j = i + 1
                while tags[i].startswith("B-") and j < len(toks) and tags[j] == f"I-{kind}":
                    j += 1
                surface = " ".join(toks[i:j])
                if tags[i] in ("B-GPE", "B-LOCATION") and surface in KK and len(rows) < KK_LIMIT:
                    rows.append({"task": "toponym", "split": split, "corpus": "kaznerd", "doc": str(n),
                                 "start": offs[i], "end": offs[i] + len(surface), "text": surface,
                                 "language": "kk", **KK[surface]})
                i = j
        if toks:
            n += 1
        toks, tags = [], []
    return rows


def main() -> None:
    root = shared_data_dir()
    sentences = rusentne_sentences(root)
    ru = [_row("rusentne", str(i), sentences[i], s, occ, lab, "ru") for i, s, occ, lab in RU]
    ru += [_row("nerel", doc, text_of("nerel", doc, root), s, occ, lab, "ru") for doc, s, occ, lab in NEREL_NEG]
    posts = {}
    for line in (root / "en-news" / "gv_2012-05_posts.jsonl").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            d = json.loads(line)
            posts[d["guid"].rsplit("=", 1)[1]] = d
    en = [_row("gv", posts[g]["guid"], posts[g]["text"], s, occ, lab, "en") for g, s, occ, lab in EN]
    en += disinfo(root) + ucdp_actors(root)
    for name, rows in (("heldout_ru", ru), ("heldout_en", en), ("heldout_kk", kaznerd(root)),
                       ("heldout_kk2", kaznerd(root, KK2_FIRST_SENTENCE, "heldout2"))):
        (HERE / f"{name}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                            encoding="utf-8")
        print(f"{name}.jsonl: {len(rows)} rows")


if __name__ == "__main__":
    main()
