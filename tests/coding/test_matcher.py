"""The phrase index that finds cue words, actor aliases and country names."""

from __future__ import annotations

from steppewatch.coding.matcher import PhraseIndex
from steppewatch.coding.text import add_vocabulary, tokens


def _found(index: PhraseIndex[str], text: str) -> list[tuple[str, str]]:
    return [(m.payload, text[m.start:m.end]) for m in index.find(tokens(text))]


def test_a_prefix_matches_a_participle_as_written_although_it_lemmatises_to_its_verb() -> None:
    add_vocabulary(["запрещенн*", "организаци*", "бронированн*"])
    index: PhraseIndex[str] = PhraseIndex(max_gap=2)
    index.add_phrase("запрещенн* организаци*", "banned")
    index.add_phrase("бронированн* автомобил*", "armoured")
    assert tokens("запрещенной")[0].norm == "запретить"  # why the written form is needed
    text = "Суд осудил членов запрещённой организации; Россия передала бронированные автомобили."
    assert _found(index, text) == [("banned", "запрещённой организации"),
                                   ("armoured", "бронированные автомобили")]


def test_a_prefix_matches_a_noun_whose_lemma_drops_a_fleeting_vowel() -> None:
    add_vocabulary(["паводк*"])
    index: PhraseIndex[str] = PhraseIndex(max_gap=2)
    index.add_phrase("паводк*", "flood")
    assert tokens("Паводки")[0].norm == "паводок"  # "паводк" is no prefix of the lemma
    assert _found(index, "Паводки затопили сёла.") == [("flood", "Паводки")]
    assert _found(index, "Паводок затопил сёла.") == []  # the prefix as written, not more


def test_a_prefix_still_matches_the_lemma_and_a_whole_word_only_the_lemma() -> None:
    add_vocabulary(["граница", "закрыть"])
    index: PhraseIndex[str] = PhraseIndex(max_gap=2)
    index.add_phrase("закрыть граница", "closure")
    index.add_phrase("границ*", "border")
    text = "Казахстан закрыл границы."
    assert sorted(_found(index, text)) == [("border", "границы"), ("closure", "закрыл границы")]
    # "закрыл" is not the whole word "закрыть" as written: only its lemma matches
    assert _found(index, "Закрыл.") == []


def test_english_words_match_as_before() -> None:
    index: PhraseIndex[str] = PhraseIndex(max_gap=2)
    index.add_phrase("reopen* border", "reopening")
    assert _found(index, "Kyrgyzstan reopened its border with Kazakhstan.") == [
        ("reopening", "reopened its border")]
    assert _found(index, "The border was quiet.") == []


def test_a_gap_does_not_skip_to() -> None:
    index: PhraseIndex[str] = PhraseIndex(max_gap=2)
    index.add_phrase("close the border", "closure")
    assert _found(index, "Troops held drills close to the border.") == []
    assert _found(index, "They will close the border.") == [("closure", "close the border")]
    assert _found(index, "They will close the whole border.") == [("closure", "close the whole border")]
