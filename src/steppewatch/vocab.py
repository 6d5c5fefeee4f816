"""Closed vocabularies: handling markings, categories, precision codes, countries, sectors.

Figures that come from elsewhere carry their source in a comment:

- TLP 2.0 labels: FIRST, "Traffic Light Protocol (TLP) Version 2.0" (2022).
- UCDP ``where_prec`` 1-7 and ``date_prec`` 1-5: UCDP GED Codebook version 19.1, sections 3.4-3.5.
- ACLED ``geo_precision`` 1-3 and ``time_precision`` 1-3: ACLED Codebook (2023), "Geo-precision".
- PLOVER actor types: the PLOVER specification (openeventdata/PLOVER, ``PLOVER_MANUAL``).
"""

from __future__ import annotations

from enum import StrEnum


class Tlp(StrEnum):
    """TLP 2.0 handling markings, ordered from least to most restricted."""

    CLEAR = "clear"
    GREEN = "green"
    AMBER = "amber"
    AMBER_STRICT = "amber+strict"
    RED = "red"

    @property
    def rank(self) -> int:
        return _TLP_ORDER.index(self)

    @property
    def label(self) -> str:
        """The label as TLP 2.0 prints it, e.g. ``TLP:AMBER+STRICT``."""
        return "TLP:" + self.value.upper()

    @classmethod
    def parse(cls, value: str | Tlp) -> Tlp:
        if isinstance(value, Tlp):
            return value
        text = str(value).strip().lower().removeprefix("tlp:")
        if text == "white":  # TLP 1.0 name, replaced by CLEAR in TLP 2.0
            text = "clear"
        try:
            return cls(text)
        except ValueError:
            options = ", ".join(t.value for t in cls)
            raise ValueError(f"unknown TLP marking {value!r}; use one of: {options}") from None

    def allows(self, marking: Tlp | str) -> bool:
        """True when a reader cleared up to ``self`` may see ``marking``."""
        return Tlp.parse(marking).rank <= self.rank


_TLP_ORDER = [Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT, Tlp.RED]


def most_restrictive(*markings: Tlp | str) -> Tlp:
    """The most restrictive of several markings (an event is as restricted as its sources)."""
    parsed = [Tlp.parse(m) for m in markings] or [Tlp.CLEAR]
    return max(parsed, key=lambda t: t.rank)


# --- event taxonomy v1 -------------------------------------------------------------------

CATEGORIES: dict[str, tuple[str, ...]] = {
    "border": (
        "armed_clash",
        "shooting_incident",
        "detention_of_crossers",
        "closure_reopening",
        "demarcation",
        "incursion",
    ),
    "water": ("allocation_dispute", "infrastructure_incident", "shortage", "agreement"),
    "narcotics": ("seizure", "arrest", "route_report", "cooperation"),
    "militancy": (
        "attack",
        "bombing",
        "counter_terrorism_operation",
        "arrest",
        "recruitment",
        "prison_break",
        "group_activity",
    ),
    "unrest": (
        "peaceful_protest",
        "violent_protest",
        "strike",
        "crackdown",
        "state_of_emergency",
        "intercommunal_clash",
    ),
    "energy": ("attack_on_infrastructure", "outage", "supply_dispute", "deal", "transit"),
    "military": (
        "deployment_basing",
        "exercise",
        "arms_transfer",
        "aid_training",
        "security_summit",
        "peacekeeping",
        "accident",
    ),
    "environment": ("earthquake", "flood_mudflow", "avalanche_landslide", "drought", "aral_sea", "other_hazard"),
    "information": ("disinformation", "media_blocking", "journalist_detained", "foreign_influence", "cyber_attack"),
    "governance": (
        "election",
        "leadership_change",
        "appointment_dismissal",
        "constitutional_change",
        "corruption_case",
        "political_trial",
        "rights_abuse",
    ),
    "diplomacy": ("summit_visit", "agreement", "un_activity", "mediation", "sanctions", "diplomatic_row"),
    "other": ("not_relevant",),
}
CATEGORY_KEYS: tuple[str, ...] = tuple(CATEGORIES)
SECURITY_CATEGORIES: tuple[str, ...] = tuple(k for k in CATEGORY_KEYS if k != "other")

# --- countries ---------------------------------------------------------------------------

