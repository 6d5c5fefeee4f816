"""Date expressions in English and Russian, resolved against a reference date.

Each expression keeps its raw text, resolved value, precision and basis side by side
(``models.DateRef``): "on Tuesday" -> the last Tuesday on or before publication, precision day,
basis ``relative:on Tuesday``. Explicit dates without a year take the reference year (the year
before when that would put them more than a week after the reference).
Rules (our own): "overnight"/"last night"/"ночью" resolve to the day before publication;
"last week"/"на прошлой неделе" to the Monday of the previous week, precision week.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..models import DateRef

_EN_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_EN_MONTHS.update({m[:3]: i for m, i in list(_EN_MONTHS.items())})
_EN_MONTHS["sept"] = 9
_RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}
_EN_DAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_RU_DAYS = {"понедельник": 0, "вторник": 1, "сред": 2, "четверг": 3, "пятниц": 4, "суббот": 5, "воскресень": 6}

_EN_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_RU_MON = r"(?P<mon>январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])"  # noqa: E501
_RU_MON_LOC = r"(?P<mon>январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)"
_RU_DOW = r"(?P<dow>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
_EN_DOW = r"(?P<dow>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("dmy_num", re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)\b")),
    ("en_mdy", re.compile(r"\b" + _EN_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d\d))?\b", re.I)),  # noqa: E501
    ("en_dmy", re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+" + _EN_MON + r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b", re.I)),  # noqa: E501
    ("ru_dmy", re.compile(r"(?<!\w)(?P<d>\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s+" + _RU_MON + r"(?:\s+(?P<y>(?:19|20)\d\d)(?:\s*(?:года|г\.))?)?", re.I)),  # noqa: E501
    ("en_my", re.compile(r"\b(?:in|since|during)\s+" + _EN_MON + r"\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
    ("ru_my", re.compile(r"(?<!\w)в\s+" + _RU_MON_LOC + r"(?:\s+(?P<y>(?:19|20)\d\d)\s+года)?", re.I)),
    ("en_rel", re.compile(r"\b(?P<rel>yesterday|today|overnight|last night|last week|this week|earlier this week|last month|the day before)\b", re.I)),  # noqa: E501
    ("ru_rel", re.compile(r"(?<!\w)(?P<rel>позавчера|вчера|сегодня|ночью|накануне|на прошлой неделе|на этой неделе|в прошлом месяце|в минувшие выходные)(?!\w)", re.I)),  # noqa: E501
    ("en_dow", re.compile(r"\b(?:on\s+|last\s+|this\s+)?" + _EN_DOW + r"\b", re.I)),
    ("ru_dow", re.compile(r"(?<!\w)(?:в|во)\s+(?:минувш(?:ий|ую|ее)\s+|прошл(?:ый|ую|ое)\s+)?" + _RU_DOW + r"(?!\w)", re.I)),  # noqa: E501
    ("year", re.compile(r"(?<!\w)(?:в|in)\s+(?P<y>(?:19|20)\d\d)(?:\s+год[уа])?(?!\w)", re.I)),
]
# Dates that frame background rather than the event ("since 1991", "с 1989 года", "до 2020 года"),
# or that a plan is set for ("elections scheduled for 26 April", "выборы, назначенные на 26 апреля").
_BACKGROUND = re.compile(
    r"(?:\b(?:since|until|till|by|before|scheduled for|set for|planned for|due on|to be held on)|"
    r"(?<!\w)(?:с|со|до|после|к|назначенн\w*\s+на|запланированн\w*\s+на|намеченн\w*\s+на))\s*$", re.I)


@dataclass(frozen=True, slots=True)
class DateHit:
    ref: DateRef
    start: int
    end: int
    explicit: bool  # carries its own day/month/year rather than leaning on the reference
    background: bool


def _month(name: str, ru: bool) -> int | None:
    name = name.lower().rstrip(".")
    if not ru:
        return _EN_MONTHS.get(name) or _EN_MONTHS.get(name[:3])
    for stem, num in _RU_MONTHS.items():
        if name.startswith(stem) and (stem != "ма" or name in ("май", "мая", "мае")):
            return num
    return None


def _day_of_week(name: str, ru: bool) -> int | None:
    name = name.lower()
    table = _RU_DAYS if ru else _EN_DAYS
    for stem, num in table.items():
        if name.startswith(stem):
            return num
    return None


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(m: int, d: int, ref: date | None) -> int | None:
    if ref is None:
        return None
    candidate = _safe(ref.year, m, d)
    if candidate and candidate > ref + timedelta(days=7):
        return ref.year - 1
    return ref.year


def find_dates(text: str, start: int, end: int, ref: date | None) -> list[DateHit]:
    """Date expressions in ``text[start:end]`` resolved against ``ref`` (publication date)."""
    out: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    chunk = text[start:end]
    for kind, pat in _PATTERNS:
        for m in pat.finditer(chunk):
            s, e = start + m.start(), start + m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            hit = _resolve(kind, m, ref)
            if hit is None:
                continue
            value, precision, explicit = hit
            raw = text[s:e]
            basis = "stated" if explicit else f"relative:{raw.strip().lower()}"
            background = bool(_BACKGROUND.search(text[max(0, s - 24):s]))
            out.append(DateHit(DateRef(raw, value, precision, basis), s, e, explicit, background))
            taken.append((s, e))
    return sorted(out, key=lambda h: h.start)


def _resolve(kind: str, m: re.Match[str], ref: date | None) -> tuple[date | None, str, bool] | None:
    g = m.groupdict()
    ru = kind.startswith("ru")
    if kind in ("iso", "dmy_num"):
        v = _safe(int(g["y"]), int(g["m"]), int(g["d"]))
        return (v, "day", True) if v else None
    if kind in ("en_mdy", "en_dmy", "ru_dmy"):
        mon = _month(g["mon"], ru)
        day = int(g["d"])
        if not mon or not 1 <= day <= 31:
            return None
        year = int(g["y"]) if g.get("y") else _year_for(mon, day, ref)
        if year is None:
            return (None, "day", False)
        v = _safe(year, mon, day)
        return (v, "day", bool(g.get("y"))) if v else None
    if kind in ("en_my", "ru_my"):
        mon = _month(g["mon"], ru)
        if not mon:
            return None
        year = int(g["y"]) if g.get("y") else (ref.year if ref else None)
        if year is None:
            return None
        return (date(year, mon, 1), "month", bool(g.get("y")))
    if kind == "year":
        return (date(int(g["y"]), 1, 1), "year", True)
    if ref is None:
        return (None, "unknown", False)
    if kind in ("en_rel", "ru_rel"):
        rel = g["rel"].lower()
        if rel in ("yesterday", "вчера", "overnight", "last night", "ночью", "накануне", "the day before"):
            return (ref - timedelta(days=1), "day", False)
        if rel == "позавчера":
            return (ref - timedelta(days=2), "day", False)
        if rel in ("today", "сегодня"):
            return (ref, "day", False)
        if rel in ("last week", "на прошлой неделе"):
            return (ref - timedelta(days=ref.weekday() + 7), "week", False)
        if rel in ("this week", "earlier this week", "на этой неделе"):
            return (ref - timedelta(days=ref.weekday()), "week", False)
        if rel == "в минувшие выходные":
            return (ref - timedelta(days=(ref.weekday() - 5) % 7 or 7), "week", False)
        prev = (ref.replace(day=1) - timedelta(days=1)).replace(day=1)
        return (prev, "month", False)
    dow = _day_of_week(g["dow"], ru)
    if dow is None:
        return None
    back = (ref.weekday() - dow) % 7
    return (ref - timedelta(days=back), "day", False)


def best_date(hits: list[DateHit], cue_pos: int) -> DateHit | None:
    """The date that most likely dates the event at ``cue_pos``: not background, explicit
    before relative, then closest to the cue."""
    usable = [h for h in hits if not h.background and h.ref.value is not None]
    if not usable:
        return None
    day_level = [h for h in usable if h.ref.precision in ("day", "week")] or usable
    return min(day_level, key=lambda h: (not h.explicit and any(x.explicit for x in day_level),
                                         abs(h.start - cue_pos)))
