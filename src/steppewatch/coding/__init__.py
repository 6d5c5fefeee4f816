"""Event coding: language, categories, actors, dates, counts and modes, mentions to events.

``RuleCoder`` turns a :class:`~steppewatch.models.Document` into sentence-level mentions;
:func:`steppewatch.coding.merge.merge_mentions` joins mentions of the same real event.
"""

from __future__ import annotations

from .coder import CODER_NAME, CODER_VERSION, CodedMention, CodingResult, RuleCoder
from .language import LanguageGuess, detect_language

__all__ = [
    "CODER_NAME",
    "CODER_VERSION",
    "CodedMention",
    "CodingResult",
    "LanguageGuess",
    "RuleCoder",
    "detect_language",
]
