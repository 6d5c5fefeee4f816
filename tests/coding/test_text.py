"""Tokens and lemmas: words that begin no vocabulary word skip the morphological analysis."""

from __future__ import annotations

from steppewatch.coding import text


def test_vocabulary_words_are_lemmatised() -> None:
    assert [t.norm for t in text.tokens("пограничники закрыли границу")] == ["пограничник", "закрыть", "граница"]


def test_words_outside_the_vocabulary_are_only_lower_cased() -> None:
    # No cue, alias or country name begins with "щу", so the word is not analysed.
    assert "щу" not in text._gate()
    assert text.normalise("Щуками") == "щуками"


def test_added_vocabulary_is_served(monkeypatch: object) -> None:
    assert text.normalise("Ёжиками") == "ежиками"
    text.add_vocabulary(("ёжик",))
    assert text.normalise("Ёжиками") == "ежик"


def test_phrases_split_like_documents() -> None:
    assert text.word_tokens("gov't forces") == ["gov", "t", "forces"]


def test_a_surname_in_ov_keeps_its_own_lemma() -> None:
    # pymorphy3 reads "Каримов" first as "of the Karims": the surname must not become the given name
    assert text.normalise("Каримов") == text.normalise("Каримова") == "каримов"
    assert text.normalise("Карима") != text.normalise("Каримов")


def test_a_wire_update_number_is_split_from_the_headline() -> None:
    assert text.word_tokens("UPDATE 2-Gunmen kill police officer") == ["UPDATE", "2", "Gunmen", "kill", "police",
                                                                      "officer"]
    assert text.word_tokens("a 2-year-old boy, Dand-e-Patan") == ["a", "2-year-old", "boy", "Dand-e-Patan"]
