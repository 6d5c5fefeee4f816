"""Exact indicator arithmetic over the integer snapshot, with numpy.

Input is a :class:`Frame`: one entry per event (dictionary codes for country, admin1 and
category, the day as a proleptic ordinal, fatalities, near-infrastructure flag, marking rank)
and two pair lists (event, actor code) and (event, source code). Output is every indicator row of
every (period kind, country, period) cell the frame covers, for every marking ceiling.

Everything is grouping by sorting packed int64 keys (``np.sort`` is vectorised; ``np.unique``
and ``argsort`` are several times slower on large arrays):

- events and fatalities: each event's finest cell (country, period, admin1, category) gets a
  dense id; sums are ``bincount`` per (cell, rank), accumulated over ranks, so an event of rank
  r counts for every ceiling >= r; roll-ups (``'*'``) sum the finest cells.
- distinct actors and sources: the (cell, code, rank) triples of each grouping are sorted once;
  the first triple of each (cell, code) carries its lowest rank, so the pair counts for every
  ceiling at or above that rank. Exact, never estimated.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_EPOCH = 719163  # date(1970, 1, 1).toordinal()
ALL_CODE = -1  # the '*' roll-up in admin1 / category columns of the output


@dataclass
class Frame:
    """Columns of snapshot events (int64 arrays of equal length) and their link pairs."""

    ek: np.ndarray
    country: np.ndarray
    admin1: np.ndarray
    category: np.ndarray
    day: np.ndarray
    fat_low: np.ndarray
    fat_best: np.ndarray
    fat_high: np.ndarray
    near: np.ndarray
    rank: np.ndarray
    actor_event: np.ndarray  # index into the event columns
    actor_code: np.ndarray
    source_event: np.ndarray
    source_code: np.ndarray

    def __len__(self) -> int:
        return len(self.ek)


@dataclass
class Cells:
    """Indicator rows as columns: one entry per (cell, ceiling) with at least one event."""

    kind: str
    country: np.ndarray
    period: np.ndarray  # week: ordinal of the Monday; month: months since 1970-01
    admin1: np.ndarray  # ALL_CODE = '*'
    category: np.ndarray
    level: np.ndarray
    events: np.ndarray
    fat_low: np.ndarray
    fat_best: np.ndarray
    fat_high: np.ndarray
    actors: np.ndarray
    sources: np.ndarray
    near: np.ndarray
    share: np.ndarray

    def __len__(self) -> int:
        return len(self.events)


def week_of(day: np.ndarray) -> np.ndarray:
    """Ordinal of the ISO-week Monday (ordinal 1, 0001-01-01, is a Monday)."""
    return day - (day - 1) % 7


def month_of(day: np.ndarray) -> np.ndarray:
    """Months since 1970-01 of each ordinal day."""
    return (day - _EPOCH).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def period_of(kind: str, day: np.ndarray) -> np.ndarray:
    return week_of(day) if kind == "week" else month_of(day)


def _bits(values: np.ndarray) -> int:
    return max(1, int(values.max()).bit_length()) if len(values) else 1


def _dense(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sorted distinct values, index of each value among them) of a small-range int array."""
    if not len(values):
        return values, values
    lo = int(values.min())
    shifted = values - lo
    present = np.zeros(int(shifted.max()) + 1, dtype=bool)
    present[shifted] = True
    distinct = np.flatnonzero(present)
    lookup = np.cumsum(present) - 1
    return distinct + lo, lookup[shifted]


def _pack(columns: list[np.ndarray], widths: list[int]) -> np.ndarray:
    """Pack non-negative int columns into one int64 key (most significant first)."""
    if sum(widths) > 62:
        raise OverflowError("packed key does not fit in 63 bits")
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for col, w in zip(columns, widths, strict=True):
        key = (key << w) | col
    return key


