"""Words the synthetic reports are built from: actors, victims, numbers, dates, country forms.

The actor table is our own short list of real organisations that appear in regional security
reporting. Persons are never named: reports speak of offices ("the head of the regional
administration"), so no real individual is put into an invented event.
"""

from __future__ import annotations

from datetime import date

# --- countries: English name, adjective, Russian genitive, Russian "в ..." (locative) ------

COUNTRY: dict[str, tuple[str, str, str, str]] = {
    "KZ": ("Kazakhstan", "Kazakh", "Казахстана", "в Казахстане"),
    "KG": ("Kyrgyzstan", "Kyrgyz", "Кыргызстана", "в Кыргызстане"),
    "TJ": ("Tajikistan", "Tajik", "Таджикистана", "в Таджикистане"),
    "TM": ("Turkmenistan", "Turkmen", "Туркменистана", "в Туркменистане"),
    "UZ": ("Uzbekistan", "Uzbek", "Узбекистана", "в Узбекистане"),
    "AF": ("Afghanistan", "Afghan", "Афганистана", "в Афганистане"),
}
#: Russian plural adjective of the border guards of a country ("кыргызские пограничники").
BORDER_ADJ_RU: dict[str, str] = {
    "KG": "кыргызские", "TJ": "таджикские", "UZ": "узбекские", "KZ": "казахстанские",
    "TM": "туркменские", "AF": "афганские",
}

# --- actors: key -> (English, Russian, country, PLOVER sector) ------------------------------

