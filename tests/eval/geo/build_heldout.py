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

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2] / "src"))

from steppewatch.geo.evaluate import rusentne_sentences, shared_data_dir  # noqa: E402

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
]

# (Global Voices guid suffix, surface, occurrence, label)
EN = [
    ("319221", "Afghanistan", 0, AF), ("319221", "Turkmenistan", 0, TM),
    ("319931", "Kazakhstan", 0, KZ),
    ("320209", "Afghan", 0, AF), ("320209", "Kabul", 0, KABUL),
    ("321698", "Kazakhstan", 0, KZ),
    ("322689", "Afghan", 0, AF),
]


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


def main() -> None:
    root = shared_data_dir()
    sentences = rusentne_sentences(root)
    ru = [_row("rusentne", str(i), sentences[i], s, occ, lab, "ru") for i, s, occ, lab in RU]
    posts = {}
    for line in (root / "en-news" / "gv_2012-05_posts.jsonl").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            d = json.loads(line)
            posts[d["guid"].rsplit("=", 1)[1]] = d
    en = [_row("gv", posts[g]["guid"], posts[g]["text"], s, occ, lab, "en") for g, s, occ, lab in EN]
    for name, rows in (("heldout_ru", ru), ("heldout_en", en)):
        (HERE / f"{name}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                            encoding="utf-8")
        print(f"{name}.jsonl: {len(rows)} rows")


if __name__ == "__main__":
    main()