def _sort(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sorted keys, permutation): one vectorised sort of key|index (int32 when it fits)."""
    n = len(key)
    ib = max(1, (n - 1).bit_length())
    kb = _bits(key)
    if kb + ib > 62:
        order = np.argsort(key, kind="stable")
        return key[order], order
    packed = (key << ib) | np.arange(n, dtype=np.int64)
    s = np.sort(packed.astype(np.int32)).astype(np.int64) if kb + ib <= 31 else np.sort(packed)
    return s >> ib, s & ((1 << ib) - 1)


def _starts(sorted_key: np.ndarray) -> np.ndarray:
    """True where a run of equal keys begins."""
    start = np.empty(len(sorted_key), dtype=bool)
    if len(start):
        start[0] = True
        np.not_equal(sorted_key[1:], sorted_key[:-1], out=start[1:])
    return start


def _group(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct sorted keys, dense group id of each element)."""
    if not len(key):
        return key, key
    sk, order = _sort(key)
    start = _starts(sk)
    gid = np.empty(len(key), dtype=np.int64)
    gid[order] = np.cumsum(start) - 1
    return sk[start], gid


def _distinct(cols: dict[str, np.ndarray], widths: dict[str, int], fine: np.ndarray, rank: np.ndarray,
              maps: list[np.ndarray], ncells: int, nl: int) -> np.ndarray:
    """Distinct codes per (cell, ceiling) for the four groupings, from two sorts of the pairs.

    Sorted by (country, period, code, admin1, category), runs of equal prefixes are the distinct
    pairs of the fine cells, of (admin1, *) and of (*, *); sorted by (..., code, category, admin1)
    they are those of (*, category). Each run counts once, at the lowest rank among its events.
    """
    counts = np.zeros((ncells, nl), dtype=np.float64)
    if not len(fine):
        return counts
    aw, gw = widths["a"], widths["g"]
    plans = ((("c", "p", "k", "a", "g"), ((0, maps[0]), (gw, maps[1]), (gw + aw, maps[3]))),
             (("c", "p", "k", "g", "a"), ((aw, maps[2]),)))
    for order, runs in plans:
        key = _pack([cols[x] for x in order], [widths[x] for x in order])
        sk, perm = _sort(key)
        r_sorted, f_sorted = rank[perm], fine[perm]
        for drop, cell_of_fine in runs:
            first = np.flatnonzero(_starts(sk >> drop))
            low = np.minimum.reduceat(r_sorted, first)
            cell = cell_of_fine[f_sorted[first]]
            counts += np.cumsum(np.bincount(cell * nl + low, minlength=ncells * nl).reshape(ncells, nl), axis=1)
    return counts