ACTORS: dict[str, tuple[str, str, str | None, str]] = {
    "kg_border": ("the Border Service of Kyrgyzstan's GKNB", "Пограничная служба ГКНБ Кыргызстана", "KG", "MIL"),
    "tj_border": ("the Border Troops of Tajikistan's GKNB", "Пограничные войска ГКНБ Таджикистана", "TJ", "MIL"),
    "uz_border": ("the Border Troops of Uzbekistan's State Security Service",
                  "Пограничные войска СГБ Узбекистана", "UZ", "MIL"),
    "tm_border": ("the State Border Service of Turkmenistan", "Государственная пограничная служба Туркменистана",
                  "TM", "MIL"),
    "kz_border": ("the Border Service of Kazakhstan's National Security Committee",
                  "Пограничная служба КНБ Казахстана", "KZ", "MIL"),
    "kg_gknb": ("Kyrgyzstan's State Committee for National Security (GKNB)", "ГКНБ Кыргызстана", "KG", "SPY"),
    "tj_gknb": ("Tajikistan's State Committee for National Security", "ГКНБ Таджикистана", "TJ", "SPY"),
    "uz_sgb": ("Uzbekistan's State Security Service", "Служба государственной безопасности Узбекистана", "UZ", "SPY"),
    "tm_mns": ("Turkmenistan's Ministry of National Security", "МНБ Туркменистана", "TM", "SPY"),
    "kz_knb": ("Kazakhstan's National Security Committee (KNB)", "КНБ Казахстана", "KZ", "SPY"),
    "tj_dca": ("Tajikistan's Drug Control Agency", "Агентство по контролю за наркотиками Таджикистана", "TJ", "COP"),
    "kg_mvd": ("Kyrgyzstan's Interior Ministry", "МВД Кыргызстана", "KG", "COP"),
    "kz_mvd": ("Kazakhstan's Interior Ministry", "МВД Казахстана", "KZ", "COP"),
    "uz_mvd": ("Uzbekistan's Interior Ministry", "МВД Узбекистана", "UZ", "COP"),
    "tj_mvd": ("Tajikistan's Interior Ministry", "МВД Таджикистана", "TJ", "COP"),
    "taliban": ("the Taliban", "талибы", "AF", "GOV"),
    "taliban_border": ("Taliban border forces", "пограничные силы талибов", "AF", "MIL"),
    "iskp": ("the Islamic State Khorasan Province (ISKP)", "группировка «Вилаят Хорасан» (ИГ-Х)", None, "REB"),
    "imu": ("the Islamic Movement of Uzbekistan (IMU)", "Исламское движение Узбекистана (ИДУ)", None, "REB"),
    "ansarullah": ("Jamaat Ansarullah", "группировка «Джамаат Ансаруллах»", None, "REB"),
    "csto": ("the Collective Security Treaty Organization (CSTO)", "ОДКБ", None, "IGO"),
    "sco": ("the Shanghai Cooperation Organisation", "ШОС", None, "IGO"),
    "ru_201": ("Russia's 201st military base", "201-я российская военная база", "RU", "MIL"),
    "ru_kant": ("the Russian air base at Kant", "российская авиабаза «Кант»", "RU", "MIL"),
    "kz_mod": ("Kazakhstan's Defence Ministry", "Минобороны Казахстана", "KZ", "MIL"),
    "kg_mod": ("Kyrgyzstan's Defence Ministry", "Минобороны Кыргызстана", "KG", "MIL"),
    "tj_mod": ("Tajikistan's Defence Ministry", "Минобороны Таджикистана", "TJ", "MIL"),
    "uz_mod": ("Uzbekistan's Defence Ministry", "Минобороны Узбекистана", "UZ", "MIL"),
    "kg_mchs": ("Kyrgyzstan's Emergencies Ministry", "МЧС Кыргызстана", "KG", "GOV"),
    "tj_kchs": ("Tajikistan's Committee for Emergency Situations", "КЧС Таджикистана", "TJ", "GOV"),
    "kz_mchs": ("Kazakhstan's Emergencies Ministry", "МЧС Казахстана", "KZ", "GOV"),
    "uz_mchs": ("Uzbekistan's Emergencies Ministry", "МЧС Узбекистана", "UZ", "GOV"),
    "uz_water": ("Uzbekistan's Water Resources Ministry", "Министерство водного хозяйства Узбекистана", "UZ", "GOV"),
    "kg_water": ("Kyrgyzstan's Water Resources Service", "Служба водных ресурсов Кыргызстана", "KG", "GOV"),
    "tj_energy": ("Tajikistan's Energy Ministry", "Минэнерго Таджикистана", "TJ", "GOV"),
    "uztransgaz": ("Uztransgaz", "компания «Узтрансгаз»", "UZ", "BUS"),
    "qazaqgaz": ("QazaqGaz", "компания QazaqGaz", "KZ", "BUS"),
    "turkmengaz": ("Turkmengaz", "госконцерн «Туркменгаз»", "TM", "BUS"),
    "cnpc": ("China National Petroleum Corporation (CNPC)", "Китайская национальная нефтегазовая корпорация (CNPC)",
             "CN", "BUS"),
    "kg_power": ("Kyrgyzstan's national grid operator", "Национальная электрическая сеть Кыргызстана", "KG", "BUS"),
    "kg_cec": ("Kyrgyzstan's Central Election Commission", "ЦИК Кыргызстана", "KG", "GOV"),
    "kz_cec": ("Kazakhstan's Central Election Commission", "ЦИК Казахстана", "KZ", "GOV"),
    "uz_cec": ("Uzbekistan's Central Election Commission", "ЦИК Узбекистана", "UZ", "GOV"),
    "kg_culture": ("Kyrgyzstan's Culture Ministry", "Минкультуры Кыргызстана", "KG", "GOV"),
    "un": ("the United Nations", "ООН", None, "IGO"),
    "unrcca": ("the UN Regional Centre for Preventive Diplomacy for Central Asia (UNRCCA)",
               "Региональный центр ООН по превентивной дипломатии для Центральной Азии (UNRCCA)", None, "IGO"),
}
#: Grammatical gender of each actor's Russian name (f, m, n, p = plural): verbs agree with it.
RU_GENDER: dict[str, str] = {
    "kg_border": "f", "tj_border": "p", "uz_border": "p", "tm_border": "f", "kz_border": "f", "kg_gknb": "m",
    "tj_gknb": "m", "uz_sgb": "f", "tm_mns": "n", "kz_knb": "m", "tj_dca": "n", "kg_mvd": "n", "kz_mvd": "n",
    "uz_mvd": "n", "tj_mvd": "n", "taliban": "p", "taliban_border": "p", "iskp": "f", "imu": "n",
    "ansarullah": "f", "csto": "f", "sco": "f", "ru_201": "f", "ru_kant": "f", "kz_mod": "n", "kg_mod": "n",
    "tj_mod": "n", "uz_mod": "n", "kg_mchs": "n", "tj_kchs": "m", "kz_mchs": "n", "uz_mchs": "n",
    "uz_water": "n", "kg_water": "f", "tj_energy": "n", "uztransgaz": "f", "qazaqgaz": "f", "turkmengaz": "m",
    "cnpc": "f", "kg_power": "f", "kg_cec": "m", "kz_cec": "m", "uz_cec": "m", "kg_culture": "n", "un": "f",
    "unrcca": "m",
}
_ENDINGS = {"f": "а", "m": "", "n": "о", "p": "и"}


def ru_verb(stem: str, actor: str) -> str:
    """Past tense agreeing with the actor: ru_verb("сообщил", "kg_border") -> "сообщила"."""
    ending = _ENDINGS[RU_GENDER.get(actor, "m")]
    if stem == "провёл" and ending:
        stem = "провел"
    return stem + ending


#: Russian forms of armed groups: nominative, genitive, dative, prepositional.
GROUP_RU: dict[str, tuple[str, str, str, str]] = {
    "iskp": ("группировка «Вилаят Хорасан»", "группировки «Вилаят Хорасан»", "группировке «Вилаят Хорасан»",
             "группировке «Вилаят Хорасан»"),
    "imu": ("Исламское движение Узбекистана", "Исламского движения Узбекистана", "Исламскому движению Узбекистана",
            "Исламском движении Узбекистана"),
    "ansarullah": ("группировка «Джамаат Ансаруллах»", "группировки «Джамаат Ансаруллах»",
                   "группировке «Джамаат Ансаруллах»", "группировке «Джамаат Ансаруллах»"),
}
GROUP_SHORT: dict[str, str] = {"iskp": "ISKP", "imu": "the IMU", "ansarullah": "Jamaat Ansarullah"}

