from __future__ import annotations

import pytest

from steppewatch.coding.language import detect_language

CASES = [
    ("Border guards of Kyrgyzstan and Tajikistan exchanged fire on Tuesday, officials said.", "en", True),
    ("Пограничники Киргизии и Таджикистана открыли огонь на границе, сообщили в ведомстве.", "ru", True),
    ("Президент вводит режим чрезвычайного положения до 5 января.", "ru", True),
    ("Қазақстан Республикасының шекара қызметі бүгін мәлімдеме жасады және ол туралы айтты.", "kk", False),
    ("Тоҷикистон ва Қирғизистон дар бораи марз гуфтугӯ карданд ва ин барои ҳарду муҳим аст.", "tg", False),
    ("O'zbekiston va Qozog'iston chegarasi bo'yicha kelishuv imzolandi, bu haqida xabar berildi.", "uz", False),
    ("Türkmenistan bilen Owganystan serhedi boýunça gepleşikler geçirildi we bu barada aýdyldy.", "tk", False),
]


@pytest.mark.parametrize(("text", "code", "coded"), CASES, ids=[c[1] + str(i) for i, c in enumerate(CASES)])
def test_detect(text: str, code: str, coded: bool) -> None:
    guess = detect_language(text)
    assert guess.code == code
    assert guess.coded is coded


def test_hint_wins_when_script_agrees() -> None:
    assert detect_language("Some English text here.", "en").code == "en"