def aggregate(frame: Frame, kind: str, levels: list[int]) -> Cells:
    """Every indicator row of ``kind`` for the cells present in ``frame``, for each ceiling."""
    ranks = np.asarray(levels, dtype=np.int64)
    nl = len(levels)
    if not len(frame) or not nl:
        z = np.zeros(0, dtype=np.int64)
        return Cells(kind, z, z, z, z, z, z, z, z, z, z, z, z, np.zeros(0))
    rank_idx = np.searchsorted(ranks, frame.rank)  # callers pass every rank present as a level
    countries, c_ix = _dense(frame.country)
    periods, p_ix = _dense(period_of(kind, frame.day))
    admins, a_ix = _dense(frame.admin1)
    cats, g_ix = _dense(frame.category)
    na, ng = len(admins), len(cats)  # index na / ng stands for '*'
    cw, pw, aw, gw = _bits(c_ix), _bits(p_ix), _bits(np.array([na])), _bits(np.array([ng]))
    fine, fine_id = _group(_pack([c_ix, p_ix, a_ix, g_ix], [cw, pw, aw, gw]))
    nf = len(fine)
    fg, fa, fcp = fine & ((1 << gw) - 1), (fine >> gw) & ((1 << aw) - 1), fine >> (gw + aw)
    # the four groupings (admin1 x category, admin1 x *, * x category, * x *) as maps fine -> cell
    alls_a, alls_g = np.full(nf, na, dtype=np.int64), np.full(nf, ng, dtype=np.int64)
    maps, keys, offset = [], [], 0
    for ga, gg in ((fa, fg), (fa, alls_g), (alls_a, fg), (alls_a, alls_g)):
        distinct, gid = _group(_pack([fcp, ga, gg], [cw + pw, aw, gw]))
        maps.append(gid + offset)
        keys.append(distinct)
        offset += len(distinct)
    ncells = offset
    cell_map = np.concatenate(maps)  # every fine cell appears once per grouping

    def summed(weights: np.ndarray | None) -> np.ndarray:
        per_rank = np.bincount(fine_id * nl + rank_idx, weights=weights, minlength=nf * nl)
        cum = np.cumsum(per_rank.reshape(nf, nl), axis=1)  # rank r counts for every ceiling >= r
        tiled = np.tile(cum, (4, 1))
        return np.stack([np.bincount(cell_map, weights=tiled[:, j], minlength=ncells) for j in range(nl)],
                        axis=1)

    events = summed(None)
    sums = [summed(w.astype(np.float64)) for w in (frame.fat_low, frame.fat_best, frame.fat_high, frame.near)]
    distinct_counts = []
    for ev, code in ((frame.actor_event, frame.actor_code), (frame.source_event, frame.source_code)):
        _, k_ix = _dense(code)
        cols = {"c": c_ix[ev], "p": p_ix[ev], "a": a_ix[ev], "g": g_ix[ev], "k": k_ix}
        widths = {"c": cw, "p": pw, "a": aw, "g": gw, "k": _bits(k_ix)}
        distinct_counts.append(_distinct(cols, widths, fine_id[ev], rank_idx[ev], maps, ncells, nl))
    key = np.concatenate(keys)
    g, a, cp = key & ((1 << gw) - 1), (key >> gw) & ((1 << aw) - 1), key >> (gw + aw)
    country, period = countries[cp >> pw], periods[cp & ((1 << pw) - 1)]
    admin1 = np.where(a == na, ALL_CODE, admins[np.minimum(a, na - 1)])
    category = np.where(g == ng, ALL_CODE, cats[np.minimum(g, ng - 1)])
    # share of the (country, period) total: the (*, *) cells form the last block, sorted by cp
    totals = keys[3] >> (gw + aw)
    tot_index = (ncells - len(totals)) + np.searchsorted(totals, cp)
    share = events / np.maximum(events[tot_index], 1)
    cell_ix, level_ix = np.nonzero(events > 0)
    return Cells(
        kind=kind, country=country[cell_ix], period=period[cell_ix], admin1=admin1[cell_ix],
        category=category[cell_ix], level=ranks[level_ix], events=_int(events[cell_ix, level_ix]),
        fat_low=_int(sums[0][cell_ix, level_ix]), fat_best=_int(sums[1][cell_ix, level_ix]),
        fat_high=_int(sums[2][cell_ix, level_ix]), near=_int(sums[3][cell_ix, level_ix]),
        actors=_int(distinct_counts[0][cell_ix, level_ix]), sources=_int(distinct_counts[1][cell_ix, level_ix]),
        share=share[cell_ix, level_ix])


def _int(a: np.ndarray) -> np.ndarray:
    return np.rint(a).astype(np.int64)


def first_seen(frame: Frame, levels: list[int]) -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Per ceiling, each (country, actor)'s first day and every event of that day with the actor.

    Returns one (ceiling, country codes, actor codes, days, event keys) tuple per ceiling; the
    caller breaks ties between events of the first day by event id.
    """
    out: list[tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    ev, code = frame.actor_event, frame.actor_code
    if not len(ev):
        return out
    country, day, rank, ek = frame.country[ev], frame.day[ev], frame.rank[ev], frame.ek[ev]
    d0 = int(day.min())
    for level in levels:
        keep = rank <= level
        if not keep.any():
            continue
        c, k, d, e = country[keep], code[keep], day[keep] - d0, ek[keep]
        dw = _bits(d)
        sk, perm = _sort(_pack([c, k, d], [_bits(c), _bits(k), dw]))
        pair, days = sk >> dw, sk & ((1 << dw) - 1)
        start = _starts(pair)
        on_first_day = days == days[start][np.cumsum(start) - 1]
        chosen = perm[on_first_day]
        out.append((level, c[chosen], k[chosen], d[chosen] + d0, e[chosen]))
    return out
