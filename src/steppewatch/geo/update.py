"""``steppewatch gazetteer update``: download full GeoNames dumps and geoBoundaries admin-1.

For users with internet. GeoNames country dumps (``{base}/KZ.zip`` ...) hold every named
feature with its alternate names; the five republics and Afghanistan are taken whole, the
neighbours only inside the region box. Each download's SHA-256 is recorded in ``geo_meta``.
The HTTP client is injected (tests pass one bound to a local server or a mock transport).
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

from ..errors import FetchError, InputError
from ..store import Store
from ..vocab import CORE
from .build import admin1_id, in_region_box, name_rows
from .gazetteer import Entry, NameRow, get_meta, set_meta, write
from .names import is_useful_name

GEONAMES_BASE = "https://download.geonames.org/export/dump"
GEOBOUNDARIES_API = "https://www.geoboundaries.org/api/current/gbOpen/{iso3}/ADM1/"
COUNTRIES = ("KZ", "KG", "TJ", "TM", "UZ", "AF", "CN", "RU", "IR", "PK")
ISO3 = {"KZ": "KAZ", "KG": "KGZ", "TJ": "TJK", "TM": "TKM", "UZ": "UZB", "AF": "AFG"}
_KEEP_CLASSES = {"P", "A", "H", "T", "L", "S", "R", "V"}

Progress = Callable[[str, int, int | None], None]


def _download(client: httpx.Client, url: str, progress: Progress | None) -> bytes:
    try:
        with client.stream("GET", url) as resp:
            if resp.status_code != 200:
                raise FetchError(f"HTTP {resp.status_code}", url=url, status=resp.status_code)
            total = int(resp.headers.get("content-length") or 0) or None
            buf = io.BytesIO()
            for chunk in resp.iter_bytes():
                buf.write(chunk)
                if progress:
                    progress(url, buf.tell(), total)
            return buf.getvalue()
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot download ({type(exc).__name__}); check the internet connection "
                         "or use `steppewatch gazetteer build` offline", url=url) from exc


def parse_dump(data: bytes, country: str) -> Iterator[tuple[Entry, list[tuple[str, str]]]]:
    """Entries of a GeoNames country dump (``XX.zip`` holding ``XX.txt``, 19 tab columns)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        member = next(n for n in zf.namelist() if n.endswith(".txt") and not n.startswith("readme"))
        text = zf.read(member).decode("utf-8")
    except (zipfile.BadZipFile, StopIteration, UnicodeDecodeError) as exc:
        raise InputError(f"not a GeoNames dump ({exc})", input=f"{country}.zip") from exc
    for line in text.split("\n"):
        cols = line.split("\t")
        if len(cols) < 19 or cols[6] not in _KEEP_CLASSES:
            continue
        lat, lon = float(cols[4]), float(cols[5])
        if country not in CORE and not in_region_box(lat, lon):
            continue
        code = cols[7] or "PPL"
        kind = "city" if cols[6] == "P" else "feature"
        prec = (1, 1) if cols[6] in ("P", "S", "T") else (3, 5) if cols[6] in ("H", "L", "V") else (3, 4)
        if code == "ADM2":
            prec = (2, 3)  # a district: ACLED 2, UCDP 3 (second-order admin division)
        entry = Entry(int(cols[0]), cols[1], code, kind, cols[8] or country, None, None, None, lat, lon,
                      int(cols[14] or 0), prec[0], prec[1], False, "geonames-dump")
        names = [(cols[1], "primary")] + [(a, "alternate") for a in cols[3].split(",")
                                          if a and is_useful_name(a) and len(a) >= 3]
        if code == "ADM2":
            names += [(v, "alternate") for n, _ in list(names) for v in district_variants(n)]
        yield entry, names


_DISTRICT_WORD = re.compile(r"(?i)\s+(?:district|wuleswali|woluswali|rayon|tumani|nohiya)$")


def district_variants(name: str) -> list[str]:
    """Spellings news use for a district name: with and without "District", and a name of
    several words run together ("Shah Wali Kot" -> "Shahwalikot", "Shahwalikot District")."""
    bare = _DISTRICT_WORD.sub("", name).strip()
    forms = [bare]
    words = bare.replace("-", " ").split()
    if len(words) > 1:
        forms.append(words[0] + "".join(w.lower() for w in words[1:]))
    out = [f for form in forms for f in (form, f"{form} District")]
    return [f for f in dict.fromkeys(out) if f != name]


def update(store: Store, *, client: httpx.Client | None = None, countries: tuple[str, ...] = COUNTRIES,
           base_url: str = GEONAMES_BASE, boundaries: bool = True,
           progress: Progress | None = None) -> dict[str, Any]:
    """Download and load GeoNames dumps (and geoBoundaries admin-1); returns what was loaded."""
    own = client is None
    client = client or httpx.Client(timeout=60, follow_redirects=True)
    facts: dict[str, Any] = {"countries": {}, "checksums": {}}
    try:
        admin = {(r[0], r[1]) for r in store.query(
            "SELECT country, admin1_iso FROM geo_places WHERE kind = 'admin1'")}
        del admin
        for cc in countries:
            url = f"{base_url.rstrip('/')}/{cc}.zip"
            data = _download(client, url, progress)
            facts["checksums"][url] = hashlib.sha256(data).hexdigest()
            entries: list[Entry] = []
            names: list[NameRow] = []
            known = {r[0] for r in store.query("SELECT id FROM geo_places WHERE country = ?", (cc,))}
            for entry, entry_names in parse_dump(data, cc):
                if entry.id in known:  # keep the package entry (it has admin codes); add names
                    names.extend(name_rows(entry.id, [(n, k) for n, k in entry_names if k != "primary"]))
                    continue
                entries.append(entry)
                names.extend(name_rows(entry.id, entry_names))
            write(store, entries, names)
            facts["countries"][cc] = len(entries)
        if boundaries:
            facts["boundaries"] = _boundaries(store, client, progress, countries)
        meta = get_meta(store).get("update", {})
        meta.update(facts)
        set_meta(store, "update", meta)
    finally:
        if own:
            client.close()
    return facts


def _boundaries(store: Store, client: httpx.Client, progress: Progress | None,
                countries: tuple[str, ...]) -> dict[str, int]:
    from .loaders import load_boundaries

    loaded = {}
    for cc in countries:
        iso3 = ISO3.get(cc)
        if iso3 is None:
            continue
        meta_url = GEOBOUNDARIES_API.format(iso3=iso3)
        try:
            info = httpx.Response(200, content=_download(client, meta_url, progress)).json()
        except ValueError as exc:
            raise FetchError("geoBoundaries answered with something that is not JSON", url=meta_url) from exc
        gj_url = info.get("gjDownloadURL") or info.get("simplifiedGeometryGeoJSON")
        if not gj_url:
            continue
        data = _download(client, gj_url, progress)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{iso3}_ADM1.geojson"
            path.write_bytes(data)
            loaded[cc] = load_boundaries(store, path)["loaded"]
    return loaded


__all__ = ["update", "parse_dump", "admin1_id"]
