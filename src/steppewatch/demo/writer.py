"""Turns one :class:`~.scenes.Scene` into reports: slots per language, then template choice."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from . import lexicon as lx
from . import templates_en, templates_ru
from .scenes import Scene

_T = {"en": templates_en, "ru": templates_ru}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _en_casualties(s: Scene) -> str:
    parts = []
    if s.killed:
        parts.append(f"{_cap(lx.en_count(s.killed, s.victim))} {'was' if s.killed == 1 else 'were'} killed")
    if s.injured:
        if s.killed:
            parts.append(f"{lx.en_num(s.injured)} {'was' if s.injured == 1 else 'were'} injured")
        else:
            parts.append(f"{_cap(lx.en_count(s.injured, s.victim))} {'was' if s.injured == 1 else 'were'} injured")
    if not parts:
        return "No casualties were reported." if s.category in ("border", "militancy", "unrest") else ""
    return " and ".join(parts) + "."


def _ru_casualties(s: Scene) -> str:
    out = []
    if s.killed:
        verb = lx.ru_plural_verb(s.killed, "Погиб", "Погибли")
        out.append(f"{verb} {lx.ru_count(s.killed, s.victim, collective=True)}.")
    if s.injured:
        verb = lx.ru_plural_verb(s.injured, "Ранение получил", "Ранения получили")
        out.append(f"{verb} {lx.ru_count(s.injured, s.victim, collective=True)}.")
    if not out and s.category in ("border", "militancy", "unrest"):
        return "О пострадавших не сообщается."
    return " ".join(out)


def _arrest_victim(s: Scene) -> str:
    return "protester" if s.category == "unrest" else ("suspect" if s.victim in ("smuggler", "suspect") else "person")


def slots(s: Scene, lang: str) -> dict[str, str]:
    """Everything a template of ``lang`` may name, for one scene."""
    a = [lx.ACTORS[k] for k in s.actors] + [lx.ACTORS["un"]] * 2
    other = s.other or s.country
    victim = _arrest_victim(s)
    if lang == "en":
        name, adj = lx.COUNTRY[s.country][:2]
        oname, oadj = lx.COUNTRY[other][:2]
        reg = "" if s.region.en == s.town.en else f" in {s.region.en}"
        d = {
            "place": s.town.en, "reg": reg, "region": s.region.en, "country": name, "Country": name, "adj": adj,
            "Adj": adj, "other": oname, "other_adj": oadj, "a1": a[0][0], "a2": a[1][0],
            "casualties": _en_casualties(s), "n_arrested": lx.en_count(s.arrested, victim),
            "killed_n": lx.en_count(s.killed, s.victim),
            "arrests": f"{_cap(lx.en_count(s.arrested, victim))} {'was' if s.arrested == 1 else 'were'} detained."
            if s.arrested else "",
            "qty": f"{s.qty[0]} kg of {lx.DRUGS[s.qty[1]][0]}" if s.qty else "",
            "facility": s.facility[0] if s.facility else "the canal",
            "group": lx.ACTORS[s.group][0] if s.group else "", "group_short": lx.GROUP_SHORT.get(s.group or "", ""),
        }
        d["Group"] = _cap(d["group"])
    else:
        stem, ostem = lx.BORDER_ADJ_RU[s.country][:-2], lx.BORDER_ADJ_RU[other][:-2]
        reg = "" if s.region.ru in (s.town.ru, s.town.ru + "а") else f" {s.region.ru}"
        g = lx.GROUP_RU.get(s.group or "", ("", "", "", ""))
        k1, k2 = (s.actors + ("un", "un"))[:2]
        d = {
            "place": s.town.ru, "reg": reg, "region_gen": s.region.ru, "country_gen": lx.COUNTRY[s.country][2],
            "country_loc": lx.COUNTRY[s.country][3], "other_gen": lx.COUNTRY[other][2],
            "adj_f": stem + "о", "other_adj_f": ostem + "ой", "adj_i": stem + "ими", "other_adj_i": ostem + "ими",
            "a1": a[0][1], "a2": a[1][1], "casualties": _ru_casualties(s),
            "n_arrested": lx.ru_count(s.arrested, victim, collective=True),
            "arrests": (f"{lx.ru_plural_verb(s.arrested, 'Задержан', 'Задержаны')} "
                        f"{lx.ru_count(s.arrested, victim, collective=True)}.") if s.arrested else "",
            "qty": f"{s.qty[0]} кг {lx.DRUGS[s.qty[1]][1]}" if s.qty else "",
            "facility": s.facility[1] if s.facility else "канала",
            "group": g[0], "group_gen": g[1], "group_dat": g[2], "group_loc": g[3],
            "said": lx.ru_verb("сообщил", k1), "said2": lx.ru_verb("сообщил", k2),
            "blamed2": lx.ru_verb("возложил", k2), "closed": lx.ru_verb("закрыл", k1),
            "held": lx.ru_verb("провёл", k1), "stated": lx.ru_verb("заявил", k1),
        }
    d["A1"], d["A2"] = _cap(d["a1"]), _cap(d["a2"])
    d["N_arrested"] = _cap(d["n_arrested"])
    d["Qty"] = _cap(d["qty"])
    d.update(s.extra)
    return d


def _pick(rng: random.Random, table: Any, subtype: str) -> list[str]:
    return table.get(subtype) or table["*"]


def render(s: Scene, d: dict[str, str], lang: str, day: date, lag: int, rng: random.Random) -> tuple[str, str]:
    """One report: (title, text) of roughly 1.5-2.5 KB."""
    mod = _T[lang]
    t = mod.T[s.category]
    pick = rng.getrandbits(16)
    when = (lx.en_when if lang == "en" else lx.ru_when)(day, lag, pick)
    d["when"], d["When"] = when, _cap(when)
    titles = _pick(rng, t["title"], s.subtype)
    if not s.killed:
        titles = [x for x in titles if "{killed_n}" not in x] or titles
    title = rng.choice(titles).format_map(d)
    paras = [rng.choice(_pick(rng, t["lead"], s.subtype)).format_map(d).replace("  ", " ").strip()]
    details: list[str] = t["detail"]  # type: ignore[assignment]
    paras.append(" ".join(rng.sample(details, min(len(details), 1 + (pick & 1)))).format_map(d))
    pool = list(t["background"]) + mod.REGIONAL  # type: ignore[operator]
    rng.shuffle(pool)
    target = 1500 + (pick >> 6) * 3
    size = sum(len(p) for p in paras)
    for p in pool:
        if size >= target:
            break
        text = p.format_map(d)
        paras.append(text)
        size += len(text)
    paras.append(mod.DISCLAIMER)
    return title, "\n\n".join(paras)