#: The five republics watched on their own terms.
CENTRAL_ASIA: tuple[str, ...] = ("KZ", "KG", "TJ", "TM", "UZ")
#: Neighbours that shape the region (Xinjiang is covered through CN).
NEIGHBOURS: tuple[str, ...] = ("AF", "CN", "IR", "PK", "RU")
REGION: tuple[str, ...] = CENTRAL_ASIA + NEIGHBOURS
#: The five republics and Afghanistan: where the coder's and the geoparser's regional priors apply.
CORE: frozenset[str] = frozenset((*CENTRAL_ASIA, "AF"))
#: Word starts that make a country named after them where people come from, not where
#: something happened ("citizens of Tajikistan", "уроженец Узбекистана", "выходцами из
#: Киргизии", "проникших из Афганистана"). The coder matches them against lemmas, the geoparser
#: against the text.
ORIGIN_STEMS: tuple[str, ...] = (
    "citizen", "national", "native", "immigrant", "migrant", "emigre", "born",
    "граждан", "уроженец", "уроженц", "уроженк", "выходец", "выходц", "иммигрант", "мигрант", "проник",
    "эмигрант", "подданн", "refugee", "беженц")

#: Language names that are also a country's adjective: after "in" and before a break ("written in
#: Uzbek,", "broadcasts in Tajik and Russian") they name the language, not the country.
LANGUAGE_WORDS = frozenset({"uzbek", "tajik", "kazakh", "kyrgyz", "turkmen", "russian", "chinese", "persian",
                            "dari", "pashto", "uyghur", "uighur", "turkish", "english", "arabic", "farsi"})
#: The words before such a name ...
LANGUAGE_BEFORE: tuple[str, ...] = ("in", "into", "from")
#: ... and the words after it that end the phrase ("in Tajik and Russian in Dushanbe").
LANGUAGE_BREAK: tuple[str, ...] = ("and", "or", "in", "on", "at", "from", "by", "for", "to", "with")

COUNTRY_NAMES: dict[str, str] = {
    "KZ": "Kazakhstan",
    "KG": "Kyrgyzstan",
    "TJ": "Tajikistan",
    "TM": "Turkmenistan",
    "UZ": "Uzbekistan",
    "AF": "Afghanistan",
    "CN": "China",
    "IR": "Iran",
    "PK": "Pakistan",
    "RU": "Russia",
}

# --- languages ---------------------------------------------------------------------------

CODED_LANGUAGES: tuple[str, ...] = ("en", "ru")
DETECTED_LANGUAGES: tuple[str, ...] = ("en", "ru", "kk", "uz", "ky", "tg", "tk")

# --- precision codes ---------------------------------------------------------------------

#: ACLED geo_precision: 1 exact town, 2 near a town / small part of a region, 3 region or larger.
ACLED_GEO_PRECISION = {1: "town", 2: "near town or district", 3: "region or larger"}
#: UCDP GED where_prec (Codebook 19.1): 1 exact location, 2 within 25 km, 3 second-order
#: administrative division, 4 first-order administrative division, 5 linear feature or area
#: between admin units, 6 country only, 7 international waters or airspace.
UCDP_WHERE_PREC = {
    1: "exact location",
    2: "within 25 km of a known point",
    3: "second-order administrative division",
    4: "first-order administrative division",
    5: "part of a country larger than an admin-1 unit, or a linear feature",
    6: "country",
    7: "international waters or airspace",
}
#: UCDP GED date_prec: 1 exact day, 2 2-6 days, 3 week, 4 month, 5 more than a month.
UCDP_DATE_PREC = {1: "day", 2: "2-6 days", 3: "week", 4: "month", 5: "more than a month"}

DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "unknown")
DATE_PRECISION_TO_UCDP = {"day": 1, "week": 3, "month": 4, "year": 5, "unknown": 5}

# --- sources and actors ------------------------------------------------------------------

SOURCE_KINDS: tuple[str, ...] = ("rss", "web", "file", "dataset")
STATE_AFFILIATION: tuple[str, ...] = ("independent", "public", "state", "state-aligned", "unknown")

ACTOR_ROLES: tuple[str, ...] = ("initiator", "target", "other")
#: PLOVER actor types (sector codes).
ACTOR_SECTORS: tuple[str, ...] = (
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "IGO", "MED", "EDU",
    "BUS", "CRM", "CVL", "REF", "UAF", "LEG", "HRI", "ENV", "AGR", "LAB", "REL",
)
