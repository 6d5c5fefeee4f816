"""Modes of a mention: negated, hypothetical or future, and claimed by someone.

The cues are read in the mention's sentence only. A negation counts when it stands within a few
words before the event cue ("denied any clash", "не было столкновений"); hypothetical/future cues
anywhere before the cue in the sentence ("threatened to close the border", "может закрыть").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NEG = re.compile(
    r"(?:\b(?:denied|denies|deny|refuted|rejected reports of|no|not|never|without|neither|nor)\b|"
    r"(?<!\w)(?:не(?!\s+(?:менее|более|меньше|больше|только|раз|позднее|реже|получа\w*|доход\w*|поступа\w*|хвата\w*|прекраща(?:ются|ется|лись|лась|лся)|утиха\w*|стиха\w*|согласова\w*))|нет|ни|никаких|никого|опроверг\w*|отрица\w*)(?!\w))",
    re.I)
#: Future, plans and threats; "may" beside a day number is the month ("on 18 May 2022").
_HYPO = re.compile(
    r"(?:\b(?:threat\w*|(?<!\d )may(?! \d)|might|could|would|will|plans? to|planning|planned|intends?|if|"
    r"possible|possibly|risk of|prepar\w* to|expected to|aims? to|calls? for|proposed?|by 20\d\d)\b|"
    r"(?<!\w)(?:угрож\w*|пригрози\w*|может|могут|мог\w*|будет|будут|планиру\w*|намерен\w*|если|"
    r"возможн\w*|предлага\w*|предложи\w*|собира\w*|призва\w*|готов\w*|ожидает\w*|ожидают\w*|ожидается|"
    r"к 20\d\d году)(?!\w))", re.I)
#: "left X without", "leaving X without": deprivation, not negation.
_DEPRIVED = re.compile(r"\b(?:left|leaving|leaves|leave)\b", re.I)
#: A failure to agree ("не смогли договориться о распределении воды", "could not agree on"): the
#: dispute is the event, not a denial of it.
_FAILED_TO_AGREE = re.compile(
    r"(?:\b(?:could not|did not|failed to|cannot|can't) (?:agree|reach (?:an )?agreement|share|divide)|"
    r"\bno agreement\b|\bwithout (?:agreeing|an agreement|agreement)\b|"
    r"(?<!\w)не (?:смогл?и?|сумел\w*|удалось|договорил\w*|достигл\w*)(?: (?:договориться|согласовать|"
    r"прийти к (?:согласию|соглашению)|соглашения|согласия))?(?!\w)|"
    r"(?<!\w)не мо(?:гут|жет) (?:поделить|разделить|договориться|согласовать)(?!\w))", re.I)
#: An agreement before a future word makes the future its content ("agreed a plan under which
#: Bishkek will be allotted ...", "подписали соглашение, по которому ... будет"): the event is the
#: agreement.
_AGREED = re.compile(r"(?:\b(?:agreed|signed|approved|adopted|ratified)\b|"
                     r"(?<!\w)(?:подписал\w*|договорил\w*|утвердил\w*|согласовал\w*|ратифицировал\w*)(?!\w))",
                     re.I)
#: An arrest or a raid before a plan word makes the plan the reason for it, not the event ("ликвидировало
#: ячейку, готовившую нападения").
_ARREST = re.compile(r"(?:\b(?:arrest\w*|detain\w*|apprehend\w*|foiled|thwarted|dismantled|neutrali[sz]ed)\b|"
                     r"(?<!\w)(?:задерж\w*|арестова\w*|ликвидирова\w*|обезвреди\w*|предотврати\w*)(?!\w))", re.I)
_CLAIM = re.compile(
    r"(?:\b(?:claimed responsibility|claimed|claims|according to|said|says|reported|alleged\w*)\b|"
    r"(?<!\w)(?:взял\w* на себя ответственность|по данным|по словам|по версии|сообщил\w*|заявил\w*|"
    r"утвержда\w*|как передает|как сообщает)(?!\w))", re.I)


# Habitual and standing states ("hit the region every winter", "остаётся одним из главных
# маршрутов", "keeps its largest base", "с 2003 года входит в состав", a recap "напомнил ТАСС"):
# background, not an event, unless the sentence dates it.
_GENERIC = re.compile(
    r"(?:\b(?:every (?:year|winter|summer|spring|autumn|month|week)|each year|annually|for (?:years|decades)|"
    r"regularly|usually|often|frequently|traditionally|historically|remains?|will remain|keeps|maintains|"
    r"has long|have long|are (?:frequent|rare|common)|since \d{4}|is the (?:largest|biggest))\b|"
    r"(?<!\w)(?:ежегодно|каждый год|каждую (?:зиму|весну|осень)|каждое лето|регулярно|нередко|часто|обычно|"
    r"как правило|традиционно|годами|на протяжении (?:многих )?лет|до сих пор|оста[её]тся|остаются|останется|"
    r"останутся|сохраня\w*|редки|держит|располагает|располагают|расположен[аоы]?|"
    r"напомни\w*|входит в состав|с \d{4} года|\d+ лет назад)(?!\w))",
    re.I)


#: A superlative before "since 2021" ("the most senior visit since 2021", "первый с 2003 года"):
#: a record, not a standing state.
_RECORD = re.compile(r"(?i)\b(?:first|most|biggest|largest|highest|worst|only|last|первы\w*|крупнейш\w*|"
                     r"самы\w*|впервые)\b[^.]{0,60}$")
_SINCE = re.compile(r"(?i)since \d{4}|с \d{4} года")
#: A relative clause after a comma ("..., who had led the country since 2006", "..., который
#: возглавлял страну с 2007 года") describes a participant: its standing state is not the event's.
_RELATIVE = re.compile(r"(?i),\s*(?:who|whose|which|котор\w*)\b[^,;:]*$")


def background(text: str, sent: tuple[int, int]) -> tuple[int, int] | None:
    """Offsets of a habitual or standing-state word in the sentence, if any."""
    m = _GENERIC.search(text, sent[0], sent[1])
    while m is not None and (_SINCE.fullmatch(m.group()) and _RECORD.search(text, sent[0], m.start())
                             or _RELATIVE.search(text, sent[0], m.start())):
        m = _GENERIC.search(text, m.end(), sent[1])
    if m is None or _AGREED.search(text, sent[0], m.start()):
        return None  # "agreed a plan under which Bishkek gets ... annually": the agreement is the event
    return m.start(), m.end()


@dataclass(frozen=True, slots=True)
class Modes:
    negated: bool
    hypothetical: bool
    claimed: bool
    negation_span: tuple[int, int] | None = None
    hypothetical_span: tuple[int, int] | None = None
    claim_span: tuple[int, int] | None = None


def read_modes(text: str, sent: tuple[int, int], cue: tuple[int, int]) -> Modes:
    s, _ = sent
    cue_start, cue_end = cue
    # searched in place, not in a slice: a window that starts inside a word ("...стане") must
    # not turn its tail into a negation ("не")
    base = max(s, cue_start - 30)
    neg = None
    for m in _NEG.finditer(text, base, cue_start):
        neg = m
    if neg is not None and neg.group().lower() == "without" and _DEPRIVED.search(
            text, max(s, neg.start() - 60), neg.start()):
        neg = None  # "left the fields without irrigation": a loss, not a denial
    failed = [f.span() for f in _FAILED_TO_AGREE.finditer(text, s, cue_start)]
    if neg is not None and any(a <= neg.start() < b for a, b in failed):
        neg = None  # "could not agree on water quotas": a dispute, not a denial
    # A negation after the cue in "... was not killed" style is also read, within 12 characters.
    after = _NEG.search(text[cue_end:cue_end + 12]) if neg is None else None
    hypo = None
    for m in _HYPO.finditer(text[s:cue_start]):
        hypo = m
    if hypo is not None and _ARREST.search(text, s, s + hypo.start()):
        hypo = None  # "detained three men planning an attack": the event is the arrest
    if hypo is not None and _AGREED.search(text, s, s + hypo.start()):
        hypo = None  # "agreed a plan under which ... will": the event is the agreement
    if hypo is not None and any(a <= s + hypo.start() < b for a, b in failed):
        hypo = None  # "не могут поделить воду": they fail to, now
    claim = _CLAIM.search(text[s:sent[1]])
    neg_span = None
    if neg is not None:
        neg_span = (neg.start(), neg.end())
    elif after is not None and text[cue_end:cue_end + 12].lstrip().lower().startswith(("not", "не ")):
        neg_span = (cue_end + after.start(), cue_end + after.end())
    return Modes(
        negated=neg_span is not None,
        hypothetical=hypo is not None,
        claimed=claim is not None,
        negation_span=neg_span,
        hypothetical_span=(s + hypo.start(), s + hypo.end()) if hypo else None,
        claim_span=(s + claim.start(), s + claim.end()) if claim else None,
    )