BORDER_SERVICE: dict[str, str] = {"KG": "kg_border", "TJ": "tj_border", "UZ": "uz_border", "TM": "tm_border",
                                  "KZ": "kz_border", "AF": "taliban_border"}
SECURITY: dict[str, str] = {"KG": "kg_gknb", "TJ": "tj_gknb", "UZ": "uz_sgb", "KZ": "kz_knb", "TM": "tm_mns"}
POLICE: dict[str, str] = {"KG": "kg_mvd", "KZ": "kz_mvd", "UZ": "uz_mvd", "TJ": "tj_mvd"}
DEFENCE: dict[str, str] = {"KG": "kg_mod", "KZ": "kz_mod", "TJ": "tj_mod", "UZ": "uz_mod"}
EMERGENCY: dict[str, str] = {"KG": "kg_mchs", "TJ": "tj_kchs", "KZ": "kz_mchs", "UZ": "uz_mchs"}
CEC: dict[str, str] = {"KG": "kg_cec", "KZ": "kz_cec", "UZ": "uz_cec"}

# --- victims: English singular, plural; Russian forms for 1, 2-4, 5+ (and collective use) ---

VICTIMS: dict[str, tuple[str, str, str, str, str]] = {
    "guard": ("border guard", "border guards", "пограничник", "пограничника", "пограничников"),
    "soldier": ("soldier", "soldiers", "военнослужащий", "военнослужащих", "военнослужащих"),
    "civilian": ("civilian", "civilians", "мирный житель", "мирных жителя", "мирных жителей"),
    "person": ("person", "people", "человек", "человека", "человек"),
    "police": ("police officer", "police officers", "полицейский", "полицейских", "полицейских"),
    "suspect": ("suspect", "suspects", "подозреваемый", "подозреваемых", "подозреваемых"),
    "smuggler": ("smuggler", "smugglers", "контрабандист", "контрабандиста", "контрабандистов"),
    "protester": ("protester", "protesters", "участник акции", "участника акции", "участников акции"),
}

_EN_NUM = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
           "twelve")
_RU_NUM = ("ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять",
           "одиннадцать", "двенадцать")
_RU_COLLECTIVE = {2: "двое", 3: "трое", 4: "четверо", 5: "пятеро", 6: "шестеро"}


def en_num(n: int) -> str:
    return _EN_NUM[n] if n < len(_EN_NUM) else str(n)


def en_count(n: int, victim: str) -> str:
    """"two border guards", "one civilian"."""
    sg, pl = VICTIMS[victim][:2]
    return f"{en_num(n)} {sg if n == 1 else pl}"


def ru_form(n: int, forms: tuple[str, str, str]) -> str:
    """The Russian noun form that agrees with ``n`` (1 / 2-4 / 5+ and teens)."""
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def ru_count(n: int, victim: str, collective: bool = False) -> str:
    """"трое пограничников", "два пограничника", "15 человек"."""
    forms = VICTIMS[victim][2:]
    if collective and n in _RU_COLLECTIVE and victim not in ("person", "civilian", "protester"):
        return f"{_RU_COLLECTIVE[n]} {forms[2]}"
    word = _RU_NUM[n] if n < len(_RU_NUM) else str(n)
    if n == 1 and victim == "civilian":
        word = "один"
    return f"{word} {ru_form(n, forms)}"


def ru_plural_verb(n: int, singular: str, plural: str) -> str:
    return singular if n % 10 == 1 and n % 100 != 11 else plural


# --- dates --------------------------------------------------------------------------------

WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_RU = ("в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу", "в воскресенье")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря")


def en_when(day: date, lag: int, pick: int) -> str:
    """How an English report dates an event ``lag`` days before publication."""
    if lag == 1 and pick % 4 == 0:
        return "yesterday"
    if lag == 0 and pick % 5 == 0:
        return "today"
    if pick % 3 == 0:
        return f"on {day.day} {MONTHS_EN[day.month - 1]}"
    if pick % 7 == 1:
        return f"on {MONTHS_EN[day.month - 1]} {day.day}, {day.year}"
    return f"on {WEEKDAYS_EN[day.weekday()]}"


def ru_when(day: date, lag: int, pick: int) -> str:
    """How a Russian report dates an event: "во вторник", "12 марта", "вчера"."""
    if lag == 1 and pick % 4 == 0:
        return "вчера"
    if lag == 0 and pick % 5 == 0:
        return "сегодня"
    if pick % 3 == 0:
        return f"{day.day} {MONTHS_RU[day.month - 1]}"
    if pick % 7 == 1:
        return f"{day.day} {MONTHS_RU[day.month - 1]} {day.year} года"
    return WEEKDAYS_RU[day.weekday()]


DRUGS: dict[str, tuple[str, str]] = {
    "heroin": ("heroin", "героина"),
    "hashish": ("hashish", "гашиша"),
    "opium": ("opium", "опия"),
    "methamphetamine": ("methamphetamine", "метамфетамина"),
    "marijuana": ("marijuana", "марихуаны"),
}
